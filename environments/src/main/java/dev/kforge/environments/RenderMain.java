package dev.kforge.environments;

import dev.kforge.dsl.cli.Cli;
import dev.kforge.dsl.core.InvalidDefinitionException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar tgr-environments.jar render dev}: see {@link Cli} for the commands. {@code --preview NAME} adds the preview
 * environment NAME of a pull request ({@link TgrProfiles#preview}), which the commands then name like the others:
 * {@code render pr-123 --preview pr-123 --out previews} ({@code make render PREVIEW=pr-123}).
 */
public final class RenderMain {
    private static final String PREVIEW = "--preview";
    /** The commands of one environment: those an unknown name may have meant as a preview. */
    private static final List<String> ONE_ENVIRONMENT = List.of("render", "secrets", "apply-command");

    private RenderMain() {
    }

    public static void main(String[] args) {
        int exit = run(System.out, System.err, args);
        // Success returns: from JDK 21 on, System.exit first looks up a System.Logger to log the exit, a scan of the jar's
        // services that took about 7% of a small render's CPU (make render ENV=all). No thread of the render outlives it.
        if (exit != 0) {
            System.exit(exit);
        }
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        List<String> words = new ArrayList<>(List.of(args));
        int flag = words.indexOf(PREVIEW);
        if (flag < 0) {
            int exit = Cli.run(RepositoryEnvironments::all, RepositoryEnvironments::families, out, err, args);
            List<String> command = withoutOptions(words);
            if (exit == 2 && command.size() == 2 && ONE_ENVIRONMENT.contains(command.get(0)) && !TgrProfiles.isTaken(command.get(1))) {
                String name = command.get(1);
                err.println("A preview environment is named with its own option: make " + command.get(0) + " PREVIEW=" + name
                        + " (the jar: " + command.get(0) + " " + name + " " + PREVIEW + " " + name + "), see README.md, Preview environments.");
            }
            return exit;
        }
        if (flag + 1 >= words.size()) {
            err.println("Usage error: " + PREVIEW + " needs the preview's name, e.g. " + PREVIEW + " pr-123.");
            return 2;
        }
        String name = words.remove(flag + 1);
        words.remove(flag);
        if (withoutOptions(words).contains("check")) {
            err.println("Usage error: check compares the committed output with the code, and a preview is never committed. "
                    + "make render PREVIEW=" + name + " checks it with every environment.");
            return 2;
        }
        try {
            TgrProfiles.preview(name);
        } catch (InvalidDefinitionException e) {
            err.println("Usage error: " + e.getMessage());
            return 2;
        }
        return Cli.run(() -> RepositoryEnvironments.withPreview(name), RepositoryEnvironments::families, out, err, words.toArray(String[]::new));
    }

    /** The command and its environments: the words without {@code --out DIR} and {@code --stdout}. */
    private static List<String> withoutOptions(List<String> words) {
        List<String> command = new ArrayList<>(words);
        int out = command.indexOf("--out");
        if (out >= 0) {
            command.subList(out, Math.min(out + 2, command.size())).clear();
        }
        command.remove("--stdout");
        return command;
    }
}
