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
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.VolumeMount;
import dev.kforge.dsl.workload.Volumes;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One file of a ConfigMap or Secret volume mounted at a path of its own (a subPath mount), the directory around it the image's. */
class FileMountsTest {
    private final ConfigMapDef config = ConfigMapDef.named("forge-config").withFile("app.ini", "[server]\nHTTP_PORT = 3000\n")
            .withFile("robots.txt", "User-agent: *\n");
    private final SecretDef certs = SecretDef.opaque("forge-certs", "ca.crt", "client.key");
    private final ContainerDef app = ContainerDef.named("forge").image(Image.of("gitea/gitea", "1.22.3"));

    @Test
    void mounts_one_key_of_a_volume_without_items_read_only_under_its_own_name() {
        VolumeDef.FromConfigMap conf = Volumes.configMap("config", config);
        VolumeDef.FromSecret tls = Volumes.secret("certs", certs);
        ContainerDef forge = app.withFileMount(conf, config.key("app.ini"), "/etc/gitea/app.ini")
                .withFileMount(tls, certs.key("ca.crt"), "/etc/ssl/certs/forge-ca.crt");

        assertThat(file(render(config, certs, DeploymentDef.named("forge").running(forge)), "50-deployment-forge.yaml")).contains("""
                        volumeMounts:
                        - name: config
                          mountPath: /etc/gitea/app.ini
                          readOnly: true
                          subPath: app.ini
                        - name: certs
                          mountPath: /etc/ssl/certs/forge-ca.crt
                          readOnly: true
                          subPath: ca.crt
                """, """
                      volumes:
                      - name: config
                        configMap:
                          name: forge-config
                      - name: certs
                        secret:
                          secretName: forge-certs
                """);
    }

    @Test
    void mounts_the_item_path_a_volume_with_items_writes_the_key_to() {
        VolumeDef.FromConfigMap conf = Volumes.configMap("config", config).withItem(config.key("app.ini"), "conf/app.ini");
        ContainerDef forge = app.withFileMount(conf, config.key("app.ini"), "/etc/gitea/app.ini");

        assertThat(file(render(config, DeploymentDef.named("forge").running(forge)), "50-deployment-forge.yaml")).contains("""
                        - name: config
                          mountPath: /etc/gitea/app.ini
                          readOnly: true
                          subPath: conf/app.ini
                """);
    }

    @Test
    void refuses_a_key_of_another_config_map_than_the_volumes() {
        ConfigMapDef other = ConfigMapDef.named("other").withFile("app.ini", "");
        assertThatThrownBy(() -> app.withFileMount(Volumes.configMap("config", config), other.key("app.ini"), "/etc/gitea/app.ini"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container forge: file mount at /etc/gitea/app.ini: key \"app.ini of ConfigMap other\" is invalid: "
                        + "must be a key of ConfigMap forge-config, which volume config holds. Take the key from the ConfigMapDef the volume was built from.");
    }

    @Test
    void refuses_a_key_of_another_secret_than_the_volumes() {
        SecretDef other = SecretDef.opaque("other", "ca.crt");
        assertThatThrownBy(() -> app.withFileMount(Volumes.secret("certs", certs), other.key("ca.crt"), "/etc/ssl/ca.crt"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container forge: file mount at /etc/ssl/ca.crt: key \"ca.crt of Secret other\" is invalid: "
                        + "must be a key of Secret forge-certs, which volume certs holds. Take the key from the SecretDef the volume was built from.");
    }

    @Test
    void refuses_a_key_that_a_volume_with_items_does_not_write() {
        VolumeDef.FromConfigMap conf = Volumes.configMap("config", config).withItem(config.key("robots.txt"), "robots.txt");
        assertThatThrownBy(() -> app.withFileMount(conf, config.key("app.ini"), "/etc/gitea/app.ini"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container forge: file mount at /etc/gitea/app.ini: key \"app.ini\" is no file of volume config, "
                        + "which writes only the keys of its items [robots.txt]: the kubelet would mount an empty directory there. "
                        + "Add withItem(key, \"app.ini\") to the volume, or mount a volume of ConfigMap forge-config without items.");
    }

    @Test
    void refuses_a_relative_mount_path() {
        assertThatThrownBy(() -> app.withFileMount(Volumes.configMap("config", config), config.key("app.ini"), "etc/gitea/app.ini"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Volume config: mountPath \"etc/gitea/app.ini\" is invalid: must be an absolute path without ':'. For example \"/tmp\".");
    }

    @Test
    void refuses_a_sub_path_leaving_the_volume_given_to_the_record_constructor() {
        assertThatThrownBy(() -> new VolumeMount(Volumes.configMap("config", config), "/etc/gitea/app.ini", true, Optional.of("../app.ini")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Volume config: subPath \"../app.ini\" is invalid: must be a relative path without '..'. For example \"app.properties\".");
    }
}
