package dev.kforge.dsl.render;

import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpecBuilder;
import java.util.Map;
import java.util.Optional;

/**
 * Services select by the workload's derived selector and target container ports by name; ports of
 * pods outside the stack are targeted by number, since their names are not ours to check.
 */
final class ServiceRenderer implements ObjectRenderer<ServiceDef> {
    @Override
    public Class<ServiceDef> sourceType() {
        return ServiceDef.class;
    }

    @Override
    public Optional<HasMetadata> render(ServiceDef service, Stack stack) {
        ServiceSpecBuilder spec = new ServiceSpecBuilder().withType(service.type().apiValue());
        ServiceType type = service.type();
        if (type instanceof ServiceType.Headless) {
            spec.withClusterIP("None");
        } else if (type instanceof ServiceType.LoadBalancer balancer) {
            spec.withExternalTrafficPolicy(balancer.externalTrafficPolicy().apiValue());
        } else if (type instanceof ServiceType.ExternalName alias) {
            spec.withExternalName(alias.host());
        }
        service.selection().ifPresent(pods -> spec.withSelector(selector(pods, stack)));
        boolean byName = service.selection().map(pods -> pods instanceof PodSelection.OfWorkload).orElse(false);
        for (ServicePort port : service.ports()) {
            spec.addToPorts(new ServicePortBuilder()
                    .withName(port.name())
                    .withPort(port.port())
                    .withTargetPort(byName ? new IntOrString(port.target().name()) : new IntOrString(port.target().number()))
                    .withProtocol(port.target().protocol().name())
                    .withNodePort(port.nodePort().orElse(null))
                    .build());
        }
        if (!service.externalIps().isEmpty()) {
            spec.withExternalIPs(service.externalIps());
        }
        return Optional.of(new ServiceBuilder().withMetadata(Metadata.of(service, stack)).withSpec(spec.build()).build());
    }

    private static Map<String, String> selector(PodSelection pods, Stack stack) {
        if (pods instanceof PodSelection.OfWorkload workload) {
            return Metadata.map(stack.selectorOf(stack.current(workload.workload())).entries());
        }
        return Metadata.map(((PodSelection.ExternalPods) pods).selector().entries());
    }
}
