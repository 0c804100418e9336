package dev.kforge.dsl.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Resources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A container a raw edit adds is held to the container rules the policy holds the definition's to. */
class RawEditedContainersTest {
    private static final Resources SIZED = Resources.requests(Cpu.millis(100), Memory.mebibytes(64)).withCpuLimit(Cpu.millis(200))
            .withMemoryLimit(Memory.mebibytes(128));
    private static final ContainerDef WEB = ContainerDef.named("web").image(Image.of("example/web", "1.0.0")).withResources(SIZED);
    private static final DeploymentDef DEPLOYMENT = DeploymentDef.named("web").running(WEB).withReplicas(2);

    private static Stack stack(KubeObject<?>... objects) {
        return Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(objects);
    }

    /** A container that meets the security rules (copied from the pod's first), with {@code image} and what {@code more} adds. */
    private static void add(PodSpec pod, String image, boolean init, java.util.function.UnaryOperator<ContainerBuilder> more) {
        Container proxy = more.apply(new ContainerBuilder().withName("proxy").withImage(image)
                .withSecurityContext(pod.getContainers().get(0).getSecurityContext())).build();
        List<Container> containers = new ArrayList<>(RawEditResultCheck.orEmpty(init ? pod.getInitContainers() : pod.getContainers()));
        containers.add(proxy);
        if (init) {
            pod.setInitContainers(containers);
        } else {
            pod.setContainers(containers);
        }
    }

    @Test
    void an_added_container_without_a_pinned_image_resources_and_probes_is_refused_with_all_it_lacks() {
        DeploymentDef edited = DEPLOYMENT.withRawEdit("proxy", d -> add(d.getSpec().getTemplate().getSpec(), "example/proxy:1.2", false,
                proxy -> proxy.withNewResources().withRequests(Map.of("cpu", new Quantity("50m"))).endResources()));

        assertThatThrownBy(() -> Renderer.render(stack(edited)))
                .isInstanceOf(RawEditException.class)
                .hasMessage("Deployment web: raw edit \"proxy\" added containers the policy's container rules, the API server or the kubelet refuse (container proxy image "
                        + "example/proxy:1.2 is not pinned to a version or digest; container proxy has no requests.memory, limits.cpu, "
                        + "limits.memory; container proxy has no readinessProbe and no livenessProbe). Add them with withSidecar, "
                        + "withNativeSidecar or withInitContainer, where the checks see them, or complete them in the edit; or waive the rule with its reason: "
                        + ".waive(PolicyCheck.IMAGE_TAG, \"<why>\"), .waive(PolicyCheck.RESOURCES, \"<why>\"), .waive(PolicyCheck.PROBES, \"<why>\").");
    }

    @Test
    void a_complete_container_renders_and_one_without_resources_is_refused() {
        DeploymentDef complete = DEPLOYMENT.withRawEdit("proxy", d -> add(d.getSpec().getTemplate().getSpec(), "example/proxy@sha256:" + "a".repeat(64),
                false, proxy -> proxy.withResources(d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources())
                        .withNewReadinessProbe().withNewTcpSocket().withNewPort(8080).endTcpSocket().endReadinessProbe()
                        .withNewLivenessProbe().withNewTcpSocket().withNewPort(8080).endTcpSocket().endLivenessProbe()));
        assertThat(Renderer.render(stack(complete)).files()).isNotEmpty();

        DeploymentDef defaulted = DEPLOYMENT.waive(PolicyCheck.PROBES, "a batch helper").withRawEdit("proxy",
                d -> add(d.getSpec().getTemplate().getSpec(), "example/proxy:1.2.3", false, proxy -> proxy));
        assertThatThrownBy(() -> Renderer.render(stack(defaulted))).hasMessageContaining("(container proxy has no requests.cpu, requests.memory, "
                + "limits.cpu, limits.memory)");
    }

