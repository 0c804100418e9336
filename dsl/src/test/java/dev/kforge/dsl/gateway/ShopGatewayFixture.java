package dev.kforge.dsl.gateway;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;

/** An Emissary 3 gateway in shop-prod and the shop Service it routes to, for the tests of the gateway's checks. */
final class ShopGatewayFixture {
    static final Port HTTP = Port.tcp("http", 5000);
    static final ServicePort WEB = ServicePort.to(HTTP);
    static final NamespaceDef NAMESPACE = NamespaceDef.named("shop-prod");
    static final GatewayInstallation GATEWAY = GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, NAMESPACE);
    static final DeploymentDef SHOP_APP = DeploymentDef.named("shop")
            .running(ContainerDef.named("app").image(Image.of("example/shop", "1.0.0")).withPort(HTTP));
    static final ServiceDef SHOP = ServiceDef.named("shop").selecting(SHOP_APP).withPort(WEB);

    private ShopGatewayFixture() {
    }

    /** The gateway's objects, the shop Deployment and Service, and {@code objects}. */
    static Stack stack(KubeObject<?>... objects) {
        return Stack.named("shop").environment("prod").namespace(NAMESPACE)
                .with(GATEWAY.objects().toArray(KubeObject<?>[]::new)).with(SHOP_APP, SHOP).with(objects);
    }
}
