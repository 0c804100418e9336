package dev.kforge.dsl.network;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.Protocol;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.Workload;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * A Service. Start with {@code ServiceDef.named("tgr").selecting(deployment)} (the selector comes
 * from the Deployment's labels) or {@code ServiceDef.named("db").externalName("db.example.com")}.
 * A port can only target a container port that the selected pods declare.
 *
 * @param type        default {@link ServiceType#CLUSTER_IP}
 * @param selection   the pods; empty for ExternalName
 * @param externalIps extra IPs the cluster nodes accept traffic on; default none
 * @param internalTrafficPolicy where in-cluster clients' traffic may go; default the API's ({@code Cluster}, any node)
 */
public record ServiceDef(Meta meta, ServiceType type, Optional<PodSelection> selection, List<ServicePort> ports,
                         List<String> externalIps, Optional<InternalTrafficPolicy> internalTrafficPolicy, List<RawEdit<Service>> rawEdits)
        implements KubeObject<ServiceDef> {

    public ServiceDef {
        Given.value("Service " + meta.name(), "internalTrafficPolicy", internalTrafficPolicy);
        ports = List.copyOf(ports);
        externalIps = List.copyOf(externalIps);
        rawEdits = List.copyOf(rawEdits);
    }

    public static SelectionStep named(String name) {
        return new SelectionStep(Meta.named(Kind.SERVICE, name));
    }

    /** The step that says what the Service points at. */
    public record SelectionStep(Meta meta) {
        /** The pods of {@code workload}. */
        public ServiceDef selecting(Workload<?> workload) {
            return selecting(new PodSelection.OfWorkload(Given.value(Kind.SERVICE + " " + meta.name(), "selected workload", workload)));
        }

        /** Pods selected otherwise, e.g. {@link PodSelection.ExternalPods}. */
        public ServiceDef selecting(PodSelection pods) {
            Given.value(Kind.SERVICE + " " + meta.name(), "selected pods", pods);
            return new ServiceDef(meta, ServiceType.CLUSTER_IP, Optional.of(pods), List.of(), List.of(), Optional.empty(), List.of());
        }

        /** A DNS alias for {@code host}, outside the cluster. */
        public ServiceDef externalName(String host) {
            ServiceType alias = InvalidDefinitionException.reportedAs(Kind.SERVICE + " " + meta.name(), () -> ServiceType.externalName(host));
            return new ServiceDef(meta, alias, Optional.empty(), List.of(), List.of(), Optional.empty(), List.of());
        }
    }

    @Override
    public Kind kind() {
        return Kind.SERVICE;
    }

    @Override
    public ServiceDef withMeta(Meta meta) {
        return new ServiceDef(Given.value(describe(), "meta", meta), type, selection, ports, externalIps, internalTrafficPolicy, rawEdits);
    }

    /** A copy of another type; ExternalName is chosen at the start, not here. */
    public ServiceDef withType(ServiceType type) {
        Given.value(describe(), "type", type);
        if (type instanceof ServiceType.ExternalName || this.type instanceof ServiceType.ExternalName) {
            throw InvalidDefinitionException.invalid(describe(), "type", type.apiValue(),
                    "cannot be switched to or from ExternalName", "Use ServiceDef.named(..).externalName(host) for an alias.");
        }
        if (internalTrafficPolicy.isPresent() && type instanceof ServiceType.Headless) {
            throw InvalidDefinitionException.invalid(describe(), "type", "headless", "cannot go with internalTrafficPolicy "
                    + internalTrafficPolicy.get().apiValue() + ": a headless Service has no virtual IP for kube-proxy to route",
                    "Drop withInternalTrafficPolicy, or keep a type with a cluster IP.");
        }
        if (type instanceof ServiceType.Headless) {
            ports.forEach(port -> requireUnmapped(type, port, ", or keep a type with a cluster IP"));
        }
        if (!type.allowsNodePort() && ports.stream().anyMatch(p -> p.nodePort().isPresent())) {
            throw InvalidDefinitionException.invalid(describe(), "type", type.apiValue(),
                    "cannot carry nodePorts", "Remove the nodePort or use NodePort or LoadBalancer.");
        }
        return new ServiceDef(meta, type, selection, ports, externalIps, internalTrafficPolicy, rawEdits);
    }

    /** A copy with {@code port}; its target must be declared by the selected pods. */
    public ServiceDef withPort(ServicePort port) {
        Given.value(describe(), "port", port);
        if (selection.isEmpty()) {
            throw InvalidDefinitionException.invalid(describe(), "port", port.port(), "is not allowed on an ExternalName Service",
                    "An ExternalName Service only aliases a host name.");
        }
        if (!selection.get().declares(port.target())) {
            throw InvalidDefinitionException.invalid(describe(), "targetPort", port.target().toString(),
                    "is not declared by " + selection.get().describe(),
                    declaredPorts().isEmpty()
                            ? "It declares no ports: declare " + port.target() + " on its container with ContainerDef.withPort, then target it."
                            : "Declared: " + declaredPorts() + ". Target one of them, or declare the port on a container.");
        }
        requireUnmapped(type, port, "");
        if (port.nodePort().isPresent() && !type.allowsNodePort()) {
            throw InvalidDefinitionException.invalid(describe(), "nodePort", port.nodePort().get(),
                    "needs type NodePort or LoadBalancer, not " + type.apiValue(), "Call withType first, or drop the nodePort.");
        }
        for (ServicePort existing : ports) {
            if (existing.name().equals(port.name())) {
                throw InvalidDefinitionException.invalid(describe(), "port", port.toString(),
                        "clashes with " + existing, "Give each port its own name: ServicePort.named(\"admin\") renames this one.");
            }
            if (existing.port() == port.port() && existing.target().protocol() == port.target().protocol()) {
                throw InvalidDefinitionException.invalid(describe(), "port", port.toString(), "uses number " + port.port() + "/"
                                + port.target().protocol() + ", which port " + existing + " already has: the API server refuses two ports of one number and protocol",
                        "Give it another number, e.g. ServicePort.of(" + freeNumber(port) + ", " + port.target().name() + ").");
            }
        }
        requireFreeNodePort(port);
        List<ServicePort> copy = new ArrayList<>(ports);
        copy.add(port);
        return new ServiceDef(meta, type, selection, copy, externalIps, internalTrafficPolicy, rawEdits);
    }

    /**
     * A number for {@code port} that no port of its protocol has: its target's, as {@link ServicePort#to} gives, unless taken (then
     * the hint would suggest the very clash it reports), else the next free one above its own.
     */
    private int freeNumber(ServicePort port) {
        Protocol protocol = port.target().protocol();
        IntPredicate taken = n -> ports.stream().anyMatch(p -> p.port() == n && p.target().protocol() == protocol);
        if (!taken.test(port.target().number())) {
            return port.target().number();
        }
        int candidate = port.port() % Port.MAX_NUMBER + 1;
        while (taken.test(candidate)) {
            candidate = candidate % Port.MAX_NUMBER + 1;
        }
        return candidate;
    }

    /**
     * A headless Service's port must be its target's number: only kube-proxy, at a virtual IP, maps one port to another, so the
     * API server's acceptance of a mapping (kubernetes/kubernetes#17634, #20488) leaves clients dialing a port nothing listens on.
     */
    private void requireUnmapped(ServiceType type, ServicePort port, String orElse) {
        if (type instanceof ServiceType.Headless && port.port() != port.target().number()) {
            throw InvalidDefinitionException.invalid(describe(), "port", port.toString(), "must have its target's number " + port.target().number()
                            + " on a headless Service, which has no virtual IP to translate ports: its clients dial the pods' own addresses on the port "
                            + "they name, and nothing listens on " + port.port(),
                    "Use ServicePort.to(" + port.target().name() + "), whose number is the container's" + orElse + ".");
        }
    }

    /** The API server refuses two ports of one protocol on the same nodePort ("Duplicate value"). */
    private void requireFreeNodePort(ServicePort port) {
        if (port.nodePort().isEmpty()) {
            return;
        }
        for (ServicePort existing : ports) {
            if (existing.nodePort().equals(port.nodePort()) && existing.target().protocol() == port.target().protocol()) {
                throw InvalidDefinitionException.invalid(describe(), "nodePort", port.nodePort().get(),
                        "is already the nodePort of port " + existing + ", and a node port serves one Service port of a protocol",
                        "Give it another nodePort, or leave it unset to let the cluster choose.");
            }
        }
    }

    /**
     * A copy accepting traffic for {@code ip} (an IPv4 or IPv6 address) on every node; not one the API server refuses there
     * (unspecified, loopback, link-local).
     */
    public ServiceDef withExternalIp(String ip) {
        List<String> copy = new ArrayList<>(externalIps);
        copy.add(Cidr.requireExternalAddress(describe(), "externalIP", ip));
        return new ServiceDef(meta, type, selection, ports, copy, internalTrafficPolicy, rawEdits);
    }

    /**
     * The external IPs outside the private ranges (RFC 1918's, RFC 6598's 100.64.0.0/10, IPv6's fc00::/7), in the order given:
     * public addresses, whose traffic from inside the cluster the Service takes from their owner (CVE-2020-8554).
     */
    public List<String> publicExternalIps() {
        return externalIps.stream().filter(ip -> !Cidr.isPrivateAddress(ip)).toList();
    }

    /**
     * A copy whose in-cluster clients reach only the pods of their own node ({@code LOCAL}), or any ({@code CLUSTER}).
     * Not for a headless or ExternalName Service: neither has a virtual IP whose traffic kube-proxy routes.
     */
    public ServiceDef withInternalTrafficPolicy(InternalTrafficPolicy policy) {
        Given.value(describe(), "internalTrafficPolicy", policy);
        if (type instanceof ServiceType.Headless || type instanceof ServiceType.ExternalName) {
            throw InvalidDefinitionException.invalid(describe(), "internalTrafficPolicy", policy.apiValue(), "has no effect on "
                    + (type instanceof ServiceType.Headless ? "a headless Service, whose clients reach the pods' own addresses"
                    : "an ExternalName Service, a DNS alias") + ": neither has a virtual IP for kube-proxy to route", "Drop withInternalTrafficPolicy.");
        }
        return new ServiceDef(meta, type, selection, ports, externalIps, Optional.of(policy), rawEdits);
    }

    /** This Service's {@code port} as a backend for Ingress rules and gateway mappings, which proxy HTTP: a TCP port. */
    public ServiceBackend backend(ServicePort port) {
        requireOwn("backend port", port);
        if (port.target().protocol() != Protocol.TCP) {
            throw InvalidDefinitionException.invalid(describe(), "backend port", port.toString(), "must be a TCP port: Ingress controllers and "
                            + "API gateways proxy HTTP over TCP, so a request routed to " + (port.target().protocol() == Protocol.SCTP ? "an " : "a ") + port.target().protocol() + " port never reaches the pods",
                    "Route to a TCP port of the Service (ports: " + ports + "), and let clients reach " + port.name() + " through the Service itself.");
        }
        return new ServiceBackend(this, port);
    }

    /**
     * The host name the cluster's DNS gives this Service for pods of its own namespace, its name: an env value built from it
     * follows a rename, where a typed-out name would silently point at nothing.
     */
    public String host() {
        return name();
    }

    /**
     * {@code <host>:<port>}, {@code notify:8080}, for pods of its namespace to reach {@code port} of this Service: the number is
     * the Service's, so a client's env value follows a change of it (the service-port-client check judges such values).
     */
    public String address(ServicePort port) {
        requireOwn("address port", port);
        return host() + ":" + port.port();
    }

    private void requireOwn(String field, ServicePort port) {
        Given.value(describe(), field, port);
        if (!ports.contains(port)) {
            throw InvalidDefinitionException.invalid(describe(), "port", port.toString(), "is not a port of this Service",
                    "Ports: " + ports + ". Add it with withPort first.");
        }
    }

    /**
     * The host name of pod {@code ordinal} of {@code statefulSet} for pods of its namespace, {@code <statefulset>-<ordinal>.<service>}
     * ({@code ledger-db-0.ledger-db}): this Service must be headless and select the StatefulSet, which then takes it as its
     * serviceName and gives each pod that DNS name.
     */
    public String podHost(StatefulSetDef statefulSet, int ordinal) {
        Given.value(describe(), "podHost statefulSet", statefulSet);
        if (!(type instanceof ServiceType.Headless)
                || !(selection.orElse(null) instanceof PodSelection.OfWorkload selected && selected.workload().kind().equals(Kind.STATEFUL_SET)
                && selected.workload().name().equals(statefulSet.name()))) {
            throw InvalidDefinitionException.invalid(describe(), "podHost", statefulSet.name() + "-" + ordinal,
                    "needs a headless Service selecting " + statefulSet.describe() + ": only that gives its pods DNS names",
                    "Take the pod's host from ServiceDef.named(..).selecting(statefulSet).withType(ServiceType.HEADLESS).");
        }
        int replicas = statefulSet.fixedReplicas().orElse(Integer.MAX_VALUE);
        if (ordinal < 0 || ordinal >= replicas) {
            throw InvalidDefinitionException.invalid(describe(), "podHost ordinal", ordinal,
                    ordinal < 0 ? "must not be negative" : "names no pod: " + statefulSet.describe() + " runs " + replicas
                            + (replicas == 1 ? " pod, 0" : " pods, 0 to " + (replicas - 1)), "Name a pod it runs.");
        }
        return statefulSet.name() + "-" + ordinal + "." + name();
    }

    public ServiceDef withRawEdit(String reason, Consumer<Service> edit) {
        return new ServiceDef(meta, type, selection, ports, externalIps, internalTrafficPolicy, Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }

    private List<Port> declaredPorts() {
        PodSelection pods = selection.orElseThrow();
        if (pods instanceof PodSelection.OfWorkload workload) {
            return workload.workload().ports();
        }
        return ((PodSelection.ExternalPods) pods).ports();
    }
}