    @Test
    void init_containers_and_the_pods_of_a_job_need_no_probes() {
        DeploymentDef init = DEPLOYMENT.withRawEdit("migrate", d -> add(d.getSpec().getTemplate().getSpec(), "example/migrate:2.0.1", true,
                proxy -> proxy.withResources(d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources())));
        assertThat(Renderer.render(stack(init)).files()).isNotEmpty();
        // The definition's own init containers are the policy check's to judge, not the edit's.
        DeploymentDef unpinnedInit = DEPLOYMENT.withInitContainer(ContainerDef.named("setup").image(Image.parse("example/setup:latest")))
                .withRawEdit("sandbox", d -> d.getSpec().getTemplate().getSpec().setRuntimeClassName("gvisor"));
        assertThat(Renderer.render(stack(unpinnedInit)).files()).isNotEmpty();

        JobDef job = JobDef.named("migrate").running(WEB).withRawEdit("helper", j -> add(j.getSpec().getTemplate().getSpec(),
                "example/helper:latest", false, proxy -> proxy.withResources(j.getSpec().getTemplate().getSpec().getContainers().get(0)
                        .getResources())));
        assertThatThrownBy(() -> Renderer.render(stack(job)))
                .hasMessageContaining("(container proxy image example/helper:latest is not pinned to a version or digest).");
        JobDef channel = JobDef.named("migrate").running(WEB).withRawEdit("helper", j -> add(j.getSpec().getTemplate().getSpec(),
                "example/helper:stable", false, proxy -> proxy.withResources(j.getSpec().getTemplate().getSpec().getContainers().get(0)
                        .getResources())));
        assertThatThrownBy(() -> Renderer.render(stack(channel)))
                .hasMessageContaining("(container proxy image example/helper:stable is not pinned to a version or digest).");
    }

    @Test
    void an_added_container_that_never_pulls_its_image_is_refused_as_one_of_the_definition_is() {
        JobDef job = JobDef.named("migrate").running(WEB).withRawEdit("helper", j -> add(j.getSpec().getTemplate().getSpec(),
                "example/helper:1.2.3", false, proxy -> proxy.withImagePullPolicy("Never")
                        .withResources(j.getSpec().getTemplate().getSpec().getContainers().get(0).getResources())));

        assertThatThrownBy(() -> Renderer.render(stack(job)))
                .isInstanceOf(RawEditException.class)
                .hasMessage("Job migrate: raw edit \"helper\" added containers the policy's container rules, the API server or the kubelet refuse (container "
                        + "proxy never pulls its image (imagePullPolicy Never), so it starts only on a node that already holds it). Add them "
                        + "with withSidecar, withNativeSidecar or withInitContainer, where the checks see them, or complete them in the edit; "
                        + "or waive the rule with its reason: .waive(PolicyCheck.IMAGE_TAG, \"<why>\").");
        assertThat(Renderer.render(stack(job.waive(PolicyCheck.IMAGE_TAG, "a kind cluster loads the image by hand"))).files()).isNotEmpty();
    }

    @Test
    void a_native_sidecar_an_edit_adds_to_pods_that_serve_needs_probes() {
        DeploymentDef edited = DEPLOYMENT.withRawEdit("native sidecar", d -> add(d.getSpec().getTemplate().getSpec(), "example/proxy:1.2.3", true,
                proxy -> proxy.withRestartPolicy("Always").withResources(d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources())));

        assertThatThrownBy(() -> Renderer.render(stack(edited)))
                .hasMessageContaining("(container proxy has no readinessProbe and no livenessProbe)");
    }

    @Test
    void readiness_is_asked_of_an_added_container_that_declares_a_port_only() {
        java.util.function.Function<Boolean, DeploymentDef> withLiveness = port -> DEPLOYMENT.withRawEdit("proxy", d -> add(
                d.getSpec().getTemplate().getSpec(), "example/proxy:1.2.3", false, proxy -> {
                    ContainerBuilder probed = proxy.withResources(d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources())
                            .withNewLivenessProbe().withNewExec().withCommand("pgrep", "proxy").endExec().endLivenessProbe();
                    return port ? probed.addNewPort().withName("proxy").withContainerPort(15001).endPort() : probed;
                }));

        assertThat(Renderer.render(stack(withLiveness.apply(false))).files()).isNotEmpty();
        assertThatThrownBy(() -> Renderer.render(stack(withLiveness.apply(true))))
                .hasMessageContaining("container proxy has no readinessProbe and a livenessProbe");
    }

