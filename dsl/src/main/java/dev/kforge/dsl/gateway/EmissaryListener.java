package dev.kforge.dsl.gateway;

import dev.kforge.dsl.core.CustomObject;
import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import dev.kforge.dsl.workload.Port;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Emissary-ingress 3 {@code Listener} ({@code getambassador.io/v3alpha1}): a port Envoy listens
 * on. Emissary 3 opens no port without one. The port is a {@link Port} the gateway's container
 * declares (e.g. {@code gateway.httpPort()}), so a Listener cannot listen where no traffic arrives.
 * Start with {@code EmissaryListener.named("http").on(gateway.httpPort()).accepting(Protocol.HTTP, SecurityModel.XFP)}.
 *
 * @param port          the container port
 * @param protocol      what is spoken on it
 * @param securityModel how a request is judged secure or insecure (for the Host's insecure action)
 * @param hostBinding   which Hosts it serves; default those of its own namespace
 * @param ambassadorId  the gateway that serves it; default the gateway without an {@code AMBASSADOR_ID}
 */
public record EmissaryListener(Meta meta, Port port, Protocol protocol, SecurityModel securityModel, HostBinding hostBinding,
                               Optional<AmbassadorId> ambassadorId) implements CustomObject<EmissaryListener> {

    /** The protocol stack of a Listener. */
    public enum Protocol {
        /** Cleartext HTTP/1.1 and HTTP/2. */
        HTTP,
        /** HTTP with TLS termination (cleartext is still accepted and judged by the security model). */
        HTTPS,
        /** HTTP behind a PROXY-protocol load balancer. */
        HTTPPROXY,
        /** HTTPS behind a PROXY-protocol load balancer. */
        HTTPSPROXY,
        /** Raw TCP, for TCPMappings. */
        TCP,
        /** TLS passthrough or termination for TCPMappings. */
        TLS,
        /** UDP; the port must be a UDP port. */
        UDP
    }

    /** How Emissary decides whether a request is secure. */
    public enum SecurityModel {
        /** Secure when {@code X-Forwarded-Proto} says https (behind an L7 load balancer, or TLS terminated here). */
        XFP,
        /** Every request is secure. */
        SECURE,
        /** Every request is insecure. */
        INSECURE
    }

    /** Where the Hosts a Listener serves may live. */
    public enum NamespaceFrom {
        /** Only the Listener's own namespace. */
        SELF,
        /** Every namespace the gateway watches. */
        ALL
    }

    /**
     * Which Hosts a Listener serves.
     *
     * @param namespaces where they may live
     * @param hostLabels labels they must carry; empty for any
     */
    public record HostBinding(NamespaceFrom namespaces, Labels hostLabels) {
        public HostBinding {
            if (namespaces == null) {
                throw new InvalidDefinitionException("HostBinding: namespaces is missing. Use HostBinding.sameNamespace() or allNamespaces().");
            }
        }

        /** Hosts of the Listener's namespace (the default). */
        public static HostBinding sameNamespace() {
            return new HostBinding(NamespaceFrom.SELF, Labels.EMPTY);
        }

        /** Hosts of every namespace the gateway watches. */
        public static HostBinding allNamespaces() {
            return new HostBinding(NamespaceFrom.ALL, Labels.EMPTY);
        }

        /** A copy that only binds Hosts carrying {@code labels}. */
        public HostBinding withHostLabels(Labels labels) {
            return new HostBinding(namespaces, hostLabels.with(Given.value("HostBinding", "host labels", labels)));
        }

        Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("namespace", Map.of("from", namespaces.name()));
            if (!hostLabels.isEmpty()) {
                fields.put("selector", Map.of("matchLabels", new LinkedHashMap<>(hostLabels.entries())));
            }
            return fields;
        }
    }

    public EmissaryListener {
        String subject = GatewayKinds.LISTENER + " " + meta.name();
        if (port == null || protocol == null || securityModel == null || hostBinding == null) {
            throw new InvalidDefinitionException(subject + ": port, protocol, securityModel and hostBinding are required. "
                    + "Build it with EmissaryListener.named(name).on(port).accepting(protocol, securityModel).");
        }
        if (port.number() == GatewayInstallation.ADMIN.number()) {
            // Emissary's own diagnostics server holds it in every gateway pod (the ambassador-admin Service, the probes' paths).
            throw InvalidDefinitionException.invalid(subject, "port", port.toString(),
                    "must not be " + port.number() + ", the gateway's admin port: Emissary's diagnostics server listens there in the "
                            + "gateway's pod, so Envoy cannot bind it and the Listener never serves",
                    "Listen on gateway.httpPort() or gateway.httpsPort().");
        }
        boolean udp = protocol == Protocol.UDP;
        if (udp != (port.protocol() == dev.kforge.dsl.workload.Protocol.UDP)) {
            throw InvalidDefinitionException.invalid(subject, "port", port.toString(),
                    "must be a " + (udp ? "UDP" : "TCP") + " port for protocol " + protocol.name(),
                    "Listen on a " + (udp ? "UDP" : "TCP") + " port the gateway declares.");
        }
    }

    /** The first step: a Listener needs a name, a port, a protocol and a security model. */
    public static PortStep named(String name) {
        return new PortStep(Meta.named(GatewayKinds.LISTENER, name));
    }

    /** The step that takes the port. */
    public record PortStep(Meta meta) {
        /** Listens on {@code port}, a port the gateway's container declares. */
        public ProtocolStep on(Port port) {
            return new ProtocolStep(meta, port);
        }
    }

    /** The step that takes the protocol and the security model. */
    public record ProtocolStep(Meta meta, Port port) {
        /** Speaks {@code protocol}, judging requests secure by {@code securityModel}; binds the Hosts of its namespace. */
        public EmissaryListener accepting(Protocol protocol, SecurityModel securityModel) {
            return new EmissaryListener(meta, port, protocol, securityModel, HostBinding.sameNamespace(), Optional.empty());
        }
    }

    @Override
    public Kind kind() {
        return GatewayKinds.LISTENER;
    }

    @Override
    public EmissaryListener withMeta(Meta meta) {
        return new EmissaryListener(Given.value(describe(), "meta", meta), port, protocol, securityModel, hostBinding, ambassadorId);
    }

    /** Custom resources have no fabric8 model to edit; every field is in {@link #body}. */
    @Override
    public List<RawEdit<?>> rawEdits() {
        return List.of();
    }

    public EmissaryListener withHostBinding(HostBinding binding) {
        return new EmissaryListener(meta, port, protocol, securityModel, binding, ambassadorId);
    }

    /** A copy read only by the gateway whose {@code AMBASSADOR_ID} is {@code id}. */
    public EmissaryListener withAmbassadorId(AmbassadorId id) {
        return new EmissaryListener(meta, port, protocol, securityModel, hostBinding, Optional.of(Given.optional(describe(), "ambassadorId", id)));
    }

    /** A copy read by {@code gateway} (and no other); fails if that gateway does not read Listener resources. */
    public EmissaryListener servedBy(GatewayInstallation gateway) {
        return withAmbassadorId(Given.value(describe(), "gateway", gateway).resourceId(describe()));
    }

    @Override
    public Map<String, Object> body(String namespace) {
        Map<String, Object> spec = new LinkedHashMap<>();
        ambassadorId.ifPresent(id -> spec.put("ambassador_id", List.of(id.value())));
        spec.put("port", port.number());
        spec.put("protocol", protocol.name());
        spec.put("securityModel", securityModel.name());
        spec.put("hostBinding", hostBinding.fields());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("spec", spec);
        return body;
    }
}
