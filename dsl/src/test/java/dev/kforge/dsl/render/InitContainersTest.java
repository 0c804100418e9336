package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.check.Checks;
import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.ContainerSecurity;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.Volumes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Init containers run to completion before a workload's containers start; they get every container check but the probe rule. */
class InitContainersTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private final VolumeDef assets = Volumes.emptyDir("assets");
    private final ContainerDef web = ContainerDef.named("web").image(Image.of("example/web", "1.0.0")).withPort(HTTP)
            .withReadOnlyMount(assets, "/srv/assets");
    private final ContainerDef unpack = ContainerDef.named("unpack").image(Image.of("example/assets", "3.2.0"))
            .withCommand("cp", "-r", "/assets/.", "/target").withMount(assets, "/target")
            .withMount(Volumes.emptyDir("scratch").withSizeLimit(Memory.mebibytes(16)), "/tmp");

    @Test
    void renders_init_containers_with_the_same_safe_defaults_and_their_volumes() {
        String yaml = file(render(DeploymentDef.named("web").running(web).withInitContainer(unpack)), "50-deployment-web.yaml");
        assertThat(yaml).contains("""
                      initContainers:
                      - name: unpack
                        command:
                        - cp
                        - "-r"
                        - /assets/.
                        - /target
                        image: example/assets:3.2.0
                        imagePullPolicy: IfNotPresent
                        securityContext:
                          allowPrivilegeEscalation: false
                          capabilities:
                            drop:
                            - ALL
                          readOnlyRootFilesystem: true
                          runAsNonRoot: true
                        volumeMounts:
                        - name: assets
                          mountPath: /target
                        - name: scratch
                          mountPath: /tmp
                """).contains("""
                      volumes:
                      - name: assets
                        emptyDir: {}
                      - name: scratch
                        emptyDir:
                          sizeLimit: 16Mi
                """);
        assertThat(file(render(DeploymentDef.named("web").running(web)), "50-deployment-web.yaml")).doesNotContain("initContainers");
        assertThat(file(render(CronJobDef.named("web").onSchedule("@daily").running(web).withInitContainer(unpack)), "51-cronjob-web.yaml"))
                .contains("          initContainers:\n          - name: unpack\n");
    }

    @Test
    void refuses_probes_on_an_init_container_and_a_name_a_container_already_has() {
        DeploymentDef deployment = DeploymentDef.named("web").running(web);
        assertThatThrownBy(() -> deployment.withInitContainer(unpack.withReadinessProbe(ProbeDef.exec("true"))))
                .hasMessage("Deployment web: init container unpack \"readinessProbe\" has probes, which the API server refuses on init containers "
                        + "(they run to completion, nothing routes to them). Drop the probes; to wait for something, let the init "
                        + "container's command retry until it is there; one that keeps running beside the others (a proxy) is a sidecar, "
                        + "which takes probes: withNativeSidecar.");
        assertThatThrownBy(() -> deployment.withInitContainer(ContainerDef.named("web").image(Image.of("example/assets", "3.2.0"))))
                .hasMessage("Deployment web: container name \"web\" is used twice. Give each container its own name.");
        assertThatThrownBy(() -> deployment.withInitContainer(unpack.withMount(Volumes.emptyDir("assets").backedByMemory(), "/other")))
                .hasMessageStartingWith("Deployment web: volume name \"assets\" names two different volumes.");
    }

    @Test
    void refuses_an_init_container_that_declares_a_port_as_a_server_that_never_exits() {
        DeploymentDef deployment = DeploymentDef.named("web").running(web);
        assertThatThrownBy(() -> deployment.withInitContainer(unpack.withPort(Port.tcp("cache", 6379))))
                .hasMessage("Deployment web: init container unpack port \"cache (6379/TCP)\" is declared, as a server declares it, but "
                        + "an init container must exit before the next container starts, and a server never does, so the pods would "
                        + "stay in Init for ever. Run it beside the main container with withNativeSidecar (started first, stopped last), "
                        + "or drop the port if it exits.");
        // The main container copied as an init container (a migration forgetting its command) keeps the port: refused too.
        assertThatThrownBy(() -> deployment.withInitContainer(web.withName("migrate")))
                .hasMessageStartingWith("Deployment web: init container migrate port \"http (8080/TCP)\" is declared");
        assertThat(deployment.withNativeSidecar(unpack.withPort(Port.tcp("cache", 6379))).pod().containers()).hasSize(2);
    }

    @Test
    void init_containers_get_the_container_checks_except_the_probe_rule() {
        ConfigMapDef config = ConfigMapDef.named("web-config").withProperty("SOURCE", "/assets");
        ContainerDef careless = ContainerDef.named("migrate").image(Image.parse("example/migrate:latest"))
                .withCommand("migrate", "--from", "$(SOURCE)")
                .withEnv(Env.from("SOURCE", config.key("SOURCE")), Env.value("DB_PASSWORD", "hunter2hunter2"))
                .withSecurity(ContainerSecurity.RESTRICTED.withPrivileged(true));
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"))
                .with(DeploymentDef.named("web").running(web).withInitContainer(careless)).withPolicy(Policy.STRICT);
        Problems problems = new Problems();
        Checks.run(List.of(stack), problems);
        List<String> lines = problems.all().stream().map(Problem::format).map(line -> line.replaceAll(" \\[at .*]$", "")).toList();
        assertThat(lines).anyMatch(line -> line.startsWith("prod/Deployment web: env SOURCE of container migrate uses ConfigMap web-config, "
                + "which is not in the stack"));
        assertThat(lines).anyMatch(line -> line.startsWith("prod/Deployment web: breaks the restricted Pod Security Standard")
                && line.contains("container migrate privileged"));
        assertThat(lines).anyMatch(line -> line.startsWith("prod/Deployment web: container migrate runs an image without a pinned tag"));
        assertThat(lines).anyMatch(line -> line.startsWith("prod/Deployment web: container migrate has no cpu request"));
        assertThat(lines).anyMatch(line -> line.startsWith("prod/Deployment web: container migrate sets DB_PASSWORD to a literal value"));
        assertThat(lines).anyMatch(line -> line.startsWith("prod/Deployment web: container migrate can gain privileges"));
        assertThat(lines).noneMatch(line -> line.contains("container migrate has no readinessProbe"));
        assertThat(lines).anyMatch(line -> line.contains("container web has no readinessProbe"));
    }
}
