package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static dev.kforge.dsl.testing.Rendering.render;
import static dev.kforge.dsl.testing.Rendering.reportOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.FileMode;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.PodField;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.ProjectedSource;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.Volumes;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Projected volumes: ConfigMap and Secret keys, pod fields and ServiceAccount tokens for other services in one directory. */
class ProjectedVolumesTest {
    private final ConfigMapDef config = ConfigMapDef.named("cfg").withFile("app.properties", "a=1\n");
    private final SecretDef tls = SecretDef.opaque("tls", "tls.crt", "tls.key");
    private final VolumeDef app = Volumes.projected("app", ProjectedSource.configMap(config),
                    ProjectedSource.secret(tls).withItem(tls.key("tls.key"), "tls/tls.key", FileMode.of("0400")).withItem(tls.key("tls.crt"), "tls/tls.crt"),
                    ProjectedSource.downwardApi().withFile("labels", PodField.LABELS),
                    ProjectedSource.serviceAccountToken("vault", Duration.ofHours(1)).atPath("vault/token"))
            .withDefaultMode(FileMode.of("0440"));

    private DeploymentDef mounting(VolumeDef volume) {
        // An fsGroup lets the pods' group read the 0400 key file, which is root's otherwise.
        return DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")).withReadOnlyMount(volume, "/etc/app"))
                .withSecurity(PodSecurity.RESTRICTED.withUser(10001));
    }

    @Test
    void renders_every_source_in_order_with_the_modes_as_decimal_integers() {
        String yaml = file(render(config, tls, mounting(app)), "50-deployment-web.yaml");
        assertThat(yaml).endsWith("""
                      volumes:
                      - name: app
                        projected:
                          defaultMode: 288
                          sources:
                          - configMap:
                              name: cfg
                          - secret:
                              name: tls
                              items:
                              - key: tls.key
                                mode: 256
                                path: tls/tls.key
                              - key: tls.crt
                                path: tls/tls.crt
                          - downwardAPI:
                              items:
                              - fieldRef:
                                  apiVersion: v1
                                  fieldPath: metadata.labels
                                path: labels
                          - serviceAccountToken:
                              audience: vault
                              expirationSeconds: 3600
                              path: vault/token
                """);
        // The pods roll when the ConfigMap or the Secret changes, as for their own volumes.
        assertThat(yaml).contains("        checksum.kforge.dev/configmap-cfg: ", "        checksum.kforge.dev/secret-tls: ");
        assertThat(reportOf(noPolicy(), config, tls, mounting(app))).isEmpty();
    }

    @Test
    void the_configuration_references_of_its_sources_are_checked() {
        assertThat(reportOf(noPolicy(), mounting(app))).containsExactly(
                "ERROR prod/Deployment web: volume app uses ConfigMap cfg, which is not in the stack (cfg). Add it to the stack with Stack.with(...).",
                "ERROR prod/Deployment web: volume app uses Secret tls, which is not in the stack (tls). Add it to the stack with Stack.with(...).");
        SecretDef rotated = SecretDef.opaque("tls", "tls.crt");
        assertThat(reportOf(noPolicy(), config, rotated, mounting(app))).containsExactly("ERROR prod/Deployment web: volume app reads key "
                + "\"tls.key\" that Secret tls does not declare (declared: [tls.crt]). Declare the key, or read one that exists.");
    }

    @Test
    void a_raw_edit_may_not_point_a_token_at_the_api_server() {
        DeploymentDef edited = mounting(app).withRawEdit("api token", d -> d.getSpec().getTemplate().getSpec().getVolumes().get(0).getProjected()
                .getSources().get(3).getServiceAccountToken().setAudience(null));
        Stack stack = Stack.named("demo").environment("test").namespace(NamespaceDef.named("demo-test")).withPolicy(noPolicy())
                .with(config, tls, edited);
        assertThatThrownBy(() -> Renderer.render(stack)).hasMessageContaining("(spec.template.spec.volumes[*].projected.sources[*]"
                + ".serviceAccountToken: [app/vault/token for vault, 3600 s] -> [app/vault/token for the API server, 3600 s]). Set it in the "
                + "definition instead (withApiAccessAs for an API token, Volumes.projected(name, ProjectedSource.serviceAccountToken(audience, "
                + "expiration)) for another service's)");
        // The definition's own token is no change.
        assertThat(Renderer.render(stack.replacing(mounting(app))).objects()).extracting(object -> object.manifest())
                .filteredOn(Deployment.class::isInstance).hasSize(1);
    }

