package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Origin;
import java.util.List;
import java.util.Optional;

/**
 * A readiness, liveness or startup probe. Timings default to the Kubernetes defaults and are always
 * written out, so a reviewer sees the real behaviour.
 *
 * @param initialDelaySeconds seconds before the first probe (default 0)
 * @param periodSeconds       seconds between probes (default 10)
 * @param timeoutSeconds      seconds before a probe times out (default 1)
 * @param successThreshold    successes to count as passing (default 1; must be 1 for liveness and startup)
 * @param failureThreshold    failures to count as failing (default 3)
 */
public record ProbeDef(ProbeAction action, int initialDelaySeconds, int periodSeconds, int timeoutSeconds,
                       int successThreshold, int failureThreshold, Origin origin) {

    /** A probe whose line of code is not known: problems with it point at its Deployment instead. */
    public ProbeDef(ProbeAction action, int initialDelaySeconds, int periodSeconds, int timeoutSeconds, int successThreshold,
                    int failureThreshold) {
        this(action, initialDelaySeconds, periodSeconds, timeoutSeconds, successThreshold, failureThreshold, Origin.UNKNOWN);
    }

    public ProbeDef {
        origin = origin == null ? Origin.UNKNOWN : origin;
        atLeast("initialDelaySeconds", initialDelaySeconds, 0);
        atLeast("periodSeconds", periodSeconds, 1);
        atLeast("timeoutSeconds", timeoutSeconds, 1);
        atLeast("successThreshold", successThreshold, 1);
        atLeast("failureThreshold", failureThreshold, 1);
    }

    /** An HTTP GET probe of {@code path} on {@code port}, e.g. {@code httpGet("/health", http)}. */
    public static ProbeDef httpGet(String path, Port port) {
        return of(new ProbeAction.HttpGet(path, port, ProbeAction.Scheme.HTTP));
    }

    /**
     * An HTTPS GET probe of {@code path} on {@code port}, a server of TLS, e.g. {@code httpsGet("/health", https)}: the kubelet
     * does not verify the server's certificate.
     */
    public static ProbeDef httpsGet(String path, Port port) {
        return of(new ProbeAction.HttpGet(path, port, ProbeAction.Scheme.HTTPS));
    }

    /** A TCP connect probe on {@code port}. */
    public static ProbeDef tcpSocket(Port port) {
        return of(new ProbeAction.TcpSocket(port));
    }

    /**
     * A gRPC health check of the whole server on {@code port}, a TCP port the container declares, e.g. {@code grpc(grpcPort)};
     * the server implements the gRPC health checking protocol. Kubernetes 1.27 or later.
     */
    public static ProbeDef grpc(Port port) {
        return of(new ProbeAction.Grpc(port, Optional.empty()));
    }

    /** A gRPC health check of {@code service} on {@code port}, e.g. {@code grpc(grpcPort, "tgr.Api")}. */
    public static ProbeDef grpc(Port port, String service) {
        if (service == null) {
            throw InvalidDefinitionException.invalid("Probe", "grpc service", null, "must be given", "Use ProbeDef.grpc(port) to ask after the whole server.");
        }
        return of(new ProbeAction.Grpc(port, Optional.of(service)));
    }

    /** A command probe, e.g. {@code exec("cat", "/tmp/ready")}. */
    public static ProbeDef exec(String... command) {
        return of(new ProbeAction.Exec(Given.all("Probe", "exec command", command)));
    }

    private static ProbeDef of(ProbeAction action) {
        return new ProbeDef(action, 0, 10, 1, 1, 3, Origin.capture());
    }

    public ProbeDef withInitialDelaySeconds(int seconds) {
        return new ProbeDef(action, seconds, periodSeconds, timeoutSeconds, successThreshold, failureThreshold, origin);
    }

    public ProbeDef withPeriodSeconds(int seconds) {
        return new ProbeDef(action, initialDelaySeconds, seconds, timeoutSeconds, successThreshold, failureThreshold, origin);
    }

    public ProbeDef withTimeoutSeconds(int seconds) {
        return new ProbeDef(action, initialDelaySeconds, periodSeconds, seconds, successThreshold, failureThreshold, origin);
    }

    public ProbeDef withSuccessThreshold(int count) {
        return new ProbeDef(action, initialDelaySeconds, periodSeconds, timeoutSeconds, count, failureThreshold, origin);
    }

    public ProbeDef withFailureThreshold(int count) {
        return new ProbeDef(action, initialDelaySeconds, periodSeconds, timeoutSeconds, successThreshold, count, origin);
    }

    private static void atLeast(String field, int value, int minimum) {
        if (value < minimum) {
            throw InvalidDefinitionException.invalid("Probe", field, value, "must be at least " + minimum, "");
        }
    }
}
