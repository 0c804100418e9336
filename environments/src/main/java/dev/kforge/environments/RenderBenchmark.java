package dev.kforge.environments;

import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.output.OutputDirectory;
import dev.kforge.dsl.pipeline.CommittedOutput;
import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import dev.kforge.dsl.pipeline.RenderResult;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The scale benchmark: N copies of the tgr stack ({@code tgr-0} ... {@code tgr-<N-1>}, each with
 * its own namespace, ConfigMap, ClusterRole and binding names) in the three environments, through
 * the same steps as {@code make render}: define, check (each stack and across all of them),
 * render, YAML, compare with the output folder, atomic write. One JVM, started from the command
 * line; it prints one line of figures per render.
 * <p>
 * With ROUNDS above 1 it renders again in the same JVM, into a fresh folder each time: the later
 * rounds show what the pipeline costs once the JIT has compiled it and start-up is behind, so the
 * first round's excess over them is what a cold JVM adds.
 *
 * <pre>java -cp ... dev.kforge.environments.RenderBenchmark N OUT_DIR [ROUNDS]</pre>
 */
public final class RenderBenchmark {
    private RenderBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("Usage: RenderBenchmark N OUT_DIR [ROUNDS] (N copies of the tgr stack, written under OUT_DIR;"
                    + " ROUNDS renders one after the other in this JVM, default 1)");
            System.exit(2);
        }
        int copies = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        int rounds = args.length == 3 ? Integer.parseInt(args[2]) : 1;
        for (int round = 1; round <= rounds; round++) {
            if (round > 1) {
                OutputDirectory.deleteRecursively(out); // not timed: each round writes a fresh folder, as the first one does
            }
            String figures = renderOnce(copies, out);
            System.out.println((rounds == 1 ? "" : "round " + round + " of " + rounds + ": ") + figures);
        }
    }

    /** One render of the workload into {@code out}, timed; its line of figures. */
    private static String renderOnce(int copies, Path out) throws IOException {
        long start = System.nanoTime();
        List<EnvironmentDefinition> definitions = new ArrayList<>();
        for (int copy = 0; copy < copies; copy++) {
            for (TgrProfile profile : TgrProfiles.all()) {
                TgrProfile copied = profile.withApp("tgr-" + copy);
                definitions.add(new EnvironmentDefinition(profile.environment(), () -> TgrStack.define(copied)));
            }
        }
        RenderResult result = Renderer.renderAll(definitions,
                CommittedOutput.inFolders(stack -> Optional.of(out.resolve(stack.instance()))));
        Problems problems = result.problems();
        if (problems.hasErrors()) {
            problems.errors().stream().limit(5).forEach(problem -> System.err.println("ERROR " + problem.format()));
            System.err.println(problems.errors().size() + " error(s): the benchmark workload is invalid.");
            System.exit(1);
        }
        long rendered = System.nanoTime();
        Map<Path, List<ManifestFile>> folders = new LinkedHashMap<>();
        result.environments().forEach(environment -> folders.put(out.resolve(environment.instance()), environment.files()));
        OutputDirectory.replaceAll(folders);
        long end = System.nanoTime();
        // Counted after the clock stops: the figures, not the pipeline.
        int files = 0;
        long bytes = 0;
        for (RenderedEnvironment environment : result.environments()) {
            for (ManifestFile file : environment.files()) {
                files++;
                bytes += file.content().length();
            }
        }
        double seconds = (end - start) / 1e9;
        double jvmSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        return String.format(Locale.ROOT, "render N=%d: %d stacks, %d objects, %d files, %.1f MB; define+check+render+YAML %.3f s, "
                        + "write %.3f s; pipeline %.3f s, JVM uptime %.3f s, %.0f objects/s, peak RSS %d MiB, %d warnings",
                copies, result.environments().size(), files, files, bytes / 1e6, (rendered - start) / 1e9,
                (end - rendered) / 1e9, seconds, jvmSeconds, files / seconds, peakRssMiB(), problems.warnings().size());
    }

    /** The process's peak resident memory (VmHWM), or -1 where /proc is not available. */
    static long peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
