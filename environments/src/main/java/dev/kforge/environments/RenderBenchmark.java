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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    /** Set by {@code make bench-render} to the launch time ({@code date +%s%N}), so each line says when its pipeline began after the launch (the JVM start-up). */
    static final String LAUNCHED_PROPERTY = "kforge.bench.launched";

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
    static String renderOnce(int copies, Path out) throws IOException {
        long startedAt = epochNanos();
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
        // Built by hand: String.format and the management beans load ~30 ms of classes a render never
        // needs, and the process wall time around this JVM includes them.
        StringBuilder line = new StringBuilder(240).append("render N=").append(copies).append(": ")
                .append(result.environments().size()).append(" stacks, ").append(files).append(" objects, ").append(files)
                .append(" files, ").append(decimals(bytes / 1e6, 1)).append(" MB; define+check+render+YAML ")
                .append(decimals((rendered - start) / 1e9, 3)).append(" s, write ").append(decimals((end - rendered) / 1e9, 3))
                .append(" s; pipeline ").append(decimals(seconds, 3)).append(" s, ");
        long launched = Long.getLong(LAUNCHED_PROPERTY, 0);
        if (launched > 0) {
            line.append("began ").append(decimals((startedAt - launched) / 1e9, 3)).append(" s after launch, ");
        }
        return line.append(Math.round(files / seconds)).append(" objects/s, peak RSS ").append(peakRssMiB()).append(" MiB, ")
                .append(problems.warnings().size()).append(" warnings").toString();
    }

    /** The wall clock in nanoseconds since the epoch, comparable with {@code date +%s%N} in the shell that launched this JVM. */
    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** {@code value} rounded to {@code places} decimals, without String.format. */
    static String decimals(double value, int places) {
        long scale = (long) Math.pow(10, places);
        long scaled = Math.round(Math.abs(value) * scale);
        StringBuilder text = new StringBuilder().append(value < 0 && scaled > 0 ? "-" : "").append(scaled / scale).append('.');
        String fraction = Long.toString(scaled % scale);
        text.append("0".repeat(places - fraction.length())).append(fraction);
        return text.toString();
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
