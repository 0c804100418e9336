package dev.kforge.dsl.check;

import dev.kforge.dsl.workload.ProbeAction;
import java.util.Optional;

/**
 * What a probe speaks to its port: the kubelet's gRPC probe HTTP/2 without TLS (Kubernetes documents no TLS for it), its HTTP
 * probe HTTP/1.1, or TLS without verifying the certificate with scheme HTTPS
 * (kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes). The probe-protocol rule
 * judges it against what the port's name says the server speaks, on the definition's probes ({@code ProbeProtocolPolicyCheck})
 * and on those of a container a raw edit adds.
 */
public enum ProbeProtocol {
    GRPC, HTTP, HTTPS;

    /** What goes wrong, naming the port, and the fix. */
    public record Mismatch(String problem, String hint) {
    }

    /** What a definition's probe speaks; nothing for a TCP or exec probe, which reads no protocol. */
    static Optional<ProbeProtocol> of(ProbeAction action) {
        if (action instanceof ProbeAction.Grpc) {
            return Optional.of(GRPC);
        }
        if (action instanceof ProbeAction.HttpGet get) {
            return Optional.of(get.scheme() == ProbeAction.Scheme.HTTPS ? HTTPS : HTTP);
        }
        return Optional.empty();
    }

    /** What speaking this to a port named {@code port} gets wrong: nothing where the name says nothing, or says what this speaks. */
    public Optional<Mismatch> against(String port) {
        PortNameProtocol served = PortNameProtocol.of(port);
        return switch (this) {
            case GRPC -> switch (served) {
                case PLAIN_HTTP -> mismatch("speaks gRPC, HTTP/2 without TLS, to port " + port + ", whose name says HTTP: a server of "
                        + "HTTP/1.1 alone refuses it, and every probe fails", "Probe the server's gRPC port with ProbeDef.grpc(port), or "
                        + "its HTTP health endpoint with ProbeDef.httpGet(path, port).");
                case TLS -> mismatch("speaks gRPC without TLS (the kubelet's gRPC probe has no TLS setting) to port " + port + ", whose "
                        + "name says TLS: the handshake the server awaits never comes, and every probe fails", "Serve the health service "
                        + "on a port without TLS and probe that, or check it with ProbeDef.exec(\"grpc_health_probe\", \"-tls\", ...).");
                default -> Optional.empty();
            };
            case HTTP, HTTPS -> switch (served) {
                case GRPC -> mismatch("sends an HTTP GET to port " + port + ", whose name says gRPC: a gRPC server answers gRPC calls "
                        + "alone, POSTs over HTTP/2, and every probe fails", "Use ProbeDef.grpc(port), a call of the gRPC health checking "
                        + "protocol.");
                case TLS -> this == HTTPS ? Optional.empty() : mismatch("sends plain HTTP to port " + port + ", whose name says TLS: "
                        + "the server answers 400 or closes the connection, and every probe fails", "Use ProbeDef.httpsGet(path, port): "
                        + "the kubelet then speaks TLS, without verifying the certificate.");
                case PLAIN_HTTP -> this == HTTP ? Optional.empty() : mismatch("speaks TLS to port " + port + ", whose name says plain "
                        + "HTTP: the handshake fails, and so does every probe", "Use ProbeDef.httpGet(path, port).");
                default -> Optional.empty();
            };
        };
    }

    private static Optional<Mismatch> mismatch(String problem, String hint) {
        return Optional.of(new Mismatch(problem, hint));
    }
}
