package dev.kforge.dsl.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelShapesTest {
    /** Surefire runs in the module's folder. */
    private static final Path COMMITTED = Path.of("src/main/java/dev/kforge/dsl/yaml/ModelShapes.java");

    @Test
    void the_committed_shapes_are_what_jackson_says_of_the_current_fabric8_model() throws Exception {
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("ModelShapes.java is out of date (a fabric8 or Jackson upgrade?): run `make generate` and commit it")
                .isEqualTo(ModelShapesGenerator.generate());
    }

    @Test
    void leaves_classes_with_their_own_serializer_to_model_tree() {
        assertThat(ModelShapes.fieldsOf(new Quantity("1Gi"), new TreeFields())).isFalse();
        assertThat(ModelShapes.fieldsOf(new IntOrString(8080), new TreeFields())).isFalse();
        assertThat(ModelTree.of(new Quantity("512", "Mi")).textValue()).isEqualTo("512Mi");
        assertThat(ModelTree.of(new IntOrString(8080)).intValue()).isEqualTo(8080);
        assertThat(ModelTree.of(new IntOrString("http")).textValue()).isEqualTo("http");
    }
}
