package dev.kforge.environments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.render.RenderedObject;
import dev.kforge.dsl.yaml.YamlWriter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every committed file parses back into its fabric8 type and equals the object that was rendered,
 * so the writer loses nothing and invents nothing: a number written for a string, a dropped field
 * or a mangled literal block would differ. Unknown fields fail the parse. The rendered object's
 * tree is Jackson's own ({@code valueToTree}), independent of the writer's faster tree builder.
 */
class RoundTripTest {
    private static final YAMLMapper READER = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void every_committed_file_parses_back_into_the_object_that_was_rendered() throws Exception {
        int checked = 0;
        int files = 0;
        for (var definition : RepositoryEnvironments.all()) {
            RenderedEnvironment environment = Renderer.render(definition.definition().get());
            List<RenderedObject> objects = environment.objects();
            files += environment.files().size();
            for (RenderedObject object : objects) {
                ManifestFile file = environment.files().stream()
                        .filter(f -> f.kind().equals(object.kind()) && f.name().equals(object.source().name()))
                        .findFirst().orElseThrow();
                Path committed = GoldenOutputTest.OUT.resolve(environment.name()).resolve(file.fileName());
                HasMetadata expected = object.manifest();
                String expectedTree = jacksonTree(expected);
                String yaml = Files.readString(committed, StandardCharsets.UTF_8);
                // As JSON text: every scalar keeps its type ("5000" read back as 5000 would differ) and every
                // key its place; JSON text also ignores int-versus-long, which YAML cannot express.
                assertThat(READER.readTree(yaml).toPrettyString()).as(committed + " as a YAML tree").isEqualTo(expectedTree);
                assertThat(YamlWriter.canonicalTree(expected).toPrettyString()).as(committed + ": the writer's tree").isEqualTo(expectedTree);
                HasMetadata parsed = READER.readValue(yaml, expected.getClass());
                // fabric8 builders leave unset maps null where parsing gives empty maps; the writer drops
                // both, so compare the objects in that one normal form.
                assertThat(jacksonTree(parsed)).as(committed.toString()).isEqualTo(expectedTree);
                checked++;
            }
        }
        assertThat(checked).isPositive().isEqualTo(files);
    }

    /** The object as Jackson serializes it, put in the writer's canonical form (key order, no empties). */
    private static String jacksonTree(HasMetadata object) {
        return YamlWriter.canonicalTree(JACKSON.valueToTree(object)).toPrettyString();
    }
}
