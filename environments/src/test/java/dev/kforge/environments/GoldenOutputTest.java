package dev.kforge.environments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.output.OutputDirectory;
import dev.kforge.dsl.pipeline.RenderResult;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The committed out/ is the golden output: rendering every environment in memory must give it
 * byte for byte. This test never writes it; {@code make render ENV=all} does, on purpose.
 */
class GoldenOutputTest {
    /** The repository's out/, seen from the module folder Maven runs tests in. */
    static final Path OUT = Path.of("..", "out");

    @Test
    void rendering_every_environment_reproduces_the_committed_output_byte_for_byte() {
        RenderResult result = Renderer.renderAll(RepositoryEnvironments.all());
        assertThat(result.problems().errors()).as("render problems").isEmpty();
        assertThat(result.environments()).extracting(RenderedEnvironment::name).containsExactly("dev", "staging", "prod");

        List<String> mismatches = new ArrayList<>();
        for (RenderedEnvironment environment : result.environments()) {
            Map<String, String> committed = OutputDirectory.read(OUT.resolve(environment.name()));
            Map<String, String> rendered = new TreeMap<>();
            for (ManifestFile file : environment.files()) {
                rendered.put(file.fileName(), file.content());
            }
            TreeMap<String, String> all = new TreeMap<>(committed);
            all.putAll(rendered);
            for (String name : all.keySet()) {
                String before = committed.getOrDefault(name, "");
                String after = rendered.getOrDefault(name, "");
                if (!before.equals(after)) {
                    mismatches.add(unifiedDiff("out/" + environment.name() + "/" + name, before, after));
                }
            }
        }
        if (!mismatches.isEmpty()) {
            fail("The committed out/ differs from what the code renders:\n\n" + String.join("\n", mismatches)
                    + "\nIf the change is intended, accept it with:  make render ENV=all  (then commit out/)");
        }
    }

    private static String unifiedDiff(String path, String before, String after) {
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(path, path, lines(before),
                DiffUtils.diff(lines(before), lines(after)), 3);
        return String.join("\n", lines) + "\n";
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }
}
