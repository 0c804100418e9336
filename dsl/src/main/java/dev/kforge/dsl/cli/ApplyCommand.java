package dev.kforge.dsl.cli;

import dev.kforge.dsl.check.AcknowledgedRecreations;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.output.OutputDirectory;
import dev.kforge.dsl.pipeline.RenderResult;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code apply-command ENV}: the {@code kubectl apply --prune} line that deploys ENV's folder and
 * deletes what the code no longer defines. kubectl prunes only the kinds of its allowlist, whose
 * default leaves out ServiceAccounts, RBAC, NetworkPolicies, budgets, autoscalers and every custom
 * resource. The line lists every Kubernetes kind the library renders, whether ENV has one now or
 * not (so the last autoscaler removed from the code is deleted too), and the custom kinds ENV
 * renders (a custom kind must be installed to be listed: kubectl refuses unknown kinds). It refuses a
 * folder that is not what the code renders: the line would deploy one output and prune by another.
 * Before the line come the steps of the acknowledged changes that apply cannot make ({@link AcknowledgedRecreations}).
 */
final class ApplyCommand {
    private ApplyCommand() {
    }

    static int run(Console console, String name, Path outDir) {
        if (!console.knows(name)) {
            return console.unknown(name);
        }
        RenderResult result = Renderer.renderAll(console.environments());
        if (console.report(result)) {
            console.err().println("No command was printed: fix the problems above (every environment is checked, whichever one is deployed).");
            return 1;
        }
        RenderedEnvironment environment = result.environment(name).orElseThrow();
        Path folder = outDir.resolve(name);
        // The line deploys the folder and prunes by the kinds the code renders: both must be the same output.
        Map<String, String> rendered = new TreeMap<>();
        environment.files().forEach(file -> rendered.put(file.fileName(), file.content()));
        if (!java.nio.file.Files.isDirectory(folder)) {
            console.err().println(folder + " is missing: run " + RenderCommand.command(name, outDir) + " before deploying it.");
            return 1;
        }
        if (!OutputDirectory.read(folder).equals(rendered)) {
            console.err().println(folder + " is not what the code renders: run " + RenderCommand.command(name, outDir)
                    + " (or make check to see what differs) before deploying it.");
            return 1;
        }
        // An acknowledged change of an immutable field needs its object deleted first: kubectl apply would refuse it.
        AcknowledgedRecreations.steps(environment.stack(), environment.files()).forEach(console.out()::println);
        console.out().println(commandLine(environment, folder));
        return 0;
    }

    /** {@code kubectl apply -f <folder> --prune -l <selector> --prune-allowlist=<group/version/kind> ...}, kinds in apply order. */
    static String commandLine(RenderedEnvironment environment, Path folder) {
        List<Kind> kinds = new ArrayList<>();
        for (Kind kind : Kind.builtIns()) {
            // Secrets never reach out/: those applied from secrets/ must never be pruned.
            if (!kind.isCustomResource() && !kind.equals(Kind.SECRET)) {
                kinds.add(kind);
            }
        }
        for (ManifestFile file : environment.files()) {
            if (!kinds.contains(file.kind())) {
                kinds.add(file.kind());
            }
        }
        kinds.sort(Comparator.comparingInt(Kind::applyOrder).thenComparing(Kind::kind));
        StringBuilder line = new StringBuilder("kubectl apply -f ").append(folder).append(" --prune -l ")
                .append(environment.stack().pruneSelector());
        for (Kind kind : kinds) {
            line.append(" --prune-allowlist=").append(kind.group().isEmpty() ? "core/" : "").append(kind.apiVersion())
                    .append('/').append(kind.kind());
        }
        return line.toString();
    }
}
