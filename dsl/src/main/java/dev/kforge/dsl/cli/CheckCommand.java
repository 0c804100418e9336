package dev.kforge.dsl.cli;

import dev.kforge.dsl.diff.FileDiff;
import dev.kforge.dsl.output.LeftoverFolders;
import dev.kforge.dsl.output.OutputDirectory;
import dev.kforge.dsl.pipeline.CommittedOutput;
import dev.kforge.dsl.pipeline.RenderResult;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code check}: every check, plus the committed output must be exactly what the code renders. Breaking changes are judged
 * against the committed output, or against {@code deployed}, the output the cluster runs: a git revert takes back the code and
 * out/ together, so only the deployed output shows the change it makes to the cluster.
 */
final class CheckCommand {
    private static final int SHOWN_FIELDS = 3;

    private CheckCommand() {
    }

    static int run(Console console, Path outDir, Optional<Path> deployed) {
        Path compared = deployed.orElse(outDir);
        RenderResult result = Renderer.renderAll(console.environments(), console.families(),
                CommittedOutput.inFolders(stack -> Optional.of(compared.resolve(stack.environment()))));
        boolean invalid = console.report(result);
        // A render is only worth suggesting when it would write.
        String fix = invalid ? "Fix the errors above, then run: " : "Run: ";
        boolean failed = invalid;
        for (RenderedEnvironment environment : result.environments()) {
            Path folder = outDir.resolve(environment.name());
            if (!Files.isDirectory(folder)) {
                failed = true;
                console.err().println(folder + " is missing (" + environment.files().size() + " files to write). " + fix + RenderCommand.command(environment.name(), outDir));
                continue;
            }
            List<String> stale = staleFiles(folder, environment);
            if (!stale.isEmpty()) {
                failed = true;
                console.err().println(folder + " is stale (" + String.join(", ", stale) + "). " + fix + RenderCommand.command(environment.name(), outDir));
            }
        }
        for (String problem : strayOutput(console, outDir)) {
            failed = true;
            console.err().println(problem);
        }
        if (!failed) {
            console.out().println("OK: " + result.environments().size() + " environments checked, " + outDir + " is up to date"
                    + deployed.map(folder -> "; breaking changes judged against " + folder).orElse("") + ".");
        }
        return failed ? 1 : 0;
    }

    /** What differs between the committed folder and the rendering: changed, missing and extra files, and folders inside it. */
    private static List<String> staleFiles(Path folder, RenderedEnvironment environment) {
        Map<String, String> committed = OutputDirectory.read(folder);
        Map<String, String> rendered = new LinkedHashMap<>();
        environment.files().forEach(file -> rendered.put(file.fileName(), file.content()));
        List<String> stale = new ArrayList<>();
        rendered.forEach((name, content) -> {
            if (!committed.containsKey(name)) {
                stale.add("missing: " + name);
            } else if (!committed.get(name).equals(content)) {
                stale.add("changed: " + name + changedFields(committed.get(name), content));
            }
        });
        committed.keySet().stream().filter(name -> !rendered.containsKey(name)).forEach(name -> stale.add("extra: " + name));
        // A render replaces the folder whole: a folder inside it would be deleted.
        entries(folder).stream().filter(Files::isDirectory).forEach(inner -> stale.add("extra: " + inner.getFileName() + "/"));
        return stale;
    }

    /** The first fields that differ, committed -> rendered, e.g. {@code  [spec.replicas: 2 -> 3]}. */
    private static String changedFields(String committed, String rendered) {
        List<String> fields = FileDiff.between(committed, rendered);
        if (fields.isEmpty()) {
            return " [same fields, other text: render to rewrite it]";
        }
        List<String> shown = fields.subList(0, Math.min(SHOWN_FIELDS, fields.size()));
        return " [" + String.join("; ", shown) + (fields.size() > shown.size() ? "; " + (fields.size() - shown.size()) + " more" : "") + "]";
    }

    /**
     * What else is in the output folder that a deploy of it would pick up: folders of no
     * environment, manifests beside the environments' folders, and what a stopped render left.
     */
    private static List<String> strayOutput(Console console, Path outDir) {
        List<String> problems = new ArrayList<>();
        for (Path entry : entries(outDir)) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(entry) && !console.knows(name)) {
                problems.add(entry + " is not the folder of an environment (" + String.join(", ", console.names())
                        + "), yet kubectl apply -R and GitOps tools would deploy it. Delete it, or define the environment.");
            } else if (Files.isRegularFile(entry) && name.matches(".*\\.(ya?ml|json)")) {
                problems.add(entry + " is outside every environment's folder, yet kubectl apply -R would deploy it. Delete it.");
            }
        }
        for (LeftoverFolders.Leftover leftover : LeftoverFolders.in(outDir)) {
            problems.add(leftover.path() + " was left by a render that did not finish (process " + leftover.pid()
                    + "), and kubectl apply -R would deploy it. The next " + RenderCommand.command(leftover.folder(), outDir)
                    + " removes it; else delete it by hand.");
        }
        return problems;
    }

    private static List<Path> entries(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
