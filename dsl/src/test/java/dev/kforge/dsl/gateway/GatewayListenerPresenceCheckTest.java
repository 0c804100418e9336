package dev.kforge.dsl.gateway;

import static dev.kforge.dsl.gateway.ShopGatewayFixture.GATEWAY;
import static dev.kforge.dsl.gateway.ShopGatewayFixture.SHOP;
import static dev.kforge.dsl.gateway.ShopGatewayFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.testing.Rendering;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Mappings of an Emissary 3 gateway are reached only through a Listener of that gateway. */
class GatewayListenerPresenceCheckTest {

    private static List<String> problems(KubeObject<?>... objects) {
        Stack stack = ShopGatewayFixture.stack(objects);
        return Rendering.structuralProblems(stack).stream().filter(p -> p.check().equals(GatewayListenerPresenceCheck.ID))
                .map(Problem::format).map(line -> line.replaceAll(" \\[at .*]$", "")).toList();
    }

    @Test
    void reports_the_mappings_of_a_gateway_without_a_listener_once() {
        EmissaryMapping shop = EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB)).servedBy(GATEWAY);
        EmissaryMapping api = EmissaryMapping.named("shop-api").prefix("/api/").to(SHOP.backend(WEB)).servedBy(GATEWAY);

        assertThat(problems(shop, api)).containsExactly(
                "prod/Mapping shop: is read by a gateway without a Listener, and Emissary 3 opens no port without one, so no request "
                        + "reaches it (ambassador_id shop-prod: no Listener). Add EmissaryListener.named(\"http\").on(gateway.httpPort())"
                        + ".accepting(Protocol.HTTP, SecurityModel.XFP).servedBy(gateway).");
        EmissaryListener http = EmissaryListener.named("http").on(GATEWAY.httpPort())
                .accepting(EmissaryListener.Protocol.HTTP, EmissaryListener.SecurityModel.XFP).servedBy(GATEWAY);
        assertThat(problems(shop, api, http)).isEmpty();
        // A Listener of another gateway does not open a port of this one.
        assertThat(problems(shop, http.withAmbassadorId(AmbassadorId.of("other")))).hasSize(1);
        // A gateway outside the stack may have its Listeners outside it too.
        assertThat(Rendering.structuralProblems(Stack.named("shop").environment("prod").namespace(ShopGatewayFixture.NAMESPACE)
                .with(ShopGatewayFixture.SHOP_APP, SHOP, shop)).stream().map(Problem::check)).doesNotContain(GatewayListenerPresenceCheck.ID);
    }
}
