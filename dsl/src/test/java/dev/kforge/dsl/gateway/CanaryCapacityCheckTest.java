package dev.kforge.dsl.gateway;

import static dev.kforge.dsl.testing.Rendering.structuralProblems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.check.StackIndex;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.UtilizationTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A weighted canary's pods against its share of the route, per pod, beside the primary's. */
class CanaryCapacityCheckTest {
    private static final Port HTTP = Port.tcp("http", 5000);
    private static final ServicePort WEB = ServicePort.to(HTTP);
    private static final NamespaceDef NAMESPACE = NamespaceDef.named("shop-prod");
    private static final DeploymentDef SHOP_APP = DeploymentDef.named("shop")
            .running(ContainerDef.named("app").image(Image.of("example/shop", "1.0.0")).withPort(HTTP)
                    .withResources(Resources.requests(Cpu.millis(100), Memory.mebibytes(128))));
    private static final ServiceDef SHOP = ServiceDef.named("shop").selecting(SHOP_APP).withPort(WEB);
    private static final HorizontalPodAutoscalerDef SCALING = HorizontalPodAutoscalerDef.named("shop").scaling(SHOP_APP)
            .between(3, 10).atUtilization(UtilizationTarget.cpu(70));
    private static final EmissaryMapping ROUTE = EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB))
            .withHostname("shop.example.com");

    /** The primary, autoscaled 3 to 10, and a canary copy of {@code canaryReplicas} pods sent {@code percent} of the route. */
    private static Stack canaryStack(int canaryReplicas, int percent) {
        DeploymentDef next = SHOP_APP.withName("shop-canary").withImage(Image.of("example/shop", "1.1.0")).withReplicas(canaryReplicas);
        ServiceDef nextService = ServiceDef.named("shop-canary").selecting(next).withPort(WEB);
        CanaryRoute route = ROUTE.canary(nextService.backend(WEB), percent);
        return stack(next, nextService, SCALING, route.primary(), route.canary());
    }

    /** The primary Mapping without a weight, as Emissary's documentation advises, and a canary Mapping of {@code percent}. */
    private static Stack unweightedPrimaryStack(int canaryReplicas, int percent) {
        DeploymentDef next = SHOP_APP.withName("shop-canary").withReplicas(canaryReplicas);
        ServiceDef nextService = ServiceDef.named("shop-canary").selecting(next).withPort(WEB);
        EmissaryMapping canary = EmissaryMapping.named("shop-canary").prefix("/").to(nextService.backend(WEB))
                .withHostname("shop.example.com").withWeight(percent);
        return stack(next, nextService, SCALING, ROUTE, canary);
    }

    private static Stack stack(KubeObject<?>... objects) {
        return Stack.named("shop").environment("prod").namespace(NAMESPACE).with(SHOP_APP, SHOP).with(objects);
    }

    private static List<Problem> problems(Stack stack) {
        Problems problems = new Problems();
        new CanaryCapacityCheck().check(stack, new StackIndex(stack), problems);
        return problems.all();
    }

    private static List<String> lines(Stack stack) {
        return problems(stack).stream().map(Problem::format).map(line -> line.replaceAll(" \\[at .*]$", "")).toList();
    }

    @Test
    void warns_when_half_the_traffic_goes_to_one_canary_pod_beside_an_autoscaled_primary_of_three() {
        List<Problem> found = problems(canaryStack(1, 50));

        assertThat(found).extracting(Problem::severity).containsExactly(Severity.WARNING);
        assertThat(lines(canaryStack(1, 50))).containsExactly(
                "prod/Mapping shop-canary: sends 50% of prefix / on host shop.example.com to Service shop-canary, whose Deployment "
                        + "shop-canary runs 1 pod, beside Mapping shop's 50% to Service shop, whose Deployment shop runs 3 pods (its "
                        + "autoscaler's minimum): each of its pods takes 50% of the traffic, each of the primary's 16.7%, more than 2 "
                        + "times as much (shop-canary=50 to 1 pod, shop=50 to 3 pods). Give Deployment shop-canary at least 2 replicas "
                        + "(withReplicas(2), or an autoscaler of that minimum), or send the canary a smaller share, "
                        + "primary.canary(backend, percent).");
    }

    @Test
    void a_canary_taking_at_most_twice_a_primary_pods_load_is_fine() {
        assertThat(problems(canaryStack(1, 10))).isEmpty();
        assertThat(problems(canaryStack(2, 50))).isEmpty();
        // 40% on 1 pod is 40 per pod, 60% on 3 pods 20: exactly twice, not more.
        assertThat(problems(canaryStack(1, 40))).isEmpty();
        assertThat(problems(canaryStack(1, 41))).singleElement().extracting(Problem::problem).asString()
                .endsWith("each of its pods takes 41% of the traffic, each of the primary's 19.7%, more than 2 times as much");
    }

    @Test
    void counts_a_primarys_fixed_replicas_and_names_a_canary_without_pods() {
        DeploymentDef fixed = SHOP_APP.withReplicas(4);
        DeploymentDef stopped = SHOP_APP.withName("shop-canary").withReplicas(0);
        ServiceDef stoppedService = ServiceDef.named("shop-canary").selecting(stopped).withPort(WEB);
        CanaryRoute route = ROUTE.canary(stoppedService.backend(WEB), 10);

        assertThat(lines(stack(stopped, stoppedService, route.primary(), route.canary()).replacing(fixed))).containsExactly(
                "prod/Mapping shop-canary: sends 10% of prefix / on host shop.example.com to Service shop-canary, whose Deployment "
                        + "shop-canary runs 0 pods, beside Mapping shop's 90% to Service shop, whose Deployment shop runs 4 pods: "
                        + "no pod takes its 10%: those requests fail (shop-canary=10 to 0 pods, shop=90 to 4 pods). Give Deployment "
                        + "shop-canary at least 1 replica (withReplicas(1), or an autoscaler of that minimum), or send the canary a "
                        + "smaller share, primary.canary(backend, percent).");
    }

    @Test
    void counts_the_share_an_unweighted_primary_leaves_to_a_weighted_canary() {
        assertThat(lines(unweightedPrimaryStack(1, 50))).containsExactly(
                "prod/Mapping shop-canary: sends 50% of prefix / on host shop.example.com to Service shop-canary, whose Deployment "
                        + "shop-canary runs 1 pod, beside Mapping shop's 50% (no weight: what the weights leave) to Service shop, whose "
                        + "Deployment shop runs 3 pods (its autoscaler's minimum): each of its pods takes 50% of the traffic, each of the "
                        + "primary's 16.7%, more than 2 times as much (shop-canary=50 to 1 pod, shop=unset (50%) to 3 pods). Give "
                        + "Deployment shop-canary at least 2 replicas (withReplicas(2), or an autoscaler of that minimum), or send the "
                        + "canary a smaller share, primary.canary(backend, percent).");
        assertThat(problems(unweightedPrimaryStack(1, 10))).isEmpty();
        assertThat(problems(unweightedPrimaryStack(1, 40))).isEmpty();
        assertThat(problems(unweightedPrimaryStack(1, 41))).singleElement().extracting(Problem::problem).asString()
                .contains("beside Mapping shop's 59% (no weight: what the weights leave)");
    }

    @Test
    void two_unweighted_mappings_of_a_route_split_it_evenly_and_count_so() {
        DeploymentDef other = SHOP_APP.withName("shop-next").withReplicas(1);
        ServiceDef otherService = ServiceDef.named("shop-next").selecting(other).withPort(WEB);
        EmissaryMapping second = EmissaryMapping.named("shop-next").prefix("/").to(otherService.backend(WEB)).withHostname("shop.example.com");

        assertThat(lines(stack(other, otherService, SCALING, ROUTE, second))).singleElement().asString().startsWith(
                "prod/Mapping shop-next: sends 50% (no weight: one of 2 parts of what the weights leave, 100%) of prefix / on host "
                        + "shop.example.com to Service shop-next, whose Deployment shop-next runs 1 pod, beside Mapping shop's 50% (no "
                        + "weight: one of 2 parts of what the weights leave, 100%) to Service shop, whose Deployment shop runs 3 pods (its "
                        + "autoscaler's minimum): each of its pods takes 50% of the traffic, each of the primary's 16.7%");
        // The route itself is gateway-canary-weights' error: Emissary shares it, which nobody asked for.
        assertThat(structuralProblems(stack(other, otherService, SCALING, ROUTE, second))).extracting(Problem::check)
                .contains(CanaryCapacityCheck.ID, GatewayReferencesCheck.CANARY_WEIGHTS);
    }

    @Test
    void leaves_a_route_whose_weights_emissary_refuses_to_the_weights_check() {
        Stack overweight = canaryStack(1, 50).replacing(ROUTE.withWeight(90));

        assertThat(problems(overweight)).isEmpty();
        assertThat(structuralProblems(overweight)).extracting(Problem::check).contains(GatewayReferencesCheck.CANARY_WEIGHTS);
    }

    @Test
    void runs_with_the_other_checks_of_a_stack() {
        assertThat(structuralProblems(canaryStack(1, 50))).extracting(Problem::check).contains(CanaryCapacityCheck.ID);
        assertThat(structuralProblems(canaryStack(2, 50))).extracting(Problem::check).doesNotContain(CanaryCapacityCheck.ID);
    }
}
