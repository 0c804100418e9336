package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static dev.kforge.dsl.testing.Rendering.render;
import static dev.kforge.dsl.testing.Rendering.reportOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.core.Annotations;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.quota.ResourceQuotaDef;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.NodeAffinity;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.PodTemplate;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.PreStop;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.StatefulSetDef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Native sidecars ({@code withNativeSidecar}): init containers with {@code restartPolicy: Always}, in their place among the
 * init containers, that run for the pod's life and get every check of a container.
 */
class NativeSidecarsTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final Port PROXY = Port.tcp("proxy", 15001);
    private static final Resources SMALL = Resources.requests(Cpu.millis(100), Memory.mebibytes(128)).withCpuLimit(Cpu.millis(500))
            .withMemoryLimit(Memory.mebibytes(256));
    private static final ContainerDef WEB = ContainerDef.named("web").image(Image.of("example/web", "1.0.0")).withPort(HTTP)
            .withResources(SMALL)
            .withReadinessProbe(ProbeDef.httpGet("/ready", HTTP)).withLivenessProbe(ProbeDef.httpGet("/health", HTTP));
    private static final ContainerDef PROXY_SIDECAR = ContainerDef.named("proxy").image(Image.of("example/proxy", "2.0.0")).withPort(PROXY)
            .withResources(SMALL)
            .withStartupProbe(ProbeDef.tcpSocket(PROXY)).withReadinessProbe(ProbeDef.httpGet("/ready", PROXY))
            .withLivenessProbe(ProbeDef.tcpSocket(PROXY));
    private static final ContainerDef MIGRATE = ContainerDef.named("migrate").image(Image.of("example/migrate", "1.0.0")).withResources(SMALL);
    private static final ContainerDef WARM = ContainerDef.named("warm").image(Image.of("example/warm", "1.0.0")).withResources(SMALL);
    private static final ContainerDef SHIPPER = ContainerDef.named("shipper").image(Image.of("example/shipper", "3.0.0")).withResources(SMALL);

    @Test
    void a_native_sidecar_is_an_init_container_that_keeps_running_in_its_place_among_the_init_containers() {
        DeploymentDef web = DeploymentDef.named("web").running(WEB).withInitContainer(MIGRATE).withNativeSidecar(PROXY_SIDECAR)
                .withInitContainer(WARM);
        String yaml = file(render(web), "50-deployment-web.yaml");
        assertThat(yaml).contains("""
                      initContainers:
                      - name: migrate
                        image: example/migrate:1.0.0
                """, """
                      - name: proxy
                        image: example/proxy:2.0.0
                        imagePullPolicy: IfNotPresent
                        livenessProbe:
                          failureThreshold: 3
                          initialDelaySeconds: 0
                          periodSeconds: 10
                          successThreshold: 1
                          tcpSocket:
                            port: proxy
                          timeoutSeconds: 1
                        ports:
                        - name: proxy
                          containerPort: 15001
                          protocol: TCP
                        readinessProbe:
                          failureThreshold: 3
                          httpGet:
                            path: /ready
                            port: proxy
                            scheme: HTTP
                          initialDelaySeconds: 0
                          periodSeconds: 10
                          successThreshold: 1
                          timeoutSeconds: 1
                        resources:
                          limits:
                            cpu: 500m
                            memory: 256Mi
                          requests:
                            cpu: 100m
                            memory: 128Mi
                        restartPolicy: Always
                        securityContext:
                          allowPrivilegeEscalation: false
                          capabilities:
                            drop:
                            - ALL
                          readOnlyRootFilesystem: true
                          runAsNonRoot: true
                        startupProbe:
                          failureThreshold: 3
                          initialDelaySeconds: 0
                          periodSeconds: 10
                          successThreshold: 1
                          tcpSocket:
                            port: proxy
                          timeoutSeconds: 1
                      - name: warm
                        image: example/warm:1.0.0
                """);
        String initContainers = yaml.substring(yaml.indexOf("      initContainers:"), yaml.indexOf("      securityContext:\n        runAsNonRoot"));
        assertThat(initContainers.indexOf("- name: migrate")).isLessThan(initContainers.indexOf("- name: proxy"));
        assertThat(initContainers.indexOf("- name: proxy")).isLessThan(initContainers.indexOf("- name: warm"));
        assertThat(yaml).containsOnlyOnce("restartPolicy: Always").containsOnlyOnce("\n      - name: proxy\n");
        String containers = yaml.substring(yaml.indexOf("      containers:"), yaml.indexOf("      initContainers:"));
        assertThat(containers).startsWith("      containers:\n      - name: web\n").doesNotContain("proxy");
        // The same on a StatefulSet and a DaemonSet, before the init containers when it is added first.
        assertThat(file(render(StatefulSetDef.named("db").running(WEB).withNativeSidecar(PROXY_SIDECAR).withInitContainer(MIGRATE)),
                "50-statefulset-db.yaml")).contains("      initContainers:\n      - name: proxy\n").contains("      - name: migrate\n");
        assertThat(file(render(DaemonSetDef.named("agent").running(WEB).withNativeSidecar(PROXY_SIDECAR)), "50-daemonset-agent.yaml"))
                .contains("      containers:\n      - name: web\n", "      initContainers:\n      - name: proxy\n", "        restartPolicy: Always\n");
    }

    @Test
    void an_ordinary_sidecar_stays_beside_the_main_container_and_a_jobs_goes_after_the_native_ones() {
        String deployment = file(render(DeploymentDef.named("web").running(WEB).withNativeSidecar(PROXY_SIDECAR).withSidecar(SHIPPER)),
                "50-deployment-web.yaml");
        assertThat(deployment.substring(deployment.indexOf("      containers:"), deployment.indexOf("      initContainers:")))
                .contains("      - name: web\n", "      - name: shipper\n").doesNotContain("proxy");
        assertThat(deployment.substring(deployment.indexOf("      initContainers:"))).startsWith("      initContainers:\n      - name: proxy\n")
                .doesNotContain("shipper");
        // A Job's ordinary sidecars are native too, after every init container; a native one keeps its place.
        String job = file(render(JobDef.named("migrate").running(MIGRATE).withNativeSidecar(PROXY_SIDECAR).withInitContainer(WARM)
                .withSidecar(SHIPPER)), "51-job-migrate.yaml");
        String initContainers = job.substring(job.indexOf("      initContainers:"));
        assertThat(initContainers).startsWith("      initContainers:\n      - name: proxy\n");
        assertThat(initContainers.indexOf("- name: warm")).isLessThan(initContainers.indexOf("- name: shipper"));
        assertThat(job.split("restartPolicy: Always", -1)).hasSize(3);
        assertThat(job.substring(job.indexOf("      containers:"), job.indexOf("      initContainers:"))).contains("- name: migrate")
                .doesNotContain("proxy", "shipper");
    }

    @Test
    void the_main_container_stays_the_first_one_added() {
        DeploymentDef web = DeploymentDef.named("web").running(WEB).withNativeSidecar(PROXY_SIDECAR);
        assertThat(web.mainContainer()).isEqualTo(WEB);
        assertThat(web.containers()).containsExactly(WEB, PROXY_SIDECAR);
        assertThat(web.initContainers()).isEmpty();
        assertThat(web.pod().initPhase()).containsExactly(PROXY_SIDECAR);
        // The version label is the main container's tag, not the sidecar's.
        assertThat(file(render(web), "50-deployment-web.yaml")).contains("app.kubernetes.io/version: \"1.0.0\"").doesNotContain("2.0.0\"");
    }

    @Test
    void a_native_sidecar_may_have_probes_and_a_pre_stop_hook_and_gets_the_probe_rule_of_pods_that_serve() {
        ContainerDef unprobed = ContainerDef.named("shipper").image(Image.of("example/shipper", "3.0.0")).withResources(SMALL)
                .withPreStop(PreStop.sleep(Duration.ofSeconds(5)));
        DeploymentDef web = DeploymentDef.named("web").running(WEB).withNativeSidecar(unprobed);
        assertThat(file(render(web), "50-deployment-web.yaml")).contains("""
                      initContainers:
                      - name: shipper
                        image: example/shipper:3.0.0
                        imagePullPolicy: IfNotPresent
                        lifecycle:
                          preStop:
                            sleep:
                              seconds: 5
                """, """
                        restartPolicy: Always
                """);
        assertThat(reportOf(Policy.STRICT, web)).contains("ERROR prod/Deployment web: container shipper has no livenessProbe (probes: 0 "
                + "of 1). Add withLivenessProbe, e.g. ProbeDef.exec(<a command that fails when the process is stuck>); a container that "
                + "declares no port needs no readiness probe. Or waive it with .waive(PolicyCheck.PROBES, \"<why>\") "
                        + "on container shipper, or on the workload for all its containers.");
        // A Job's pods run to completion: no probes asked of its native sidecars.
        assertThat(reportOf(Policy.STRICT, JobDef.named("migrate").running(MIGRATE).withNativeSidecar(unprobed).withDeadline(Duration.ofMinutes(5))))
                .noneMatch(line -> line.contains("Probe"));
    }

    @Test
    void a_native_sidecar_gets_the_checks_of_any_container() {
        ConfigMapDef config = ConfigMapDef.named("proxy-config").withProperty("MODE", "strict");
        ContainerDef careless = ContainerDef.named("proxy").image(Image.parse("example/proxy:latest")).withPort(Port.tcp("ssh", 22))
                .withEnv(Env.from("MODE", config.key("MODE")), Env.value("DB_PASSWORD", "hunter2hunter2"))
                .withReadinessProbe(ProbeDef.httpGet("/ready", HTTP)).withLivenessProbe(ProbeDef.tcpSocket(Port.tcp("admin", 9901)));
        List<String> lines = reportOf(Policy.STRICT, DeploymentDef.named("web").running(WEB).withNativeSidecar(careless));
        assertThat(lines).anyMatch(line -> line.startsWith("ERROR prod/Deployment web: container proxy readinessProbe uses port http (8080/TCP) "
                + "that the container does not declare"));
        assertThat(lines).anyMatch(line -> line.startsWith("ERROR prod/Deployment web: container proxy livenessProbe uses port admin"));
        assertThat(lines).anyMatch(line -> line.startsWith("ERROR prod/Deployment web: env MODE of container proxy uses ConfigMap proxy-config, "
                + "which is not in the stack"));
        assertThat(lines).anyMatch(line -> line.startsWith("ERROR prod/Deployment web: container proxy runs an image without a pinned tag"));
        assertThat(lines).anyMatch(line -> line.startsWith("ERROR prod/Deployment web: container proxy has no cpu request"));
        assertThat(lines).anyMatch(line -> line.startsWith("ERROR prod/Deployment web: container proxy sets DB_PASSWORD to a literal value"));
        assertThat(lines).anyMatch(line -> line.contains("container proxy") && line.contains("22/TCP"));
    }

    @Test
    void a_service_may_target_a_native_sidecars_port() {
        DeploymentDef web = DeploymentDef.named("web").running(WEB).withNativeSidecar(PROXY_SIDECAR);
        ServiceDef service = ServiceDef.named("web").selecting(web).withPort(ServicePort.to(PROXY));
        assertThat(reportOf(noPolicy(), web, service)).isEmpty();
        assertThat(file(render(web, service), "40-service-web.yaml")).contains("    targetPort: proxy\n");
    }

    @Test
    void an_init_container_counts_against_a_quota_with_the_native_sidecars_started_before_it() {
        Resources heavy = Resources.requests(Cpu.cores(2), Memory.mebibytes(128)).withCpuLimit(Cpu.cores(2)).withMemoryLimit(Memory.mebibytes(256));
        ContainerDef proxy = PROXY_SIDECAR.withResources(Resources.requests(Cpu.cores(1), Memory.mebibytes(128)).withCpuLimit(Cpu.cores(1))
                .withMemoryLimit(Memory.mebibytes(256)));
        ResourceQuotaDef quota = ResourceQuotaDef.named("compute").withRequests(Cpu.millis(2500), Memory.gibibytes(8));
        // The proxy (1 core) runs while warm (2 cores) does: 3 cores at once, although the running pod needs 1.1.
        DeploymentDef before = DeploymentDef.named("web").running(WEB).withStrategy(DeploymentStrategy.recreate()).withNativeSidecar(proxy).withInitContainer(WARM.withResources(heavy));
        assertThat(reportOf(noPolicy(), quota, before)).anyMatch(line -> line.startsWith("ERROR prod/ResourceQuota compute: allows requests.cpu "
                + "2500m, but the stack's pods need 3 at their usual count"));
        DeploymentDef after = DeploymentDef.named("web").running(WEB).withStrategy(DeploymentStrategy.recreate()).withInitContainer(WARM.withResources(heavy)).withNativeSidecar(proxy);
        assertThat(reportOf(noPolicy(), quota, after)).isEmpty();
    }

    @Test
    void a_raw_edit_may_not_turn_a_native_sidecar_into_an_init_container_that_ends() {
        ContainerDef unprobed = SHIPPER;
        Stack stack = Stack.named("demo").environment("test").namespace(NamespaceDef.named("demo-test")).withPolicy(noPolicy())
                .with(DeploymentDef.named("web").running(WEB).withNativeSidecar(unprobed)
                        .withRawEdit("ends", d -> d.getSpec().getTemplate().getSpec().getInitContainers().get(0).setRestartPolicy(null)));
        assertThatThrownBy(() -> Renderer.render(stack)).hasMessageContaining(
                "(spec.template.spec.initContainers[shipper].restartPolicy: Always -> unset). Set it in the definition instead "
                        + "(withNativeSidecar or withInitContainer)");
        Stack probed = stack.replacing(DeploymentDef.named("web").running(WEB).withNativeSidecar(PROXY_SIDECAR)
                .withRawEdit("ends", d -> d.getSpec().getTemplate().getSpec().getInitContainers().get(0).setRestartPolicy(null)));
        assertThatThrownBy(() -> Renderer.render(probed)).hasMessageContaining("raw edits left init container proxy with what the API server "
                + "refuses (restartPolicy: null, probes or lifecycle hooks: set). An init container that runs to completion has neither; a native "
                + "sidecar (withNativeSidecar) keeps restartPolicy: Always.");
    }

    @Test
    void refuses_a_missing_native_sidecar_and_a_name_a_container_already_has() {
        DeploymentDef web = DeploymentDef.named("web").running(WEB);
        assertThatThrownBy(() -> web.withNativeSidecar(null)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment web: native sidecar is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
        assertThatThrownBy(() -> web.withInitContainer(MIGRATE).withNativeSidecar(MIGRATE.withPort(PROXY)))
                .hasMessage("Deployment web: container name \"migrate\" is used twice. Give each container its own name.");
        assertThatThrownBy(() -> web.withNativeSidecar(PROXY_SIDECAR).withSidecar(PROXY_SIDECAR))
                .hasMessage("Deployment web: container name \"proxy\" is used twice. Give each container its own name.");
    }

    @Test
    void the_pod_template_refuses_a_native_sidecar_that_is_not_one_of_its_sidecars_or_out_of_place() {
        for (PodTemplate.NativeSidecar wrong : List.of(new PodTemplate.NativeSidecar("web", 0), new PodTemplate.NativeSidecar("nobody", 0),
                new PodTemplate.NativeSidecar("proxy", 1), new PodTemplate.NativeSidecar("proxy", -1))) {
            assertThatThrownBy(() -> new PodTemplate(List.of(), List.of(WEB, PROXY_SIDECAR), Labels.EMPTY, Annotations.EMPTY, Optional.empty(),
                    false, List.of(), PodSecurity.RESTRICTED, Optional.empty(), List.of(), Labels.EMPTY, NodeAffinity.NONE, List.of(), List.of(wrong), Optional.empty()))
                    .isInstanceOf(InvalidDefinitionException.class)
                    .hasMessage("Pod template: native sidecar \"" + wrong.name() + " after " + wrong.afterInitContainers() + " init containers\" "
                            + "is invalid: must name a sidecar of the pod once, after 0 to 0 init containers. Add native sidecars with "
                            + "withNativeSidecar(container).");
        }
    }
}
