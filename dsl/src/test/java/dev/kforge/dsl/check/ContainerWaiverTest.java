package dev.kforge.dsl.check;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.Resources;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A policy rule judged on each container, waived by one container: the workload's other containers are still held to it. */
class ContainerWaiverTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final Resources SMALL = Resources.requests(Cpu.millis(100), Memory.mebibytes(64)).withCpuLimit(Cpu.millis(200))
            .withMemoryLimit(Memory.mebibytes(128));
    private static final ContainerDef WEB = ContainerDef.named("web").image(Image.of("example/web", "1.0.0")).withPort(HTTP).withResources(SMALL)
            .withReadinessProbe(ProbeDef.httpGet("/ready", HTTP)).withLivenessProbe(ProbeDef.httpGet("/health", HTTP));
    /** A log shipper sidecar with no health endpoint to probe. */
    private static final ContainerDef SHIPPER = ContainerDef.named("shipper").image(Image.of("example/shipper", "3.0.0")).withResources(SMALL);

    private static List<String> problems(DeploymentDef deployment) {
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"))
                .with(deployment, PodDisruptionBudgetDef.named(deployment.name()).protecting(deployment),
                        NetworkPolicyDef.named(deployment.name()).isolating(deployment).allowingFrom(NetworkPeer.sameNamespace()));
        Problems problems = new Problems();
        Checks.run(List.of(stack), problems);
        return problems.all().stream().map(p -> p.severity() + " " + p.format().replaceAll(" \\[at .*]$", "")).toList();
    }

    private static DeploymentDef web(ContainerDef main, ContainerDef sidecar) {
        return DeploymentDef.named("web").running(main).withSidecar(sidecar).withReplicas(2);
    }

    @Test
    void a_sidecar_waiving_probes_leaves_the_main_container_held_to_them() {
        ContainerDef unready = ContainerDef.named("web").image(WEB.image()).withPort(HTTP).withResources(SMALL)
                .withLivenessProbe(ProbeDef.httpGet("/health", HTTP));

        assertThat(problems(web(unready, SHIPPER.waive(PolicyCheck.PROBES, "the shipper has no health endpoint")))).containsExactly(
                "ERROR prod/Deployment web: container web has no readinessProbe (probes: 1 of 2). Add withReadinessProbe, e.g. "
                        + "ProbeDef.httpGet(\"/ready\", port), asking whether the pod can serve now (not what the liveness probe asks). Or waive it with .waive(PolicyCheck.PROBES, \"<why>\") "
                        + "on container web, or on the workload for all its containers.");
        assertThat(problems(web(WEB, SHIPPER.waive(PolicyCheck.PROBES, "the shipper has no health endpoint")))).isEmpty();
    }

    @Test
    void the_workload_waiver_still_covers_every_container() {
        ContainerDef unready = ContainerDef.named("web").image(WEB.image()).withPort(HTTP).withResources(SMALL);

        assertThat(problems(web(unready, SHIPPER).waive(PolicyCheck.PROBES, "probed by the mesh"))).isEmpty();
    }

    @Test
    void an_unused_container_waiver_is_a_warning_naming_the_container() {
        ContainerDef probed = SHIPPER.withLivenessProbe(ProbeDef.exec("pgrep", "shipper")).waive(PolicyCheck.PROBES, "no health endpoint");

        assertThat(problems(web(WEB, probed))).containsExactly(
                "WARNING prod/Deployment web: container shipper waives probes, which finds nothing to waive there (probes). "
                        + "Remove .waive(PolicyCheck.PROBES, ...) from container shipper (a copy made with withName keeps its original's: "
                        + ".withoutWaiver(PolicyCheck.PROBES) drops it): the rule does not fire on it without it.");
        // A Job's pods are not asked for probes: its container's waiver finds nothing either.
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"))
                .with(JobDef.named("migrate").running(SHIPPER.waive(PolicyCheck.PROBES, "runs to completion")).withDeadline(Duration.ofMinutes(5)));
        Problems problems = new Problems();
        Checks.run(List.of(stack), problems);
        assertThat(problems.all()).extracting(Problem::problem).containsExactly("container shipper waives probes, which finds nothing to waive there");
    }

    @Test
    void a_copy_made_with_with_name_drops_a_waiver_it_does_not_need() {
        ContainerDef shipper = SHIPPER.waive(PolicyCheck.PROBES, "no health endpoint").waive(PolicyCheck.IMAGE_TAG, "vendor tags");
        // The shipper's container run once by a Job: no probe rule applies to a Job, so its copy drops that waiver
        ContainerDef once = shipper.withName("ship-once").withoutWaiver(PolicyCheck.PROBES);
        assertThat(once.waivers()).containsOnlyKeys(PolicyCheck.IMAGE_TAG);
        assertThat(shipper.waivers()).containsOnlyKeys(PolicyCheck.PROBES, PolicyCheck.IMAGE_TAG);
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"))
                .with(JobDef.named("ship-once").running(once.withoutWaiver(PolicyCheck.IMAGE_TAG)).withDeadline(Duration.ofMinutes(5)));
        Problems problems = new Problems();
        Checks.run(List.of(stack), problems);
        assertThat(problems.all()).isEmpty();

        assertThatThrownBy(() -> once.withoutWaiver(PolicyCheck.PROBES)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container ship-once: waiver \"probes\" is not waived by this container (it waives image-tag). Remove the withoutWaiver call.");
        assertThatThrownBy(() -> WEB.withoutWaiver(PolicyCheck.PROBES)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container web: waiver \"probes\" is not waived by this container (it waives nothing). Remove the withoutWaiver call.");
    }

    @Test
    void the_container_waiver_is_used_before_the_workload_waiver_which_is_then_unused() {
        DeploymentDef deployment = web(WEB, SHIPPER.waive(PolicyCheck.PROBES, "no health endpoint")).waive(PolicyCheck.PROBES, "probed by the mesh");

        assertThat(problems(deployment)).containsExactly("WARNING prod/Deployment web: waives probes, which finds nothing to waive here (probes). "
                + "Remove .waive(PolicyCheck.PROBES, ...): the rule does not fire on this object without it.");
    }

    @Test
    void a_container_may_waive_its_image_tag_and_resources_too() {
        ContainerDef moving = ContainerDef.named("shipper").image(Image.of("example/shipper", "latest"))
                .withLivenessProbe(ProbeDef.exec("pgrep", "shipper"));

        assertThat(problems(web(WEB, moving.waive(PolicyCheck.IMAGE_TAG, "the vendor moves only latest")
                .waive(PolicyCheck.RESOURCES, "sized by the node agent")))).isEmpty();
        assertThat(problems(web(WEB, moving.waive(PolicyCheck.IMAGE_TAG, "the vendor moves only latest")))).containsExactly(
                "ERROR prod/Deployment web: container shipper has no cpu request, memory request, cpu limit, memory limit (resources: none). "
                        + "Set them with withResources(Resources.requests(cpu, memory).withCpuLimit(..).withMemoryLimit(..)). "
                        + "Or waive it with .waive(PolicyCheck.RESOURCES, \"<why>\") on container shipper, or on the workload for all its containers.");
    }

    @Test
    void the_annotation_names_the_container_after_the_workload_waivers() {
        DeploymentDef deployment = DeploymentDef.named("web").running(WEB.waive(PolicyCheck.IMAGE_TAG, "pinned by digest upstream"))
                .withSidecar(SHIPPER.waive(PolicyCheck.PROBES, "no health endpoint").waive(PolicyCheck.IMAGE_TAG, "vendor tags"))
                .waive(PolicyCheck.MIN_REPLICAS, "one pod is enough");

        assertThat(file(render(deployment), "50-deployment-web.yaml")).contains("    kforge.dev/waivers: \"min-replicas: one pod is enough; "
                + "image-tag (container web): pinned by digest upstream; image-tag (container shipper): vendor tags; "
                + "probes (container shipper): no health endpoint\"\n");
    }

    @Test
    void refuses_a_container_waiver_of_a_rule_judged_on_the_pod_or_without_a_reason() {
        assertThatThrownBy(() -> SHIPPER.waive(PolicyCheck.RUN_AS_NON_ROOT, "vendor image")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container shipper: waiver \"run-as-non-root\" is of a rule judged on the whole pod, not on each container. "
                        + "Waive it on the workload: .waive(PolicyCheck.RUN_AS_NON_ROOT, \"<why>\").");
        assertThatThrownBy(() -> SHIPPER.waive(PolicyCheck.PROBES, " ")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container shipper: waiver of probes has no reason. Say why the rule does not apply; review reads it in the output.");
        assertThatThrownBy(() -> SHIPPER.waive(PolicyCheck.PROBES, "a; b")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container shipper: waiver of probes reason \"a; b\" is invalid: must be one line of text without ';'. "
                        + "The reasons of an object are joined with \"; \" in its kforge.dev/waivers annotation.");
    }
}