    @Test
    void a_container_without_a_valid_image_and_ephemeral_containers_are_refused_with_no_rule_to_waive() {
        DeploymentDef edited = DEPLOYMENT.withRawEdit("debug", d -> {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            add(pod, null, true, proxy -> proxy.withResources(pod.getContainers().get(0).getResources()));
            pod.setEphemeralContainers(List.of(new io.fabric8.kubernetes.api.model.EphemeralContainerBuilder().withName("debugger")
                    .withImage("busybox:1.36.1").build()));
        });

        assertThatThrownBy(() -> Renderer.render(stack(edited)))
                .hasMessageEndingWith("(ephemeralContainers, which the API server refuses in a pod template (kubectl debug adds them to a running "
                        + "pod); container proxy has no image). Add them with withSidecar, withNativeSidecar or withInitContainer, where the checks see them, or "
                        + "complete them in the edit.");
    }

    @Test
    void every_problem_of_an_edited_pod_is_reported_at_once() {
        DeploymentDef edited = DEPLOYMENT.waive(PolicyCheck.PROBES, "a helper").withRawEdit("two things", d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext().setReadOnlyRootFilesystem(false);
            add(d.getSpec().getTemplate().getSpec(), "example/proxy:latest", false,
                    proxy -> proxy.withResources(d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources()));
        });

