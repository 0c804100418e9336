package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.HTTP;
import static dev.kforge.dsl.check.LinterParity.container;
import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.onlyProblem;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeDef;
import org.junit.jupiter.api.Test;

/**
 * A probe that speaks another protocol than its port's name says the server speaks (the IANA service name, or its first word
 * as in http-metrics): the kubelet's gRPC probe speaks HTTP/2 without TLS, its HTTP probe HTTP or, with HTTPS, TLS without
 * verifying the certificate; a server of the other protocol fails every probe.
 */
class ProbeProtocolTest {
    private static final Port HTTPS = Port.tcp("https", 8443);
    private static final Port GRPC = Port.tcp("grpc", 9090);

    @Test
    void a_grpc_probe_of_a_port_named_http_breaks_a_policy_rule() {
        DeploymentDef grpcOnHttp = deployment(container().withReadinessProbe(ProbeDef.grpc(HTTP)));
        assertThat(onlyProblem(() -> stack(grpcOnHttp)))
                .isEqualTo("ERROR prod/Deployment web: container web's readinessProbe speaks gRPC, HTTP/2 without TLS, to port http, whose "
                        + "name says HTTP: a server of HTTP/1.1 alone refuses it, and every probe fails (readinessProbe: grpc on port http). "
                        + "Probe the server's gRPC port with ProbeDef.grpc(port), or its HTTP health endpoint with ProbeDef.httpGet(path, "
                        + "port). Or waive it with .waive(PolicyCheck.PROBE_PROTOCOL, \"<why>\") on container web, or on the workload for all "
                        + "its containers.");
        assertThat(report(() -> stack(grpcOnHttp).withPolicy(Policy.RELAXED))).singleElement().asString()
                .startsWith("WARNING prod/Deployment web: container web's readinessProbe speaks gRPC");
        // A server answering gRPC beside HTTP/1.1 on one port (h2c) is the team's to say.
        assertThat(report(() -> stack(grpcOnHttp.waive(PolicyCheck.PROBE_PROTOCOL, "h2c: gRPC and HTTP/1.1 on one port")))).isEmpty();
    }

    @Test
    void a_grpc_probe_of_a_port_named_for_tls_breaks_the_rule() {
        assertThat(onlyProblem(() -> stack(deployment(container().withPort(HTTPS).withLivenessProbe(ProbeDef.grpc(HTTPS))))))
                .isEqualTo("ERROR prod/Deployment web: container web's livenessProbe speaks gRPC without TLS (the kubelet's gRPC probe "
                        + "has no TLS setting) to port https, whose name says TLS: the handshake the server awaits never comes, and every "
                        + "probe fails (livenessProbe: grpc on port https). Serve the health service on a port without TLS and probe that, "
                        + "or check it with ProbeDef.exec(\"grpc_health_probe\", \"-tls\", ...). Or waive it with "
                        + ".waive(PolicyCheck.PROBE_PROTOCOL, \"<why>\") on container web, or on the workload for all its containers.");
    }

    @Test
    void an_http_probe_of_a_port_named_for_tls_breaks_the_rule() {
        assertThat(onlyProblem(() -> stack(deployment(container().withPort(HTTPS).withLivenessProbe(ProbeDef.httpGet("/health", HTTPS))))))
                .isEqualTo("ERROR prod/Deployment web: container web's livenessProbe sends plain HTTP to port https, whose name says TLS: "
                        + "the server answers 400 or closes the connection, and every probe fails (livenessProbe: httpGet /health on port "
                        + "https). Use ProbeDef.httpsGet(path, port): the kubelet then speaks TLS, without verifying the certificate. Or "
                        + "waive it with .waive(PolicyCheck.PROBE_PROTOCOL, \"<why>\") on container web, or on the workload for all its "
                        + "containers.");
        assertThat(onlyProblem(() -> stack(deployment(container().withPort(Port.tcp("tls-admin", 9443))
                .withLivenessProbe(ProbeDef.httpGet("/health", Port.tcp("tls-admin", 9443)))))))
                .contains("sends plain HTTP to port tls-admin, whose name says TLS");
    }

    @Test
    void an_https_probe_is_written_with_its_scheme() {
        assertThat(ProbeDef.httpsGet("/health", HTTPS).action().describe()).isEqualTo("httpsGet /health on port https");
        assertThat(file(render(deployment(container().withPort(HTTPS).withLivenessProbe(ProbeDef.httpsGet("/health", HTTPS)))),
                "50-deployment-web.yaml")).contains("""
                          httpGet:
                            path: /health
                            port: https
                            scheme: HTTPS
                """);
    }

    @Test
    void an_https_probe_of_a_port_named_http_breaks_the_rule() {
        assertThat(onlyProblem(() -> stack(deployment(container().withReadinessProbe(ProbeDef.httpsGet("/ready", HTTP))))))
                .isEqualTo("ERROR prod/Deployment web: container web's readinessProbe speaks TLS to port http, whose name says plain HTTP: "
                        + "the handshake fails, and so does every probe (readinessProbe: httpsGet /ready on port http). Use "
                        + "ProbeDef.httpGet(path, port). Or waive it with .waive(PolicyCheck.PROBE_PROTOCOL, \"<why>\") on container web, or "
                        + "on the workload for all its containers.");
    }

