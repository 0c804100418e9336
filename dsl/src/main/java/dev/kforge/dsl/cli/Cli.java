package dev.kforge.dsl.cli;

import dev.kforge.dsl.check.BreakingChangesCheck;
import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.diff.EnvironmentDiff;
import dev.kforge.dsl.diff.FieldDifference;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.output.OutputDirectory;
import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import dev.kforge.dsl.pipeline.RenderResult;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.secrets.DotEnvFile;
import dev.kforge.dsl.secrets.SecretManifests;
import dev.kforge.dsl.stack.Stack;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The command line of a project's environments:
 * <pre>
 *   render ENV|all [--out DIR]   check and write out/ENV (default DIR: out)
 *   check [--out DIR]            check, and fail when the committed out/ is not what the code renders
 *   secrets ENV [--stdout] [--out DIR]   build ENV's Secrets from the environment and .env.ENV
 *                                (default DIR: secrets, git-ignored; --stdout for kubectl apply -f -)
 *   diff FROM TO                 the fields that differ between two environments
 *   list                         the environment names
 * </pre>
 * Exit codes: 0 success, 1 problems found (nothing written), 2 usage error.
 */
public final class Cli {
    private final List<EnvironmentDefinition> environments;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> variables;
    private final Path workingDirectory;

    /** A command line reading secret values from the process environment and the current folder. */
    public Cli(List<EnvironmentDefinition> environments, PrintStream out, PrintStream err) {
        this(environments, out, err, System.getenv(), Path.of(""));
    }

    /**
     * @param variables        where {@code secrets} reads values first
     * @param workingDirectory where {@code secrets} finds {@code .env.<env>}
     */
    public Cli(List<EnvironmentDefinition> environments, PrintStream out, PrintStream err, Map<String, String> variables,
               Path workingDirectory) {
        this.environments = List.copyOf(environments);
        this.out = out;
        this.err = err;
        this.variables = Map.copyOf(variables);
        this.workingDirectory = workingDirectory;
    }

    /** Runs the command and returns the process exit code. */
    public int run(String... args) {
        List<String> words = new ArrayList<>(List.of(args));
        Path outDir = null;
        int flag = words.indexOf("--out");
        if (flag >= 0) {
            if (flag + 1 >= words.size()) {
                return usage("--out needs a folder");
            }
            outDir = Path.of(words.get(flag + 1));
            words.subList(flag, flag + 2).clear();
        }
        boolean toStdout = words.remove("--stdout");
        if (words.isEmpty()) {
            return usage("no command");
        }
        String command = words.get(0);
        List<String> rest = words.subList(1, words.size());
        Path output = outDir != null ? outDir : Path.of(command.equals("secrets") ? "secrets" : "out");
        switch (command) {
            case "render":
                return rest.size() == 1 ? render(rest.get(0), output) : usage("render takes one environment or \"all\"");
            case "check":
                return rest.isEmpty() ? check(output) : usage("check takes no arguments");
            case "secrets":
                return rest.size() == 1 ? secrets(rest.get(0), output, toStdout) : usage("secrets takes one environment");
            case "diff":
                return rest.size() == 2 ? diff(rest.get(0), rest.get(1)) : usage("diff takes two environments: FROM TO");
            case "list":
                environments.forEach(e -> out.println(e.name()));
                return 0;
            default:
                return usage("unknown command \"" + command + "\"");
        }
    }

    private int render(String requested, Path outDir) {
        List<String> targets = requested.equals("all") ? names() : List.of(requested);
        if (targets.isEmpty() || !names().contains(targets.get(0))) {
            err.println("Unknown environment \"" + requested + "\". Valid environments: " + String.join(", ", names()) + " (or all).");
            return 2;
        }
        RenderResult result = Renderer.renderAll(environments);
        for (String name : targets) {
            result.environment(name).ifPresent(environment -> BreakingChangesCheck.check(environment.stack(),
                    OutputDirectory.read(outDir.resolve(name)), environment.files(), result.problems()));
        }
        if (report(result)) {
            err.println("Nothing was written: fix the problems above and render again.");
            return 1;
        }
        Map<Path, List<ManifestFile>> folders = new LinkedHashMap<>();
        targets.forEach(name -> folders.put(outDir.resolve(name), result.environment(name).orElseThrow().files()));
        List<Path> changed;
        try {
            changed = OutputDirectory.replaceAll(folders);
        } catch (IOException e) {
            err.println("Cannot write: " + e.getMessage() + ". Every folder that was not written is unchanged.");
            return 1;
        }
        folders.forEach((folder, files) -> out.println(folder + ": " + files.size() + " files "
                + (changed.contains(folder) ? "written" : "unchanged") + " (" + countByKind(files) + ")"));
        return 0;
    }

