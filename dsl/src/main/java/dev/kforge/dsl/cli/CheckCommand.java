package dev.kforge.dsl.cli;

import dev.kforge.dsl.output.OutputDirectory;
import dev.kforge.dsl.pipeline.CommittedOutput;
import dev.kforge.dsl.pipeline.RenderResult;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@code check}: every check, plus the committed output must be exactly what the code renders. */
final class CheckCommand {
    private CheckCommand() {
    }

    static int run(Console console, Path outDir) {
        RenderResult result = Renderer.renderAll(console.environments(),
                CommittedOutput.inFolders(stack -> Optional.of(outDir.resolve(stack.environment()))));
        boolean failed = console.report(result);
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
                console.err().println(folder + " is stale (" + String.join(", ", stale) + "). Run: make render ENV=" + environment.name());
            }
        }
        if (!failed) {
            console.out().println("OK: " + result.environments().size() + " environments checked, " + outDir + " is up to date.");
        }
        return failed ? 1 : 0;
    }
}
