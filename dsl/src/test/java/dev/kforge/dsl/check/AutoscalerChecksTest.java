package dev.kforge.dsl.check;

import static dev.kforge.dsl.testing.Rendering.demoStack;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.UtilizationTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An autoscaler must scale a Deployment of the stack, alone, own its replica count and measure what the pods request. */
class AutoscalerChecksTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final Resources REQUESTS = Resources.requests(Cpu.millis(100), Memory.mebibytes(64));

    private static ContainerDef container(String name, Resources resources) {
        return ContainerDef.named(name).image(Image.of("example/web", "1.0.0")).withPort(Port.tcp(name, 8080 + name.length()))
                .withResources(resources);
    }

    private static DeploymentDef web() {
        return DeploymentDef.named("web").running(container("web", REQUESTS));
    }

    private static HorizontalPodAutoscalerDef autoscaler(String name, DeploymentDef workload) {
        return HorizontalPodAutoscalerDef.named(name).scaling(workload).between(2, 5).atUtilization(UtilizationTarget.cpu(70));
    }

    /** The structural problems of a stack of {@code objects}, without where they were defined. */
    private static List<String> problems(Stack stack) {
        Problems problems = new Problems();
        Checks.run(List.of(stack), problems);
        return problems.all().stream().map(p -> p.severity() + " " + p.format().replaceAll(" \\[at .*]$", "")).toList();
    }

    private static List<String> structural(Object... objects) {
        Stack stack = demoStack().withPolicy(noPolicy());
        for (Object object : objects) {
            stack = stack.with((dev.kforge.dsl.core.KubeObject<?>) object);
        }
        return problems(stack);
    }

    @Test
    void a_deployment_left_to_its_autoscaler_passes() {
        assertThat(structural(web(), autoscaler("web", web()))).isEmpty();
    }

    @Test
    void warns_about_an_autoscaler_that_can_never_scale() {
        HorizontalPodAutoscalerDef pinned = HorizontalPodAutoscalerDef.named("web").scaling(web()).between(3, 3).atUtilization(UtilizationTarget.cpu(70));
        assertThat(structural(web(), pinned)).containsExactly(
                "WARNING test/HorizontalPodAutoscaler web: never scales: its minimum and maximum are both 3 (between(3, 3)). "
                        + "Widen the range, or drop the autoscaler and give the Deployment withReplicas(3).");
    }

    @Test
    void reports_an_autoscaler_of_a_deployment_not_in_the_stack() {
        assertThat(structural(autoscaler("web", web()))).containsExactly(
                "ERROR test/HorizontalPodAutoscaler web: scales Deployment web, which is not in the stack (web). "
                        + "Add the Deployment to the stack, or remove the autoscaler.");
    }

    @Test
    void reports_a_second_autoscaler_of_one_deployment() {
        assertThat(structural(web(), autoscaler("web", web()), autoscaler("web-memory", web()))).containsExactly(
                "ERROR test/HorizontalPodAutoscaler web-memory: scales Deployment web, which HorizontalPodAutoscaler web already scales; "
                        + "the two would fight over its replicas (HorizontalPodAutoscaler web). "
                        + "Keep one autoscaler per Deployment; give it both targets with withTarget.");
    }

    @Test
    void reports_replicas_fixed_on_an_autoscaled_deployment() {
        DeploymentDef fixed = web().withReplicas(3);
        assertThat(structural(fixed, autoscaler("web", fixed))).containsExactly(
                "ERROR test/Deployment web: sets replicas although HorizontalPodAutoscaler web scales it between 2 and 5; "
                        + "every kubectl apply would reset the running pods to 3 (replicas: 3). "
                        + "Remove withReplicas(3): the autoscaler's minReplicas is the floor.");
    }

    @Test
    void reports_each_container_that_does_not_request_a_measured_resource() {
        DeploymentDef deployment = web()
                .withSidecar(container("proxy", Resources.NONE))
                // A limit alone is a request too: Kubernetes requests the limit.
                .withSidecar(container("logs", Resources.NONE.withCpuLimit(Cpu.millis(50))));
        HorizontalPodAutoscalerDef both = autoscaler("web", deployment).withTarget(UtilizationTarget.memory(80));
        assertThat(structural(deployment, both)).containsExactly(
                "ERROR test/HorizontalPodAutoscaler web: scales on cpu utilization, but container proxy of Deployment web requests no cpu, "
                        + "so utilization is undefined and the autoscaler never scales (container proxy: no cpu request). "
                        + "Give every container of the Deployment a cpu request with withResources(...).",
                "ERROR test/HorizontalPodAutoscaler web: scales on memory utilization, but container proxy of Deployment web requests no memory, "
                        + "so utilization is undefined and the autoscaler never scales (container proxy: no memory request). "
                        + "Give every container of the Deployment a memory request with withResources(...).",
                "ERROR test/HorizontalPodAutoscaler web: scales on memory utilization, but container logs of Deployment web requests no memory, "
                        + "so utilization is undefined and the autoscaler never scales (container logs: no memory request). "
                        + "Give every container of the Deployment a memory request with withResources(...).");
    }

    @Test
    void the_replica_policy_and_the_drain_check_read_the_autoscalers_floor() {
        DeploymentDef deployment = web();
        HorizontalPodAutoscalerDef floorOfOne = HorizontalPodAutoscalerDef.named("web").scaling(deployment).between(1, 4)
                .atUtilization(UtilizationTarget.cpu(70));
        PodDisruptionBudgetDef budget = PodDisruptionBudgetDef.named("web").protecting(deployment).withMinAvailable(IntOrPercent.count(1));
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"))
                .with(deployment, floorOfOne, budget).withPolicy(Policy.STRICT);
        assertThat(problems(stack)).contains(
                "ERROR prod/PodDisruptionBudget web: lets no pod of Deployment web be evicted, so a node drain waits forever "
                        + "(minAvailable 1 of 1 replicas (the autoscaler's minimum)). "
                        + "Use withMaxUnavailable(IntOrPercent.count(1)), or run more replicas than minAvailable.",
                "ERROR prod/Deployment web: runs fewer than 2 replicas (autoscaler minReplicas: 1). "
                        + "Run at least 2 so that one node drain is not an outage (raise the autoscaler's minimum). "
                        + "Or waive it with .waive(PolicyCheck.MIN_REPLICAS, \"<why>\").");

        HorizontalPodAutoscalerDef floorOfThree = HorizontalPodAutoscalerDef.named("web").scaling(deployment).between(3, 6)
                .atUtilization(UtilizationTarget.cpu(70));
        assertThat(problems(stack.replacing(floorOfThree))).noneMatch(line -> line.contains("replicas"));
    }
}
