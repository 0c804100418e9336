package dev.kforge.dsl.cli;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Origin;
import dev.kforge.dsl.diff.EnvironmentFamily;
import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The command line of a project's environments:
 * <pre>
 *   render ENV|all [--out DIR]   check and write out/ENV (default DIR: out)
 *   check [--out DIR] [--deployed DIR]   check, and fail when the committed out/ is not what the code renders; with
 *                                --deployed, breaking changes are judged against that output (the cluster's) instead
 *   secrets ENV [--stdout] [--out DIR]   build ENV's Secrets from the environment and .env.ENV
 *                                (default DIR: secrets, git-ignored; --stdout for kubectl apply -f -)
 *   diff FROM TO                 the fields that differ between two environments
 *   apply-command ENV [--out DIR]   the kubectl apply --prune line for ENV, with every kind it renders
 *   list                         the environment names
 * </pre>
 * Exit codes: 0 success, 1 problems found (nothing written), 2 usage error.
 */
public final class Cli {
    private final List<EnvironmentDefinition> environments;
    private final PrintStream out;
    /** Set by the Makefile, so that usage errors show make's syntax. */
    static final String VIA_MAKE = "KFORGE_VIA_MAKE";
    /** Where manifests are rendered without {@code --out}. */
    static final String DEFAULT_OUT = "out";

    private final PrintStream err;
    private final Console console;
    private final Map<String, String> variables;
    private final Path workingDirectory;

    /** A command line reading secret values from the process environment and the current folder. */
    public Cli(List<EnvironmentDefinition> environments, PrintStream out, PrintStream err) {
        this(environments, List.of(), out, err);
    }

    /** As {@link #Cli(List, PrintStream, PrintStream)}, {@code render} and {@code check} holding each family to its allowed differences. */
    public Cli(List<EnvironmentDefinition> environments, List<EnvironmentFamily> families, PrintStream out, PrintStream err) {
        this(environments, families, out, err, System.getenv(), Path.of(""));
    }

    /**
     * @param variables        where {@code secrets} reads values first
     * @param workingDirectory where {@code secrets} finds {@code .env.<env>}
     */
    public Cli(List<EnvironmentDefinition> environments, PrintStream out, PrintStream err, Map<String, String> variables,
               Path workingDirectory) {
        this(environments, List.of(), out, err, variables, workingDirectory);
    }

    /** As above, {@code render} and {@code check} holding each of {@code families} to its allowed differences. */
    public Cli(List<EnvironmentDefinition> environments, List<EnvironmentFamily> families, PrintStream out, PrintStream err,
               Map<String, String> variables, Path workingDirectory) {
        this.environments = List.copyOf(environments);
        this.out = out;
        this.err = err;
        this.console = new Console(out, err, this.environments, List.copyOf(families));
        this.variables = Map.copyOf(variables);
        this.workingDirectory = workingDirectory;
    }

    /**
     * Lists the environments, then runs {@code args} on them: an invalid constant met while listing them (a profile's
     * amount, read by a static initializer) is a definition problem at its line, not a JVM stack trace.
     */
    public static int run(Supplier<List<EnvironmentDefinition>> environments, PrintStream out, PrintStream err, String... args) {
        return run(environments, List::of, out, err, args);
    }

    /** As {@link #run(Supplier, PrintStream, PrintStream, String...)}, {@code render} and {@code check} holding each family to its allowed differences. */
    public static int run(Supplier<List<EnvironmentDefinition>> environments, Supplier<List<EnvironmentFamily>> families, PrintStream out,
                          PrintStream err, String... args) {
        List<EnvironmentDefinition> listed;
        List<EnvironmentFamily> declared;
        try {
            listed = environments.get();
            declared = families.get();
        } catch (ExceptionInInitializerError e) {
            return definitionError(e.getCause() == null ? e : e.getCause(), err);
        } catch (InvalidDefinitionException e) { // a family refused at its declaration
            return definitionError(e, err);
        }
        return new Cli(listed, declared, out, err).run(args);
    }

    private static int definitionError(Throwable cause, PrintStream err) {
        Origin origin = Origin.of(cause);
        err.println("ERROR definition: " + cause.getMessage() + (Origin.UNKNOWN.equals(origin) ? "" : " [at " + origin + "]"));
        err.println("Nothing was written: fix the problem above and run again.");
        return 1;
    }

    /** Runs the command {@code args} and returns the process exit code. */
    public int run(String... args) {
        Set<String> seen = new HashSet<>();
        Set<String> twice = new TreeSet<>();
        for (EnvironmentDefinition environment : environments) {
            if (!seen.add(environment.name())) {
                twice.add(environment.name());
            }
        }
        if (!twice.isEmpty()) {
            // Each environment renders to out/<name>: a second one of a name would replace the first's output.
            err.println("Environment names must be unique, each renders to out/<name>: " + String.join(", ", twice)
                    + " given more than once. Give another service's environments names of their own (e.g. worker-dev).");
            return 2;
        }
        List<String> words = new ArrayList<>(List.of(args));
        for (String flag : List.of("--out", "--deployed")) {
            int at = words.indexOf(flag);
            if (at >= 0 && at + 1 >= words.size()) {
                return usage(flag + " needs a folder");
            }
        }
        Path outDir = takeFolder(words, "--out").orElse(null);
        Path deployed = takeFolder(words, "--deployed").orElse(null);
        boolean toStdout = words.remove("--stdout");
        if (words.isEmpty()) {
            return usage("no command");
        }
        String command = words.get(0);
        List<String> rest = words.subList(1, words.size());
        if (toStdout && !command.equals("secrets")) {
            return usage("--stdout is for secrets only, not " + command);
        }
        if (deployed != null && !command.equals("check")) {
            return usage("--deployed is for check only, not " + command);
        }
        if (deployed != null && !Files.isDirectory(deployed)) {
            return usage("--deployed " + deployed + " is not a folder: give the output the cluster runs, e.g. out/ of the deployed commit "
                    + "(make check DEPLOYED=<git ref> extracts it)");
        }
        Path output = outDir != null ? outDir : Path.of(command.equals("secrets") ? "secrets" : DEFAULT_OUT);
        switch (command) {
            case "render":
                return rest.size() == 1 ? RenderCommand.run(console, rest.get(0), output) : usage("render takes one environment or \"all\"");
            case "check":
                return rest.isEmpty() ? CheckCommand.run(console, output, Optional.ofNullable(deployed)) : usage("check takes no arguments");
            case "secrets":
                return rest.size() == 1 ? SecretsCommand.run(console, rest.get(0), output, toStdout, variables, workingDirectory)
                        : usage("secrets takes one environment");
            case "apply-command":
                return rest.size() == 1 ? ApplyCommand.run(console, rest.get(0), output) : usage("apply-command takes one environment");
            case "diff":
                if (rest.size() == 2 && rest.get(0).equals(rest.get(1))) {
                    return usage("diff compares two environments; FROM and TO are both \"" + rest.get(0) + "\"");
                }
                return rest.size() == 2 ? DiffCommand.run(console, rest.get(0), rest.get(1)) : usage("diff takes two environments: FROM TO");
            case "list":
                environments.forEach(e -> out.println(e.name()));
                return 0;
            default:
                return usage("unknown command \"" + command + "\"");
        }
    }

    /** The folder after {@code flag}, removing both from {@code words}; the flag must not be the last word. */
    private static Optional<Path> takeFolder(List<String> words, String flag) {
        int at = words.indexOf(flag);
        if (at < 0) {
            return Optional.empty();
        }
        Path folder = Path.of(words.get(at + 1));
        words.subList(at, at + 2).clear();
        return Optional.of(folder);
    }

    private int usage(String problem) {
        err.println("Usage error: " + problem + ".");
        // The Makefile sets this: its users type make targets, not the jar's arguments.
        String commands = variables.containsKey(VIA_MAKE)
                ? "make render ENV=<env>|all [OUT=dir], make check [OUT=dir] [DEPLOYED=<git ref>], make secrets ENV=<env> [STDOUT=1], make diff FROM=<env> TO=<env>, make apply-command ENV=<env> [OUT=dir]"
                : "render ENV|all [--out DIR], check [--out DIR] [--deployed DIR], secrets ENV [--stdout] [--out DIR], diff FROM TO, apply-command ENV [--out DIR], list";
        err.println("Commands: " + commands + ". Environments: " + String.join(", ", console.names()) + ".");
        return 2;
    }
}
