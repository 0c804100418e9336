package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.PathHints;
import java.util.List;
import java.util.Optional;

/** What a probe does: an HTTP GET, a TCP connect, a gRPC health check, or a command in the container. */
public sealed interface ProbeAction {

    /** The container port the action uses, if any; it must be declared by the container. */
    Optional<Port> port();

    /** Whether {@code other} probes the same thing. Written out: records' generated equals are bootstrapped at first use, a start-up cost. */
    default boolean sameAs(ProbeAction other) {
        if (this instanceof HttpGet a && other instanceof HttpGet b) {
            return a.path().equals(b.path()) && a.target().equals(b.target()) && a.scheme() == b.scheme();
        }
        if (this instanceof TcpSocket a && other instanceof TcpSocket b) {
            return a.target().equals(b.target());
        }
        if (this instanceof Grpc a && other instanceof Grpc b) {
            return a.target().equals(b.target()) && a.service().equals(b.service());
        }
        return this instanceof Exec a && other instanceof Exec b && a.command().equals(b.command());
    }

    /** Describes the action in messages: {@code httpGet /health on port http}. */
    default String describe() {
        if (this instanceof HttpGet get) {
            return (get.scheme() == Scheme.HTTPS ? "httpsGet " : "httpGet ") + get.path() + " on port " + get.target().name();
        }
        if (this instanceof TcpSocket socket) {
            return "tcpSocket on port " + socket.target().name();
        }
        if (this instanceof Grpc grpc) {
            return "grpc on port " + grpc.target().name() + grpc.service().map(service -> " for service " + service).orElse("");
        }
        return "exec " + String.join(" ", ((Exec) this).command());
    }

    /** The kubelet's HTTP and TCP probes connect over TCP, whatever the port's protocol: a UDP or SCTP server never answers. */
    private static void requireTcp(String field, Port port) {
        if (Given.value("Probe", field, port).protocol() != Protocol.TCP) {
            throw InvalidDefinitionException.invalid("Probe", field, port, "must be a TCP port: the kubelet connects over TCP, where nothing may listen",
                    "Probe a TCP port the server listens on, or check a " + port.protocol() + " server with ProbeDef.exec(...).");
        }
    }

    /** An HTTP GET of {@code path} on a declared port; success is a status from 200 to 399. */
    record HttpGet(String path, Port target, Scheme scheme) implements ProbeAction {
        public HttpGet {
            if (path == null || !path.startsWith("/")) {
                throw InvalidDefinitionException.invalid("Probe", "httpGet path", path, "must start with '/'",
                        PathHints.leadingSlash(path, "For example \"/health\"."));
            }
            if (path.chars().anyMatch(Character::isWhitespace)) {
                throw InvalidDefinitionException.invalid("Probe", "httpGet path", path, "must not contain white space", "Percent-encode it.");
            }
            requireTcp("httpGet port", target);
        }

        @Override
        public Optional<Port> port() {
            return Optional.of(target);
        }
    }

    /** A TCP connect to a declared port. */
    record TcpSocket(Port target) implements ProbeAction {
        public TcpSocket {
            requireTcp("tcpSocket port", target);
        }

        @Override
        public Optional<Port> port() {
            return Optional.of(target);
        }
    }

    /**
     * A call of the gRPC health checking protocol ({@code grpc.health.v1.Health/Check}) on a declared TCP port, asking after
     * {@code service}, or after the server as a whole when there is none; success is {@code SERVING}. Kubernetes writes the
     * port as a number (a probe's gRPC port cannot be named), which the renderer takes from the port.
     */
    record Grpc(Port target, Optional<String> service) implements ProbeAction {
        public Grpc {
            if (target == null) {
                throw InvalidDefinitionException.invalid("Probe", "grpc port", null, "must be given", "Pass the container's Port, e.g. Port.tcp(\"grpc\", 9090).");
            }
            if (target.protocol() != Protocol.TCP) {
                throw InvalidDefinitionException.invalid("Probe", "grpc port", target, "must be a TCP port: gRPC runs over HTTP/2 on TCP",
                        "Probe a TCP port the server listens on, e.g. Port.tcp(\"grpc\", 9090).");
            }
            service = service == null ? Optional.empty() : service;
            service.ifPresent(name -> {
                if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
                    throw InvalidDefinitionException.invalid("Probe", "grpc service", name, "must be a service name without white space",
                            "Give the name the server registers its health under, e.g. \"grpc.health.v1.Health\" or \"tgr.Api\"; "
                                    + "ProbeDef.grpc(port) asks after the whole server.");
                }
            });
        }

        @Override
        public Optional<Port> port() {
            return Optional.of(target);
        }
    }

    /** A command run in the container; exit code 0 is success. */
    record Exec(List<String> command) implements ProbeAction {
        public Exec {
            command = Given.all("Probe", "exec command", command);
            if (command.isEmpty() || command.get(0).isBlank()) {
                throw new InvalidDefinitionException("Probe: exec command is empty. Give the program and its arguments, e.g. exec(\"cat\", \"/tmp/ready\").");
            }
            ExecForm.requireProgram("Probe", "exec command", "ProbeDef.exec", command);
        }

        @Override
        public Optional<Port> port() {
            return Optional.empty();
        }
    }

    /** The scheme of an HTTP probe. */
    enum Scheme {
        HTTP, HTTPS
    }
}
