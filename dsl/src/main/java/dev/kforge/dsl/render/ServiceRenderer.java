package dev.kforge.dsl.render;

import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
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
        ServiceSpec spec = new ServiceSpec();
        ServiceType type = service.type();
        spec.setType(type.apiValue());
        if (type instanceof ServiceType.Headless) {
            spec.setClusterIP("None");
        } else if (type instanceof ServiceType.NodePort nodePort) {
            nodePort.externalTrafficPolicy().ifPresent(policy -> spec.setExternalTrafficPolicy(policy.apiValue()));
        } else if (type instanceof ServiceType.LoadBalancer balancer) {
            spec.setExternalTrafficPolicy(balancer.externalTrafficPolicy().apiValue());
        } else if (type instanceof ServiceType.ExternalName alias) {
            spec.setExternalName(alias.host());
        }
        service.internalTrafficPolicy().ifPresent(policy -> spec.setInternalTrafficPolicy(policy.apiValue()));
        service.selection().ifPresent(pods -> spec.setSelector(selector(pods, stack)));
        boolean byName = service.selection().map(pods -> pods instanceof PodSelection.OfWorkload).orElse(false);
        List<io.fabric8.kubernetes.api.model.ServicePort> ports = new ArrayList<>();
        for (ServicePort port : service.ports()) {
            io.fabric8.kubernetes.api.model.ServicePort rendered = new io.fabric8.kubernetes.api.model.ServicePort();
            rendered.setName(port.name());
            rendered.setPort(port.port());
            rendered.setTargetPort(byName ? new IntOrString(port.target().name()) : new IntOrString(port.target().number()));
            rendered.setProtocol(port.target().protocol().name());
            rendered.setNodePort(port.nodePort().orElse(null));
            ports.add(rendered);
        }
        spec.setPorts(ports);
        spec.setExternalIPs(new ArrayList<>(service.externalIps()));
        Service rendered = new Service();
        rendered.setMetadata(service.selection().orElse(null) instanceof PodSelection.OfWorkload workload
                ? Metadata.ofWorkloadPart(service, stack, workload.workload())
                : Metadata.of(service, stack));
        rendered.setSpec(spec);
        return Optional.of(rendered);
    }

    private static Map<String, String> selector(PodSelection pods, Stack stack) {
        if (pods instanceof PodSelection.OfWorkload workload) {
            return Metadata.map(stack.selectorOf(stack.current(workload.workload())).entries());
        }
        return Metadata.map(((PodSelection.ExternalPods) pods).selector().entries());
    }
}