    @Test
    void an_http_probe_of_a_port_named_grpc_breaks_the_rule() {
        assertThat(onlyProblem(() -> stack(deployment(container().withPort(GRPC).withLivenessProbe(ProbeDef.httpGet("/health", GRPC))))))
                .isEqualTo("ERROR prod/Deployment web: container web's livenessProbe sends an HTTP GET to port grpc, whose name says gRPC: "
                        + "a gRPC server answers gRPC calls alone, POSTs over HTTP/2, and every probe fails (livenessProbe: httpGet /health "
                        + "on port grpc). Use ProbeDef.grpc(port), a call of the gRPC health checking protocol. Or waive it with "
                        + ".waive(PolicyCheck.PROBE_PROTOCOL, \"<why>\") on container web, or on the workload for all its containers.");
        assertThat(onlyProblem(() -> stack(deployment(container().withPort(GRPC).withLivenessProbe(ProbeDef.httpsGet("/health", GRPC))))))
                .contains("container web's livenessProbe sends an HTTP GET to port grpc, whose name says gRPC");
    }

    @Test
    void a_probe_speaking_what_its_port_is_named_for_or_of_a_port_named_otherwise_passes() {
        Port metrics = Port.tcp("http-metrics", 9102);
        Port admin = Port.tcp("admin", 8877);
        Port grpcWeb = Port.tcp("grpc-web", 8081);
        ContainerDef fine = container().withPort(HTTPS).withPort(GRPC).withPort(metrics).withPort(admin).withPort(grpcWeb)
                .withReadinessProbe(ProbeDef.grpc(GRPC, "tgr.Api"))
                .withLivenessProbe(ProbeDef.httpsGet("/health", HTTPS))
                .withStartupProbe(ProbeDef.httpGet("/started", metrics));
        assertThat(report(() -> stack(deployment(fine)))).isEmpty();
        // Names that say nothing of the protocol, and TCP probes, which only connect, are not judged.
        assertThat(report(() -> stack(deployment(fine.withReadinessProbe(ProbeDef.grpc(admin)).withLivenessProbe(ProbeDef.tcpSocket(HTTPS))
                .withStartupProbe(ProbeDef.httpGet("/started", grpcWeb)))))).isEmpty();
        assertThat(report(() -> stack(deployment(fine.withReadinessProbe(ProbeDef.tcpSocket(GRPC)).withStartupProbe(ProbeDef.grpc(Port.tcp("grpc-api", 9091))
                .withFailureThreshold(30)).withPort(Port.tcp("grpc-api", 9091)))))).isEmpty();
    }

    @Test
    void a_container_waives_the_rule_for_itself_and_leaves_the_others_held_to_it() {
        // A sidecar whose server answers gRPC beside HTTP/1.1 on one port (h2c), probed by gRPC.
        Port proxyPort = Port.tcp("http-proxy", 8081);
        ContainerDef h2c = ContainerDef.named("proxy").image(Image.of("example/proxy", "1.0.0")).withPort(proxyPort)
                .withResources(container().resources()).withReadinessProbe(ProbeDef.grpc(proxyPort))
                .withLivenessProbe(ProbeDef.httpGet("/health", proxyPort));
        ContainerDef waived = h2c.waive(PolicyCheck.PROBE_PROTOCOL, "h2c: gRPC and HTTP/1.1 on one port");

        assertThat(report(() -> stack(deployment(container()).withSidecar(waived)))).isEmpty();
        assertThat(onlyProblem(() -> stack(deployment(container().withLivenessProbe(ProbeDef.httpsGet("/health", HTTP))).withSidecar(waived))))
                .isEqualTo("ERROR prod/Deployment web: container web's livenessProbe speaks TLS to port http, whose name says plain HTTP: "
                        + "the handshake fails, and so does every probe (livenessProbe: httpsGet /health on port http). Use "
                        + "ProbeDef.httpGet(path, port). Or waive it with .waive(PolicyCheck.PROBE_PROTOCOL, \"<why>\") on container web, or "
                        + "on the workload for all its containers.");
        // A container whose probes speak what their ports say waives nothing.
        assertThat(onlyProblem(() -> stack(deployment(container()).withSidecar(waived.withReadinessProbe(ProbeDef.httpGet("/ready", proxyPort))))))
                .isEqualTo("WARNING prod/Deployment web: container proxy waives probe-protocol, which finds nothing to waive there "
                        + "(probe-protocol). Remove .waive(PolicyCheck.PROBE_PROTOCOL, ...) from container proxy (a copy made with withName "
                        + "keeps its original's: .withoutWaiver(PolicyCheck.PROBE_PROTOCOL) drops it): the rule does not fire on it without it.");
    }
}
