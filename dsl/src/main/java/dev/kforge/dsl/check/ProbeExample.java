package dev.kforge.dsl.check;

import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.Protocol;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The probes a policy hint suggests for a container, fitted to what its port's name says the server speaks: an HTTP GET only
 * to a port named for HTTP. A TCP probe cannot tell a stuck process from a working one, and would repeat the readiness probe
 * (which the probes rule reports), so the liveness example beside it runs a command.
 *
 * @param readiness the readiness probe, e.g. {@code ProbeDef.tcpSocket(port)}
 * @param liveness  the liveness probe
 * @param both      one example for both, where the two differ only by path
 * @param port      which port the examples probe, and why so; empty for an HTTP port, the common case
 */
record ProbeExample(String readiness, String liveness, String both, String port) {
    private static final String EXEC = "ProbeDef.exec(<a command that fails when the process is stuck>)";

    /** The examples for a container with these ports: its first HTTP, TLS, gRPC port in that order, else its first TCP one. */
    static ProbeExample of(List<Port> ports) {
        List<Port> tcp = ports.stream().filter(port -> port.protocol() == Protocol.TCP).toList();
        Optional<Port> spoken = tcp.stream().filter(port -> PortNameProtocol.of(port.name()) != PortNameProtocol.UNSAID)
                .min(Comparator.comparing(port -> PortNameProtocol.of(port.name())));
        if (spoken.isEmpty()) {
            return tcp.isEmpty() ? new ProbeExample(EXEC, EXEC, EXEC, "")
                    : new ProbeExample("ProbeDef.tcpSocket(port)", EXEC, "ProbeDef.tcpSocket(port) and " + EXEC,
                            "port " + tcp.get(0).name() + ", whose name says neither HTTP nor gRPC");
        }
        return switch (PortNameProtocol.of(spoken.get().name())) {
            case PLAIN_HTTP -> http("httpGet", "");
            case TLS -> http("httpsGet", "port " + spoken.get().name());
            default -> new ProbeExample("ProbeDef.grpc(port)", "ProbeDef.grpc(port, \"liveness\")",
                    "ProbeDef.grpc(port) and ProbeDef.grpc(port, \"liveness\")", "port " + spoken.get().name());
        };
    }

    private static ProbeExample http(String method, String port) {
        String health = "ProbeDef." + method + "(\"/health\", port)";
        return new ProbeExample("ProbeDef." + method + "(\"/ready\", port)", health, health, port);
    }

    /** {@code example}, and on which port when it is not the usual HTTP one. */
    String on(String example) {
        return port.isEmpty() ? example : example + " on " + port;
    }

    /** {@link #both}, and on which port when it is not the usual HTTP one (set apart: an exec probe is on no port). */
    String onBoth() {
        return port.isEmpty() ? both : both + ", on " + port;
    }
}