    private int check(Path outDir) {
        RenderResult result = Renderer.renderAll(environments);
        for (RenderedEnvironment environment : result.environments()) {
            BreakingChangesCheck.check(environment.stack(), OutputDirectory.read(outDir.resolve(environment.name())),
                    environment.files(), result.problems());
        }
        boolean failed = report(result);
        for (RenderedEnvironment environment : result.environments()) {
            Path folder = outDir.resolve(environment.name());
            Map<String, String> committed = OutputDirectory.read(folder);
            Map<String, String> rendered = new LinkedHashMap<>();
            environment.files().forEach(file -> rendered.put(file.fileName(), file.content()));
            List<String> stale = new ArrayList<>();
            rendered.forEach((name, content) -> {
                if (!Objects.equals(committed.get(name), content)) {
                    stale.add((committed.containsKey(name) ? "changed: " : "missing: ") + name);
                }
            });
            committed.keySet().stream().filter(name -> !rendered.containsKey(name)).forEach(name -> stale.add("extra: " + name));
            if (!stale.isEmpty()) {
                failed = true;
                err.println(folder + " is stale (" + String.join(", ", stale) + "). Run: make render ENV=" + environment.name());
            }
        }
        if (!failed) {
            out.println("OK: " + result.environments().size() + " environments checked, " + outDir + " is up to date.");
        }
        return failed ? 1 : 0;
    }

    private int secrets(String name, Path outDir, boolean toStdout) {
        if (!names().contains(name)) {
            return unknown(name);
        }
        RenderResult result = Renderer.renderAll(environments);
        if (report(result)) {
            err.println("No Secret was built: fix the problems above first.");
            return 1;
        }
        Stack stack = result.environment(name).orElseThrow().stack();
        SecretManifests.Result secrets;
        Path envFile = workingDirectory.resolve(".env." + name);
        try {
            secrets = SecretManifests.build(stack, variables, DotEnvFile.read(envFile));
        } catch (IOException | IllegalArgumentException e) {
            err.println("Cannot read " + envFile + ": " + e.getMessage());
            return 1;
        }
        if (!secrets.missing().isEmpty()) {
            err.println("Missing secret values for " + name + " (nothing written):");
            secrets.missing().forEach(line -> err.println("  " + line));
            err.println("Set them as environment variables or in " + envFile + " (KEY=\"value\", git-ignored).");
            return 1;
        }
        if (secrets.files().isEmpty()) {
            out.println("No Secret of " + name + " takes its values from the environment: its Secrets come from "
                    + "the ExternalSecret or SealedSecret objects in out/" + name + ". Nothing to build.");
            return 0;
        }
        if (toStdout) {
            secrets.files().forEach(file -> out.print("---\n" + file.content()));
            return 0;
        }
        Path folder = outDir.resolve(name);
        try {
            OutputDirectory.replace(folder, secrets.files(), true);
        } catch (IOException e) {
            err.println("Cannot write " + folder + ": " + e + ". The previous " + folder + " is unchanged.");
            return 1;
        }
        out.println(folder + ": " + secrets.files().size() + " Secrets written ("
                + String.join(", ", secrets.files().stream().map(ManifestFile::name).toList())
                + "). Outside git; apply with: kubectl apply -f " + folder);
        return 0;
    }

    private int diff(String from, String to) {
        for (String name : List.of(from, to)) {
            if (!names().contains(name)) {
                return unknown(name);
            }
        }
        RenderResult result = Renderer.renderAll(environments);
        if (report(result)) {
            return 1;
        }
        List<FieldDifference> differences = EnvironmentDiff.between(result.environment(from).orElseThrow(), result.environment(to).orElseThrow());
        String current = "";
        for (FieldDifference difference : differences) {
            String object = difference.kind() + " " + difference.name();
            if (!object.equals(current)) {
                out.println(object);
                current = object;
            }
            out.println("  " + difference.describe());
        }
        out.println(differences.size() + " field(s) differ between " + from + " and " + to + " (names and values compared with the environment as <env>).");
        return 0;
    }

    private int unknown(String name) {
        err.println("Unknown environment \"" + name + "\". Valid environments: " + String.join(", ", names()) + ".");
        return 2;
    }

    /** Prints every problem, warnings after errors; returns whether there were errors. */
    private boolean report(RenderResult result) {
        for (Problem problem : result.problems().errors()) {
            err.println("ERROR " + problem.format());
        }
        for (Problem problem : result.problems().warnings()) {
            err.println("WARNING " + problem.format());
        }
        if (result.problems().hasErrors()) {
            err.println(result.problems().errors().size() + " error(s), " + result.problems().warnings().size() + " warning(s).");
            return true;
        }
        return false;
    }

    private static String countByKind(List<ManifestFile> files) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        files.forEach(file -> counts.merge(file.kind().kind(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((kind, count) -> parts.add(kind + " " + count));
        return String.join(", ", parts);
    }

    private List<String> names() {
        return environments.stream().map(EnvironmentDefinition::name).toList();
    }

    private int usage(String problem) {
        err.println("Usage error: " + problem + ".");
        err.println("Commands: render ENV|all [--out DIR], check [--out DIR], secrets ENV [--stdout] [--out DIR], diff FROM TO, list. Environments: " + String.join(", ", names()) + ".");
        return 2;
    }
}
