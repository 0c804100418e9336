package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.Image;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A ConfigMap's raw edits may add binary files the API server takes, but not change the entries the checks read. */
class RawEditedConfigMapTest {
    private static final ConfigMapDef CONFIG = ConfigMapDef.named("web-config").withProperty("PORT", "8080");
    private static final DeploymentDef WEB = DeploymentDef.named("web")
            .running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")).withEnv(Env.from("PORT", CONFIG.key("PORT"))));

    private static String rendered(Consumer<ConfigMap> edit) {
        return file(render(WEB, CONFIG.withRawEdit("edit", edit)), "30-configmap-web-config.yaml");
    }

    private static Consumer<ConfigMap> binary(Map<String, String> entries) {
        return map -> map.setBinaryData(new TreeMap<>(entries));
    }

    @Test
    void refuses_an_edit_of_the_entries_the_pods_read() {
        // The checks find env PORT in the definition; the cluster would fail the pods: couldn't find key PORT in ConfigMap.
        assertThatThrownBy(() -> rendered(map -> map.getData().remove("PORT")))
                .isInstanceOf(RawEditException.class)
                .hasMessageStartingWith("ConfigMap web-config: raw edits changed data, which the checks of the stack's pods read from the "
                        + "definition (PORT removed). Set the entries with withProperty and withFile, which the checks read.");
        assertThatThrownBy(() -> rendered(map -> map.getData().put("PORT", "9090")))
                .hasMessageContaining("(PORT changed)");
    }

    @Test
    void refuses_binary_data_the_api_server_refuses() {
        String logo = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThatThrownBy(() -> rendered(binary(Map.of("PORT", logo, "a/b.png", logo, "icon.png", "not base64!"))))
                .isInstanceOf(RawEditException.class)
                .hasMessageStartingWith("ConfigMap web-config: raw edits set binaryData the API server refuses, failing its apply "
                        + "(key \"PORT\" is in data too; key \"a/b.png\" is not alphanumerics, '-', '_' or '.'; the value of key \"icon.png\" "
                        + "is not base64). Fix the edit: give each binary file a key of its own; name each binary file with alphanumerics, "
                        + "'-', '_' or '.'; give each file's bytes in base64.");
        String big = Base64.getEncoder().encodeToString(new byte[ConfigMapDef.MAX_BYTES]);
        // Keys and values count, the decoded bytes of binary ones: PORT 8080 (8) and big.bin (7 + 1 MiB).
        assertThatThrownBy(() -> rendered(binary(Map.of("big.bin", big))))
                .hasMessageContaining("(data and binaryData hold 1048591 bytes, above 1 MiB). Fix the edit: split large files over several "
                        + "ConfigMaps, or keep them in the image.");
        assertThat(rendered(binary(Map.of("logo.png", logo)))).contains("binaryData:\n  logo.png: " + logo + "\n");
    }
}
