package dev.kforge.dsl.network;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import dev.kforge.dsl.workload.Workload;
import dev.kforge.dsl.workload.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A NetworkPolicy (networking.k8s.io/v1) that isolates a workload's pods (a Deployment's, a CronJob's): once isolated, they
 * receive only the traffic an allowance admits. Start with
 * {@code NetworkPolicyDef.named("tgr").isolating(deployment).allowingFrom(NetworkPeer.podsOf(gateway), HTTP)}.
 * With {@link #isolatingEgress()} their outgoing traffic is limited the same way
 * ({@link #allowingDns()}, {@link #allowingTo}).
 *
 * @param target         the workload whose pods are isolated (selected with its derived selector)
 * @param ingress        what may reach them, in order; none: nothing may
 * @param isolatesEgress whether outgoing traffic is limited too
 * @param egress         where they may send traffic when it is
 */
public record NetworkPolicyDef(Meta meta, Workload<?> target, List<Allowance> ingress, boolean isolatesEgress,
                               List<Allowance> egress, List<RawEdit<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy>> rawEdits)
        implements KubeObject<NetworkPolicyDef> {

    /** The port of DNS, on UDP and TCP. */
    public static final int DNS_PORT = 53;

    /**
     * Traffic admitted between the isolated pods and {@code peer}, on {@code ports} and {@code ranges} (of the
     * isolated pods for ingress, of the peer for egress); neither: every port.
     */
    public record Allowance(NetworkPeer peer, List<Port> ports, List<PortRange> ranges) {
        public Allowance {
            if (peer == null) {
                throw new InvalidDefinitionException("NetworkPolicy allowance: the peer is missing. Pass one, e.g. NetworkPeer.podsOf(deployment).");
            }
            ports = List.copyOf(ports);
            ranges = List.copyOf(ranges);
        }

        /** Traffic admitted on single ports only (every port when none is given). */
        public Allowance(NetworkPeer peer, List<Port> ports) {
            this(peer, ports, List.of());
        }

        /** Whether this admits traffic to {@code port}: one of its ports, a port inside one of its ranges, or any when it names none. */
        public boolean admits(Port port) {
            return everyPort() || ports.stream().anyMatch(p -> p.number() == port.number() && p.protocol() == port.protocol())
                    || ranges.stream().anyMatch(range -> range.contains(port));
        }

        /** Whether this admits every port: it names neither a port nor a range. */
        public boolean everyPort() {
            return ports.isEmpty() && ranges.isEmpty();
        }

        /**
         * The ports of {@code pods} this admits: the ports it names, and those {@code pods} declare inside its ranges
         * (a range may hold ports no one declares, which no check can judge).
         */
        public List<Port> portsOf(Workload<?> pods) {
            List<Port> named = new ArrayList<>(ports);
            for (PortRange range : ranges) {
                pods.ports().stream().filter(range::contains).filter(port -> !named.contains(port)).forEach(named::add);
            }
            return named;
        }

        /** Describes the allowance in messages: {@code pods of Deployment ambassador on 5000/TCP}, {@code ... on 30000-32767/TCP}. */
        public String describe() {
            List<String> where = new ArrayList<>(ports.stream().map(p -> p.number() + "/" + p.protocol()).toList());
            ranges.forEach(range -> where.add(range.toString()));
            return peer.describe() + (where.isEmpty() ? " on every port" : " on " + String.join(", ", where));
        }
    }

    public NetworkPolicyDef {
        if (target == null) {
            throw new InvalidDefinitionException(describe(meta) + ": the isolated workload is missing. Pass it to isolating(deployment).");
        }
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
        rawEdits = List.copyOf(rawEdits);
        if (!isolatesEgress && !egress.isEmpty()) {
            throw new InvalidDefinitionException(describe(meta) + ": egress allowances have no effect while outgoing traffic "
                    + "is not isolated. Call isolatingEgress() first.");
        }
    }

    /** Those of {@code policies} that isolate the pods of {@code workload}. */
    public static List<NetworkPolicyDef> isolating(List<NetworkPolicyDef> policies, Workload<?> workload) {
        return policies.stream().filter(policy -> policy.target().kind() == workload.kind() && policy.target().name().equals(workload.name()))
                .toList();
    }

    /** Those of {@code policies} that isolate the outgoing traffic of {@code workload}'s pods. */
    public static List<NetworkPolicyDef> isolatingEgress(List<NetworkPolicyDef> policies, Workload<?> workload) {
        return isolating(policies, workload).stream().filter(NetworkPolicyDef::isolatesEgress).toList();
    }

    public static TargetStep named(String name) {
        return new TargetStep(Meta.named(Kind.NETWORK_POLICY, name));
    }

    /** The step that takes the isolated workload. */
    public record TargetStep(Meta meta) {
        /** Isolates the pods of {@code target} from incoming traffic; add what may reach them with {@link #allowingFrom}. */
        public NetworkPolicyDef isolating(Workload<?> target) {
            return new NetworkPolicyDef(meta, target, List.of(), false, List.of(), List.of());
        }
    }

    @Override
    public Kind kind() {
        return Kind.NETWORK_POLICY;
    }

    @Override
    public NetworkPolicyDef withMeta(Meta meta) {
        return new NetworkPolicyDef(Given.value(describe(), "meta", meta), target, ingress, isolatesEgress, egress, rawEdits);
    }

    /**
     * A copy that admits traffic from {@code peer} to {@code ports} of the isolated pods (every
     * port when none is given); each must be declared by a container of the workload.
     */
    public NetworkPolicyDef allowingFrom(NetworkPeer peer, Port... ports) {
        List<Port> admitted = Given.all(describe(), "ingress ports", ports);
        if (peer instanceof NetworkPeer.Anyone && admitted.isEmpty()) {
            throw InvalidDefinitionException.of(describe(), "ingress peer anyone on every port admits every connection, so the policy "
                    + "isolates nothing. Name the ports anyone may reach, e.g. allowingFrom(NetworkPeer.anyone(), "
                    + (target.ports().isEmpty() ? "<port>" : target.ports().get(0).name()) + "), or leave the pods without a policy.");
        }
        for (Port port : admitted) {
            if (!target.declares(port)) {
                throw InvalidDefinitionException.invalid(describe(), "ingress port", port, "is not declared by a container of " + target.describe(),
                        "Admit one of its ports: " + target.ports() + ".");
            }
        }
        return new NetworkPolicyDef(meta, target, Lists.append(ingress, new Allowance(peer, admitted)), isolatesEgress, egress, rawEdits);
    }

    /**
     * A copy that admits traffic from {@code peer} to every port of {@code range} on the isolated pods, e.g.
     * {@code allowingFrom(NetworkPeer.anywhere(), PortRange.udp(10000, 20000))} for a media server's RTP ports.
     * The range must hold a port a container of the workload declares, as a single port must be declared: the stack knows
     * what its pods listen on by their declared ports, and a range holding none of them admits nothing they are known to
     * listen on (most often the wrong protocol, or a range meant for another workload). That is an error, not a warning,
     * for the same reason as an undeclared port: declaring one port of the range (its first) costs one line and
     * lets the Service and path checks see the traffic.
     */
    public NetworkPolicyDef allowingFrom(NetworkPeer peer, PortRange range) {
        if (range == null) {
            throw new InvalidDefinitionException(describe() + ": the ingress range is missing. Pass one, e.g. PortRange.tcp(30000, 32767).");
        }
        if (target.ports().stream().noneMatch(range::contains)) {
            throw InvalidDefinitionException.invalid(describe(), "ingress range", range, "holds no port a container of " + target.describe() + " declares",
                    "Admit a range holding one of its ports: " + target.ports() + ", or declare a port of the range on its container.");
        }
        return new NetworkPolicyDef(meta, target, Lists.append(ingress, new Allowance(peer, List.of(), List.of(range))), isolatesEgress, egress,
                rawEdits);
    }

    /** A copy that also limits the pods' outgoing traffic: to nothing, until {@link #allowingTo} admits some. */
    public NetworkPolicyDef isolatingEgress() {
        return new NetworkPolicyDef(meta, target, ingress, true, egress, rawEdits);
    }

    /** A copy whose isolated pods may send traffic to {@code peer} on {@code ports} (every port when none is given). */
    public NetworkPolicyDef allowingTo(NetworkPeer peer, Port... ports) {
        List<Port> admitted = Given.all(describe(), "egress ports", ports);
        if (peer instanceof NetworkPeer.Anyone && admitted.isEmpty()) {
            throw InvalidDefinitionException.of(describe(), "egress peer anyone on every port admits every connection, so outgoing "
                    + "traffic is not isolated. Name the ports the pods may send to, e.g. allowingTo(NetworkPeer.anyone(), "
                    + "Port.tcp(\"https\", 443)), or leave out isolatingEgress().");
        }
        return new NetworkPolicyDef(meta, target, ingress, isolatesEgress, Lists.append(egress, new Allowance(peer, admitted)), rawEdits);
    }

    /**
     * A copy whose isolated pods may send traffic to {@code peer} on every port of {@code range}, e.g.
     * {@code allowingTo(NetworkPeer.cidr("203.0.113.0/24"), PortRange.tcp(30000, 32767))} for the NodePorts of another
     * cluster. To pods of the stack, the range must hold a port they declare (a check of the stack).
     */
    public NetworkPolicyDef allowingTo(NetworkPeer peer, PortRange range) {
        if (range == null) {
            throw new InvalidDefinitionException(describe() + ": the egress range is missing. Pass one, e.g. PortRange.tcp(30000, 32767).");
        }
        return new NetworkPolicyDef(meta, target, ingress, isolatesEgress, Lists.append(egress, new Allowance(peer, List.of(), List.of(range))),
                rawEdits);
    }

    /** A copy whose isolated pods may ask the cluster's DNS ({@link NetworkPeer#clusterDns()}, port 53 on UDP and TCP). */
    public NetworkPolicyDef allowingDns() {
        return allowingTo(NetworkPeer.clusterDns(), Port.udp("dns", DNS_PORT), Port.tcp("dns-tcp", DNS_PORT));
    }

    public NetworkPolicyDef withRawEdit(String reason, Consumer<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy> edit) {
        return new NetworkPolicyDef(meta, target, ingress, isolatesEgress, egress, Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }

    private static String describe(Meta meta) {
        return Kind.NETWORK_POLICY + " " + meta.name();
    }
}
