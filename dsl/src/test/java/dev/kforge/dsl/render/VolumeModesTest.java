package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.FileMode;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.PodField;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.Volumes;
import org.junit.jupiter.api.Test;

/** File modes of ConfigMap, Secret and Downward API volumes: given in octal, written as the API's decimal integer. */
class VolumeModesTest {
    private final ConfigMapDef config = ConfigMapDef.named("cfg").withFile("app.properties", "a=1\n").withFile("start.sh", "exec app\n");
    private final SecretDef tls = SecretDef.opaque("tls", "tls.crt", "tls.key");

    @Test
    void writes_default_and_item_modes_as_decimal_integers() {
        VolumeDef conf = Volumes.configMap("conf", config).withDefaultMode(FileMode.of("0444"))
                .withItem(config.key("app.properties"), "app.properties").withItem(config.key("start.sh"), "bin/start.sh", FileMode.of("0555"));
        VolumeDef certs = Volumes.secret("certs", tls).withDefaultMode(FileMode.of("0440")).withItem(tls.key("tls.key"), "tls.key", FileMode.of("0400"));
        VolumeDef info = Volumes.downwardApi("podinfo").withFile("labels", PodField.LABELS, FileMode.of("0400")).withDefaultMode(FileMode.of("0444"))
                .withFile("annotations", PodField.ANNOTATIONS);
        ContainerDef app = ContainerDef.named("app").image(Image.of("example/app", "1.0.0")).withReadOnlyMount(conf, "/etc/app")
                .withReadOnlyMount(certs, "/etc/tls").withReadOnlyMount(info, "/etc/podinfo");

        // 0444 is 292, 0555 is 365, 0440 is 288, 0400 is 256.
        assertThat(file(render(config, tls, DeploymentDef.named("app").running(app)), "50-deployment-app.yaml")).endsWith("""
                      volumes:
                      - name: conf
                        configMap:
                          name: cfg
                          defaultMode: 292
                          items:
                          - key: app.properties
                            path: app.properties
                          - key: start.sh
                            mode: 365
                            path: bin/start.sh
                      - name: certs
                        secret:
                          defaultMode: 288
                          items:
                          - key: tls.key
                            mode: 256
                            path: tls.key
                          secretName: tls
                      - name: podinfo
                        downwardAPI:
                          defaultMode: 292
                          items:
                          - fieldRef:
                              apiVersion: v1
                              fieldPath: metadata.labels
                            mode: 256
                            path: labels
                          - fieldRef:
                              apiVersion: v1
                              fieldPath: metadata.annotations
                            path: annotations
                """);
    }

    @Test
    void a_volume_without_modes_writes_none() {
        ContainerDef app = ContainerDef.named("app").image(Image.of("example/app", "1.0.0"))
                .withReadOnlyMount(Volumes.secret("certs", tls), "/etc/tls");
        assertThat(file(render(tls, DeploymentDef.named("app").running(app)), "50-deployment-app.yaml")).doesNotContain("mode");
    }

    @Test
    void refuses_a_missing_mode() {
        assertThatThrownBy(() -> Volumes.configMap("conf", config).withDefaultMode(null)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Volume conf: mode is missing (null). Pass a value, or drop the call to keep the default.");
        assertThatThrownBy(() -> Volumes.secret("certs", tls).withItem(tls.key("tls.key"), "tls.key", null))
                .hasMessage("Volume certs: mode is missing (null). Pass a value, or drop the call to keep the default.");
        assertThatThrownBy(() -> Volumes.downwardApi("podinfo").withFile("labels", PodField.LABELS, null))
                .hasMessage("Volume podinfo: mode is missing (null). Pass a value, or drop the call to keep the default.");
        // The item's other rules still come first.
        assertThatThrownBy(() -> Volumes.secret("certs", tls).withItem(tls.key("tls.key"), "/etc/tls.key", FileMode.of("0400")))
                .hasMessage("Volume certs: item path \"/etc/tls.key\" is invalid: must be a relative path without '..'. For example \"app.properties\".");
        assertThatThrownBy(() -> Volumes.downwardApi("podinfo").withFile("ip", PodField.POD_IP, FileMode.of("0400")))
                .hasMessageStartingWith("Volume podinfo: downwardAPI field \"status.podIP\" is only available to env vars");
    }
}
