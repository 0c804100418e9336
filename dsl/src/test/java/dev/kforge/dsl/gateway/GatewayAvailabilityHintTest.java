package dev.kforge.dsl.gateway;

import static dev.kforge.dsl.gateway.ShopGatewayFixture.GATEWAY;
import static dev.kforge.dsl.gateway.ShopGatewayFixture.SHOP;
import static dev.kforge.dsl.gateway.ShopGatewayFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.check.Checks;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.stack.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's Deployment is built by its installation: the availability hints say which call of the installation fixes it. */
class GatewayAvailabilityHintTest {

    private static List<String> gatewayAvailability(GatewayInstallation gateway) {
        EmissaryMapping mapping = EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB)).servedBy(gateway);
        Stack stack = Stack.named("shop").environment("prod").namespace(ShopGatewayFixture.NAMESPACE)
                .with(gateway.objects().toArray(KubeObject<?>[]::new)).with(ShopGatewayFixture.SHOP_APP, SHOP, mapping)
                .withPolicy(Policy.STRICT);
        Problems problems = new Problems();
        Checks.run(List.of(stack), problems);
        return problems.all().stream().filter(p -> p.check().equals("min-replicas") || p.check().equals("disruption-budget"))
                .map(p -> p.format().replaceAll(" \\[at .*]$", "")).filter(line -> line.startsWith("prod/Deployment ambassador")).toList();
    }

    @Test
    void tells_to_give_the_gateway_installation_replicas_and_a_budget() {
        assertThat(gatewayAvailability(GATEWAY)).containsExactly(
                "prod/Deployment ambassador: runs fewer than 2 replicas (replicas: 1). Run at least 2 so that one node drain is not an "
                        + "outage: the gateway's installation sets them, GatewayInstallation.forRouting(..).withReplicas(2). "
                        + "Or waive it with GatewayInstallation.withDeploymentWaiver(PolicyCheck.MIN_REPLICAS, \"<why>\").",
                "prod/Deployment ambassador: has no PodDisruptionBudget (none). Add the installation's own with "
                        + "GatewayInstallation.forRouting(..).withDisruptionBudget(), whose objects() then hold it. "
                        + "Or waive it with GatewayInstallation.withDeploymentWaiver(PolicyCheck.DISRUPTION_BUDGET, \"<why>\").");
        assertThat(gatewayAvailability(GATEWAY.withReplicas(2).withDisruptionBudget())).isEmpty();
    }
}
