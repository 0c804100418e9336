package dev.kforge.dsl.render;

import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.PortRange;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Workload;
import dev.kforge.dsl.workload.Port;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy selects its Deployment's pods with the Deployment's own selector; pods of another
 * Deployment are selected the same way. Ports are written by number and protocol, which every
 * network plugin reads (named ports are not supported everywhere); a range as its first port and
 * {@code endPort}, after the allowance's single ports.
 */
final class NetworkPolicyRenderer implements ObjectRenderer<NetworkPolicyDef> {
    @Override
    public Class<NetworkPolicyDef> sourceType() {
        return NetworkPolicyDef.class;
    }

    @Override
    public Optional<HasMetadata> render(NetworkPolicyDef policy, Stack stack) {
        Workload<?> target = stack.current(policy.target());
        NetworkPolicySpec spec = new NetworkPolicySpec();
        spec.setPodSelector(Metadata.podsOf(stack, target));
        spec.setPolicyTypes(policy.isolatesEgress() ? List.of("Ingress", "Egress") : List.of("Ingress"));
        List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
        for (NetworkPolicyDef.Allowance allowance : policy.ingress()) {
            ingress.add(new NetworkPolicyIngressRule(peers(allowance.peer(), stack), ports(allowance)));
        }
        spec.setIngress(ingress);
        List<NetworkPolicyEgressRule> egress = new ArrayList<>();
        for (NetworkPolicyDef.Allowance allowance : policy.egress()) {
            egress.add(new NetworkPolicyEgressRule(ports(allowance), peers(allowance.peer(), stack)));
        }
        spec.setEgress(egress);

        NetworkPolicy rendered = new NetworkPolicy();
        rendered.setMetadata(Metadata.ofWorkloadPart(policy, stack, target));
        rendered.setSpec(spec);
        return Optional.of(rendered);
    }

    /** The rule's {@code from} or {@code to}: none for anyone, as the API reads a rule without peers. */
    private static List<NetworkPolicyPeer> peers(NetworkPeer peer, Stack stack) {
        return peer instanceof NetworkPeer.Anyone ? null : List.of(peer(peer, stack));
    }

    private static NetworkPolicyPeer peer(NetworkPeer peer, Stack stack) {
        NetworkPolicyPeer rendered = new NetworkPolicyPeer();
        if (peer instanceof NetworkPeer.PodsOf pods) {
            rendered.setPodSelector(Metadata.podsOf(stack, pods.workload()));
        } else if (peer instanceof NetworkPeer.SameNamespace) {
            rendered.setPodSelector(selector(Map.of()));
        } else if (peer instanceof NetworkPeer.NamespacePods namespace) {
            rendered.setNamespaceSelector(selector(Map.of(NetworkPeer.NAMESPACE_NAME_LABEL, namespace.namespace())));
            if (!namespace.pods().isEmpty()) {
                rendered.setPodSelector(selector(Metadata.map(namespace.pods().entries())));
            }
        } else if (peer instanceof NetworkPeer.IpRange range) {
            rendered.setIpBlock(new IPBlock(range.cidr(), range.except().isEmpty() ? null : new ArrayList<>(range.except())));
        }
        return rendered;
    }

    private static List<NetworkPolicyPort> ports(NetworkPolicyDef.Allowance allowance) {
        List<NetworkPolicyPort> ports = new ArrayList<>();
        for (Port port : allowance.ports()) {
            NetworkPolicyPort rendered = new NetworkPolicyPort();
            rendered.setPort(new IntOrString(port.number()));
            rendered.setProtocol(port.protocol().name());
            ports.add(rendered);
        }
        for (PortRange range : allowance.ranges()) {
            NetworkPolicyPort rendered = new NetworkPolicyPort();
            rendered.setPort(new IntOrString(range.first()));
            rendered.setEndPort(range.last());
            rendered.setProtocol(range.protocol().name());
            ports.add(rendered);
        }
        return ports;
    }

    /** A selector of exactly {@code labels}; none selects every pod (or namespace). */
    private static LabelSelector selector(Map<String, String> labels) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(labels.isEmpty() ? null : labels);
        return selector;
    }
}