    @Test
    void refuses_no_source_and_two_sources_writing_one_file() {
        assertThatThrownBy(() -> Volumes.projected("app")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Volume app: sources [] is invalid: must hold at least one source. For example Volumes.projected(\"app\", "
                        + "ProjectedSource.configMap(config), ProjectedSource.secret(credentials)).");
        assertThatThrownBy(() -> Volumes.projected("app", ProjectedSource.secret(tls), ProjectedSource.configMap(ConfigMapDef.named("x")
                .withFile("tls.crt", "-"))))
                .hasMessage("Volume app: file \"tls.crt\" is written by two sources, which the API server refuses. Project one of them "
                        + "elsewhere with withItem(key, path) (or atPath for a token).");
        assertThatThrownBy(() -> Volumes.projected("app", ProjectedSource.serviceAccountToken("vault", Duration.ofHours(1)),
                ProjectedSource.serviceAccountToken("sts.amazonaws.com", Duration.ofHours(1))))
                .hasMessage("Volume app: file \"token\" is written by two sources, which the API server refuses. Project one of them "
                        + "elsewhere with withItem(key, path) (or atPath for a token).");
        assertThatThrownBy(() -> Volumes.projected("app", (ProjectedSource) null))
                .hasMessage("Volume app: sources[0] is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
        assertThatThrownBy(() -> Volumes.projected("app", ProjectedSource.configMap(config)).withDefaultMode(null))
                .hasMessage("Volume app: mode is missing (null). Pass a value, or drop the call to keep the default.");
    }

    @Test
    void refuses_a_token_for_the_api_server_without_an_audience_or_living_too_short_or_too_long() {
        for (String audience : new String[] {"", " ", "my vault"}) {
            assertThatThrownBy(() -> ProjectedSource.serviceAccountToken(audience, Duration.ofHours(1))).isInstanceOf(InvalidDefinitionException.class)
                    .hasMessage("Projected serviceAccountToken: audience \"" + audience + "\" is invalid: must name the service that reads the "
                            + "token, without white space. For example \"vault\" or \"sts.amazonaws.com\".");
        }
        assertThatThrownBy(() -> ProjectedSource.serviceAccountToken("https://kubernetes.default.svc.cluster.local", Duration.ofHours(1)))
                .hasMessage("Projected serviceAccountToken: audience \"https://kubernetes.default.svc.cluster.local\" is the API server's: a "
                        + "token for it is an API credential, which the checks would not weigh against the account's roles. Give the pods "
                        + "API access with withApiAccessAs(account), and bind the account the roles it needs.");
        for (Duration wrong : List.of(Duration.ofMinutes(9), Duration.ofHours(25), Duration.ofMinutes(10).plusMillis(500))) {
            assertThatThrownBy(() -> ProjectedSource.serviceAccountToken("vault", wrong))
                    .hasMessageStartingWith("Projected serviceAccountToken: expiration \"" + wrong.getSeconds() + " s")
                    .hasMessageEndingWith("is invalid: must be whole seconds from 600 (10 minutes, the API server's least) to 86400 (24 hours): "
                            + "a longer-lived token stays usable longer once it leaks. For example Duration.ofHours(1), the Kubernetes default.");
        }
        assertThatThrownBy(() -> ProjectedSource.serviceAccountToken("vault", null))
                .hasMessage("Projected serviceAccountToken: expiration is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
        assertThatThrownBy(() -> ProjectedSource.serviceAccountToken("vault", Duration.ofHours(1)).atPath("/var/run/token"))
                .hasMessage("Projected serviceAccountToken: item path \"/var/run/token\" is invalid: must be a relative path without '..'. "
                        + "For example \"app.properties\".");
        assertThat(ProjectedSource.serviceAccountToken("vault", Duration.ofMinutes(10)).expiration()).isEqualTo(Duration.ofSeconds(600));
        assertThat(ProjectedSource.serviceAccountToken("vault", Duration.ofHours(24)).paths()).containsExactly("token");
    }

    @Test
    void its_sources_refuse_what_their_volumes_refuse() {
        assertThatThrownBy(() -> ProjectedSource.downwardApi().withFile("ip", PodField.POD_IP))
                .hasMessage("Projected downwardAPI: downwardAPI field \"status.podIP\" is only available to env vars (volumes support "
                        + "metadata fields). Use Env.from(name, field).");
        assertThatThrownBy(() -> ProjectedSource.secret(tls).withItem(tls.key("tls.key"), "../tls.key"))
                .hasMessage("Projected Secret tls: item path \"../tls.key\" is invalid: must be a relative path without '..'. For example "
                        + "\"app.properties\".");
        assertThatThrownBy(() -> ProjectedSource.configMap(config).withItem(config.key("app.properties"), "a", null))
                .hasMessage("Projected ConfigMap cfg: mode is missing (null). Pass a value, or drop the call to keep the default.");
        assertThatThrownBy(() -> ProjectedSource.configMap(null))
                .hasMessage("Projected source: configMap is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
    }

    @Test
    void refuses_a_file_path_starting_with_two_dots_as_the_api_server_does() {
        // The API server refuses a first path element starting with '..' (validateLocalNonReservedPath): the kubelet's ..data.
        assertThatThrownBy(() -> ProjectedSource.serviceAccountToken("vault", Duration.ofHours(1)).atPath("..token"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Projected serviceAccountToken: item path \"..token\" is invalid: must not start with '..', which the API server "
                        + "refuses (the kubelet's own entries of the volume start so). Drop the leading dots, e.g. \"token\".");
        assertThatThrownBy(() -> ProjectedSource.secret(tls).withItem(tls.key("tls.key"), "..data/tls.key"))
                .hasMessage("Projected Secret tls: item path \"..data/tls.key\" is invalid: must not start with '..', which the API server "
                        + "refuses (the kubelet's own entries of the volume start so). Drop the leading dots, e.g. \"data/tls.key\".");
        assertThatThrownBy(() -> Volumes.configMap("conf", config).withItem(config.key("app.properties"), "..app.properties"))
                .hasMessageStartingWith("Volume conf: item path \"..app.properties\" is invalid: must not start with '..'");
        assertThatThrownBy(() -> Volumes.downwardApi("pod").withFile("..labels", PodField.LABELS))
                .hasMessageStartingWith("Volume pod: item path \"..labels\" is invalid: must not start with '..'");
        // Dots further on are a file name like any other.
        assertThat(ProjectedSource.serviceAccountToken("vault", Duration.ofHours(1)).atPath("vault/..token").paths()).containsExactly("vault/..token");
    }

    @Test
    void refuses_a_file_of_one_source_where_another_writes_a_directory() {
        // The kubelet writes each file after creating its directory: a file vault and a file vault/token cannot both be.
        assertThatThrownBy(() -> Volumes.projected("app", ProjectedSource.secret(tls).withItem(tls.key("tls.key"), "vault"),
                ProjectedSource.serviceAccountToken("vault", Duration.ofHours(1)).atPath("vault/token")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Volume app: file \"vault/token\" clashes with vault: vault would be both a file and a directory, so the "
                        + "kubelet cannot write the volume and the pods never start. Project one of them elsewhere with withItem(key, path) "
                        + "(or atPath for a token).");
        assertThatThrownBy(() -> Volumes.projected("app", ProjectedSource.serviceAccountToken("vault", Duration.ofHours(1)).atPath("tls/ca/token"),
                ProjectedSource.secret(tls).withItem(tls.key("tls.crt"), "tls/ca")))
                .hasMessageStartingWith("Volume app: file \"tls/ca\" clashes with tls/ca/token: tls/ca would be both a file and a directory");
        // A shared directory, or a name that only starts like another, is fine.
        assertThat(Volumes.projected("app", ProjectedSource.secret(tls).withItem(tls.key("tls.key"), "tls/tls.key"),
                ProjectedSource.serviceAccountToken("vault", Duration.ofHours(1)).atPath("tls/token"),
                ProjectedSource.serviceAccountToken("aws", Duration.ofHours(1)).atPath("tlsx")).sources()).hasSize(3);
    }
}