        assertThatThrownBy(() -> Renderer.render(stack(edited)))
                .isInstanceOfSatisfying(RawEditException.class, e -> assertThat(e.all()).extracting(RawEditException::problem).containsExactly(
                        "raw edit \"two things\" loosened security settings the policy requires",
                        "raw edit \"two things\" added containers the policy's container rules, the API server or the kubelet refuse"));
        // Likewise when another object failed first.
        DeploymentDef writable = DeploymentDef.named("first").running(WEB).withReplicas(2).withRawEdit("writable",
                d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext().setReadOnlyRootFilesystem(false));
        assertThatThrownBy(() -> Renderer.render(stack(writable, edited)))
                .isInstanceOfSatisfying(RawEditException.class, e -> assertThat(e.all()).extracting(failure -> failure.object().describe())
                        .containsExactly("Deployment first", "Deployment web", "Deployment web"));
    }

    @Test
    void what_the_object_waives_or_the_policy_turns_off_is_not_asked() {
        DeploymentDef bare = DEPLOYMENT.withRawEdit("proxy", d -> add(d.getSpec().getTemplate().getSpec(), "example/proxy", false, proxy -> proxy));

        assertThat(Renderer.render(stack(bare.waive(PolicyCheck.IMAGE_TAG, "a").waive(PolicyCheck.RESOURCES, "b").waive(PolicyCheck.PROBES, "c")))
                .files()).isNotEmpty();
        Policy off = Policy.STRICT.with(PolicyCheck.IMAGE_TAG, Severity.OFF).with(PolicyCheck.RESOURCES, Severity.OFF)
                .with(PolicyCheck.PROBES, Severity.OFF);
        assertThat(Renderer.render(stack(bare).withPolicy(off)).files()).isNotEmpty();
    }

    @Test
    void an_added_container_whose_probe_speaks_another_protocol_than_its_port_is_named_for_breaks_the_probe_protocol_rule() {
        DeploymentDef edited = DEPLOYMENT.withRawEdit("proxy", d -> add(d.getSpec().getTemplate().getSpec(), "example/proxy:1.2.3", false,
                proxy -> proxy.withResources(d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources())
                        .addNewPort().withName("https").withContainerPort(8443).endPort()
                        .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort("https").endHttpGet().endReadinessProbe()
                        .withNewLivenessProbe().withNewGrpc().withPort(8443).endGrpc().endLivenessProbe()));

        assertThatThrownBy(() -> Renderer.render(stack(edited)))
                .isInstanceOf(RawEditException.class)
                .hasMessage("Deployment web: raw edit \"proxy\" added containers the policy's container rules, the API server or the kubelet refuse "
                        + "(container proxy's readinessProbe sends plain HTTP to port https, whose name says TLS: the server answers 400 or "
                        + "closes the connection, and every probe fails; container proxy's livenessProbe speaks gRPC without TLS (the kubelet's "
                        + "gRPC probe has no TLS setting) to port https, whose name says TLS: the handshake the server awaits never comes, and "
                        + "every probe fails). Add them with withSidecar, withNativeSidecar or withInitContainer, where the checks see them, or "
                        + "complete them in the edit; or waive the rule with its reason: .waive(PolicyCheck.PROBE_PROTOCOL, \"<why>\").");
        // A server answering gRPC and HTTP/1.1 over TLS on one port is the team's to say; its waiver is then used.
        Stack waived = stack(edited.waive(PolicyCheck.PROBE_PROTOCOL, "the proxy answers plain HTTP on its TLS port"));
        assertThat(Renderer.render(waived).files()).isNotEmpty();
        // Not reported unused by the checks, which run before raw edits.
        dev.kforge.dsl.check.Problems problems = new dev.kforge.dsl.check.Problems();
        dev.kforge.dsl.check.Checks.run(List.of(waived), problems);
        assertThat(problems.all()).extracting(dev.kforge.dsl.check.Problem::check).doesNotContain("unused-waiver");
    }

    @Test
    void an_added_container_probing_a_port_name_it_does_not_declare_is_refused_whatever_the_policy() {
        // The kubelet resolves a probe's port name among the probed container's ports alone: the main container's http is not the proxy's.
        DeploymentDef edited = DEPLOYMENT.waive(PolicyCheck.PROBES, "a").waive(PolicyCheck.PROBE_PROTOCOL, "b").withRawEdit("proxy",
                d -> add(d.getSpec().getTemplate().getSpec(), "example/proxy:1.2.3", false,
                        proxy -> proxy.withResources(d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources())
                                .addNewPort().withName("proxy").withContainerPort(15001).endPort()
                                .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort("admin").endHttpGet().endReadinessProbe()
                                .withNewLivenessProbe().withNewTcpSocket().withNewPort("http").endTcpSocket().endLivenessProbe()));

        assertThatThrownBy(() -> Renderer.render(stack(edited)))
                .isInstanceOf(RawEditException.class)
                .hasMessageEndingWith("(container proxy's readinessProbe uses port admin, which the container does not declare: the kubelet "
                        + "finds no port of that name, and every probe fails; container proxy's livenessProbe uses port http, which the container "
                        + "does not declare: the kubelet finds no port of that name, and every probe fails). Add them with withSidecar, "
                        + "withNativeSidecar or withInitContainer, where the checks see them, or complete them in the edit.");
        // By number, or by a name the container declares, the probe reaches its port.
        DeploymentDef declared = DEPLOYMENT.withRawEdit("proxy", d -> add(d.getSpec().getTemplate().getSpec(), "example/proxy:1.2.3", false,
                proxy -> proxy.withResources(d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources())
                        .addNewPort().withName("proxy").withContainerPort(15001).endPort()
                        .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort("proxy").endHttpGet().endReadinessProbe()
                        .withNewLivenessProbe().withNewTcpSocket().withNewPort(15020).endTcpSocket().endLivenessProbe()));
        assertThat(Renderer.render(stack(declared)).files()).isNotEmpty();
        // A port without a name, probed by its number, says no protocol.
        DeploymentDef unnamed = DEPLOYMENT.withRawEdit("proxy", d -> add(d.getSpec().getTemplate().getSpec(), "example/proxy:1.2.3", false,
                proxy -> proxy.withResources(d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources())
                        .addNewPort().withContainerPort(15001).endPort()
                        .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort(15001).endHttpGet().endReadinessProbe()
                        .withNewLivenessProbe().withNewGrpc().withPort(15001).endGrpc().endLivenessProbe()));
        assertThat(Renderer.render(stack(unnamed)).files()).isNotEmpty();
    }
}
