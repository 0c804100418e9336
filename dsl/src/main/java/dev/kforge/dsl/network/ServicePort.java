package dev.kforge.dsl.network;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.workload.Port;
import java.util.Optional;

/**
 * A port of a Service, sending traffic to a declared container port.
 *
 * @param name     default the target port's name; any DNS-1123 label (63 characters), as the API server allows
 * @param port     the Service's own port, 1-65535
 * @param target   the container port, rendered as {@code targetPort} by name
 * @param nodePort for NodePort and LoadBalancer Services: 30000-32767; default chosen by the cluster
 */
public record ServicePort(String name, int port, Port target, Optional<Integer> nodePort) {
    public static final int NODE_PORT_MIN = 30000;
    public static final int NODE_PORT_MAX = 32767;

    public ServicePort {
        // The API server allows a Service port any DNS-1123 label; an Ingress names it only if it is an IANA service name (below).
        Names.require(Names.Rule.DNS1123_LABEL, "ServicePort " + port, "name", name);
        Port.requireNumber("ServicePort " + name, "port", port);
        nodePort.ifPresent(n -> {
            if (n < NODE_PORT_MIN || n > NODE_PORT_MAX) {
                throw InvalidDefinitionException.invalid("ServicePort " + name, "nodePort", n,
                        "must be between " + NODE_PORT_MIN + " and " + NODE_PORT_MAX, "Leave it unset to let the cluster choose.");
            }
        });
    }

    /** Service port {@code port} to container port {@code target}, named after the target. */
    public static ServicePort of(int port, Port target) {
        Given.value("ServicePort " + port, "target", target);
        return new ServicePort(target.name(), port, target, Optional.empty());
    }

    /** The same port number as the container port. */
    public static ServicePort to(Port target) {
        Given.value("ServicePort", "target", target);
        return of(target.number(), target);
    }

    /** Whether an Ingress backend can name this port (an IANA service name, at most 15 characters); else it gives the number. */
    public boolean nameableByIngress() {
        return Names.Rule.IANA_SERVICE_NAME.accepts(name);
    }

    public ServicePort named(String name) {
        return new ServicePort(name, port, target, nodePort);
    }

    public ServicePort withNodePort(int nodePort) {
        return new ServicePort(name, port, target, Optional.of(nodePort));
    }

    @Override
    public String toString() {
        return name + " (" + port + " -> " + target.name() + "/" + target.number() + ")";
    }

    // Written out: a record's generated equals and hashCode are bootstrapped on first use, which
    // shows in a 0.2 s render. Same semantics.
    @Override
    public boolean equals(Object other) {
        return other instanceof ServicePort that && port == that.port && name.equals(that.name) && target.equals(that.target)
                && nodePort.equals(that.nodePort);
    }

    @Override
    public int hashCode() {
        return ((name.hashCode() * 31 + port) * 31 + target.hashCode()) * 31 + nodePort.hashCode();
    }
}
