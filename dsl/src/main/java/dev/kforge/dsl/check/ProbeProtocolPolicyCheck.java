package dev.kforge.dsl.check;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.ProbeAction;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.Workload;
import java.util.Optional;

/**
 * No probe speaks another protocol than its port's name says the server speaks. The kubelet's gRPC probe speaks HTTP/2 without
 * TLS (Kubernetes documents no TLS for it), its HTTP probe HTTP/1.1, or TLS without verifying the certificate with scheme
 * HTTPS (kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes): against a server of
 * the other protocol every probe fails, and the pods are restarted or never ready. The name is a convention Kubernetes does
 * not enforce, so a server that answers both on one port waives the rule.
 */
final class ProbeProtocolPolicyCheck implements StackCheck {
    /** What is wrong, with %s for the port's name, and the fix. */
    private record Mismatch(String problem, String hint) {
    }

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (Workload<?> workload : index.workloads()) {
            for (ContainerDef container : workload.allContainers()) {
                check(stack, workload, container, "readinessProbe", container.readinessProbe(), problems);
                check(stack, workload, container, "livenessProbe", container.livenessProbe(), problems);
                check(stack, workload, container, "startupProbe", container.startupProbe(), problems);
            }
        }
    }

    private static void check(Stack stack, Workload<?> workload, ContainerDef container, String field, Optional<ProbeDef> probe,
                              Problems problems) {
        if (probe.isEmpty()) {
            return;
        }
        ProbeAction action = probe.get().action();
        mismatch(action).ifPresent(found -> PolicyReporter.report(stack, workload, PolicyCheck.PROBE_PROTOCOL, "container "
                + container.name() + "'s " + field + " " + found.problem().formatted(action.port().orElseThrow().name()),
                field + ": " + action.describe(), found.hint(), problems));
    }

    private static Optional<Mismatch> mismatch(ProbeAction action) {
        if (action instanceof ProbeAction.Grpc grpc) {
            return switch (PortNameProtocol.of(grpc.target())) {
                case PLAIN_HTTP -> Optional.of(new Mismatch("speaks gRPC, HTTP/2 without TLS, to port %s, whose name says HTTP: a server "
                        + "of HTTP/1.1 alone refuses it, and every probe fails", "Probe the server's gRPC port with ProbeDef.grpc(port), or "
                        + "its HTTP health endpoint with ProbeDef.httpGet(path, port)."));
                case TLS -> Optional.of(new Mismatch("speaks gRPC without TLS (the kubelet's gRPC probe has no TLS setting) to port %s, "
                        + "whose name says TLS: the handshake the server awaits never comes, and every probe fails", "Serve the health "
                        + "service on a port without TLS and probe that, or check it with ProbeDef.exec(\"grpc_health_probe\", \"-tls\", ...)."));
                default -> Optional.empty();
            };
        }
        if (action instanceof ProbeAction.HttpGet get) {
            boolean https = get.scheme() == ProbeAction.Scheme.HTTPS;
            return switch (PortNameProtocol.of(get.target())) {
                case GRPC -> Optional.of(new Mismatch("sends an HTTP GET to port %s, whose name says gRPC: a gRPC server answers gRPC "
                        + "calls alone, POSTs over HTTP/2, and every probe fails", "Use ProbeDef.grpc(port), a call of the gRPC health "
                        + "checking protocol."));
                case TLS -> https ? Optional.empty() : Optional.of(new Mismatch("sends plain HTTP to port %s, whose name says TLS: the "
                        + "server answers 400 or closes the connection, and every probe fails", "Use ProbeDef.httpsGet(path, port): the "
                        + "kubelet then speaks TLS, without verifying the certificate."));
                case PLAIN_HTTP -> https ? Optional.of(new Mismatch("speaks TLS to port %s, whose name says plain HTTP: the handshake "
                        + "fails, and so does every probe", "Use ProbeDef.httpGet(path, port).")) : Optional.empty();
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }
}
