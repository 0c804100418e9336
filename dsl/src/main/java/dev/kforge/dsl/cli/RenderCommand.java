package dev.kforge.dsl.cli;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.output.FileErrors;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.output.OutputDirectory;
import dev.kforge.dsl.pipeline.CommittedOutput;
import dev.kforge.dsl.pipeline.RenderResult;
import dev.kforge.dsl.pipeline.Renderer;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code render ENV|all}: check every environment, then write the requested ones, or nothing. */
final class RenderCommand {
    private RenderCommand() {
    }

    /** {@code make render ENV=dev}, with {@code OUT=dir} when the output is not the default {@code out}: the command to suggest. */
    static String command(String environment, Path outDir) {
        return "make render ENV=" + environment + (outDir.equals(Path.of(Cli.DEFAULT_OUT)) ? "" : " OUT=" + outDir);
    }

    static int run(Console console, String requested, Path outDir) {
        List<String> targets = requested.equals("all") ? console.names() : List.of(requested);
        if (targets.isEmpty() || !console.knows(targets.get(0))) {
            console.err().println("Unknown environment \"" + requested + "\". Valid environments: "
                    + String.join(", ", console.names()) + " (or all).");
            return 2;
        }
        // Only the environments being written are compared with what they replace.
        RenderResult result = Renderer.renderAll(console.environments(), console.families(), CommittedOutput.inFolders(stack ->
                targets.contains(stack.environment()) ? Optional.of(outDir.resolve(stack.environment())) : Optional.empty()));
        if (console.report(result)) {
            console.err().println("Nothing was written: fix the problems above and render again.");
            return 1;
        }
        Map<Path, List<ManifestFile>> folders = new LinkedHashMap<>();
        targets.forEach(name -> folders.put(outDir.resolve(name), result.environment(name).orElseThrow().files()));
        Map<Path, String> changes = new LinkedHashMap<>();
        Map<Path, List<String>> jobRuns = new LinkedHashMap<>();
        folders.forEach((folder, files) -> {
            Map<String, String> before = OutputDirectory.read(folder);
            changes.put(folder, changes(before, files));
            jobRuns.put(folder, jobRuns(before, files));
        });
        List<Path> changed;
        try {
            changed = OutputDirectory.replaceAll(folders);
        } catch (IOException e) {
            // A folder's own failure is told with its folder; one before any folder (the output folder is a file, say) is
            // the JDK's exception, whose message is only a path.
            String why = e instanceof FileSystemException ? "Cannot write " + String.join(", ", folders.keySet().stream().map(Path::toString).toList())
                    + ": " + FileErrors.describe(e) : e.getMessage();
            console.err().println(why + ". Every other folder is as it was: none is ever half-written.");
            return 1;
        }
        folders.forEach((folder, files) -> {
            console.out().println(folder + ": " + files.size() + " files " + (changed.contains(folder) ? "written" : "unchanged")
                    + " (" + countByKind(files) + ")" + (changed.contains(folder) ? "; " + changes.get(folder) : ""));
            if (!jobRuns.get(folder).isEmpty()) {
                console.out().println(folder + ": the next apply runs " + String.join(", ", jobRuns.get(folder)));
            }
        });
        return 0;
    }

    /** The Jobs a write adds or changes: each is a new Job (its name has its hash), which runs once applied. */
    private static List<String> jobRuns(Map<String, String> before, List<ManifestFile> files) {
        List<String> runs = new ArrayList<>();
        for (ManifestFile file : files) {
            String previous = before.get(file.fileName());
            if (file.kind().is(Kind.JOB) && !file.content().equals(previous)) {
                runs.add("Job " + file.name() + (previous == null ? " (new)" : " (changed)"));
            }
        }
        return runs;
    }

    /** What a write changes in a folder: {@code changed 50-deployment-tgr.yaml}, {@code 3 added; 1 removed}, {@code all new}. */
    private static String changes(Map<String, String> before, List<ManifestFile> files) {
        if (before.isEmpty()) {
            return "all new";
        }
        List<String> changed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        Set<String> kept = new HashSet<>();
        for (ManifestFile file : files) {
            kept.add(file.fileName());
            String previous = before.get(file.fileName());
            if (previous == null) {
                added.add(file.fileName());
            } else if (!previous.equals(file.content())) {
                changed.add(file.fileName());
            }
        }
        List<String> removed = before.keySet().stream().filter(name -> !kept.contains(name)).toList();
        List<String> parts = new ArrayList<>();
        describe(parts, "changed", changed);
        describe(parts, "added", added);
        describe(parts, "removed", removed);
        return parts.isEmpty() ? "files rewritten as they were" : String.join("; ", parts);
    }

    /** {@code changed a.yaml, b.yaml} for up to three names, else {@code 5 changed}. */
    private static void describe(List<String> parts, String what, List<String> names) {
        if (!names.isEmpty()) {
            parts.add(names.size() <= 3 ? what + " " + String.join(", ", names) : names.size() + " " + what);
        }
    }

    private static String countByKind(List<ManifestFile> files) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        files.forEach(file -> counts.merge(file.kind().kind(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((kind, count) -> parts.add(kind + " " + count));
        return String.join(", ", parts);
    }
}
