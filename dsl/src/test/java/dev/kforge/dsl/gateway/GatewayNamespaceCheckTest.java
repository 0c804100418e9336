package dev.kforge.dsl.gateway;

import static dev.kforge.dsl.gateway.ShopGatewayFixture.GATEWAY;
import static dev.kforge.dsl.gateway.ShopGatewayFixture.SHOP;
import static dev.kforge.dsl.gateway.ShopGatewayFixture.SHOP_APP;
import static dev.kforge.dsl.gateway.ShopGatewayFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.testing.Rendering;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A gateway installation reads only its own namespace: a second service's routes must live there, or have a gateway of their own. */
class GatewayNamespaceCheckTest {

    /** A second team's stack, in its own namespace, without a gateway of its own. */
    private static List<String> secondTeamProblems(KubeObject<?>... routes) {
        Stack stack = Stack.named("billing").environment("billing-prod").namespace(NamespaceDef.named("billing-prod"))
                .with(SHOP_APP, SHOP).with(routes);
        return Rendering.structuralProblems(stack).stream().filter(p -> p.check().equals(GatewayNamespaceCheck.ID))
                .map(Problem::format).map(line -> line.replaceAll(" \\[at .*]$", "")).toList();
    }

    @Test
    void reports_a_route_served_by_the_gateway_of_another_namespace() {
        EmissaryMapping mapping = EmissaryMapping.named("billing").prefix("/").to(SHOP.backend(WEB)).servedBy(GATEWAY);
        EmissaryHost host = EmissaryHost.named("billing").hostname("billing.example.com").servedBy(GATEWAY);

        assertThat(secondTeamProblems(mapping, host)).containsExactly(
                "billing-prod/Mapping billing: is served by the gateway installed in namespace shop-prod, which reads only its own "
                        + "namespace (AMBASSADOR_SINGLE_NAMESPACE), so it never sees this Mapping of namespace billing-prod "
                        + "(ambassador_id shop-prod). Install a gateway in this stack, GatewayInstallation.forRouting("
                        + "RoutingForm.MAPPING_RESOURCES, namespace), and mark the route servedBy(it); or route with an IngressDef.",
                "billing-prod/Host billing: is served by the gateway installed in namespace shop-prod, which reads only its own "
                        + "namespace (AMBASSADOR_SINGLE_NAMESPACE), so it never sees this Host of namespace billing-prod "
                        + "(ambassador_id shop-prod). Install a gateway in this stack, GatewayInstallation.forRouting("
                        + "RoutingForm.MAPPING_RESOURCES, namespace), and mark the route servedBy(it); or route with an IngressDef.");
    }

    @Test
    void accepts_routes_of_the_gateways_own_namespace_and_ids_of_gateways_installed_elsewhere() {
        EmissaryMapping mapping = EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB)).servedBy(GATEWAY);
        Stack own = ShopGatewayFixture.stack(mapping);
        assertThat(Rendering.structuralProblems(own).stream().map(Problem::check)).doesNotContain(GatewayNamespaceCheck.ID);
        // A gateway installed outside kforge, watching every namespace: only its id is known, and it is taken at its word.
        assertThat(secondTeamProblems(mapping.withAmbassadorId(AmbassadorId.of("shared")))).isEmpty();
    }
}
