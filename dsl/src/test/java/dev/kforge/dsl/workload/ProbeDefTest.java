package dev.kforge.dsl.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import org.junit.jupiter.api.Test;

class ProbeDefTest {
    private static final Port HTTP = Port.tcp("http", 8080);

    @Test
    void defaults_to_the_kubernetes_timings() {
        ProbeDef probe = ProbeDef.httpGet("/health", HTTP);

        assertThat(probe.initialDelaySeconds()).isZero();
        assertThat(probe.periodSeconds()).isEqualTo(10);
        assertThat(probe.timeoutSeconds()).isEqualTo(1);
        assertThat(probe.successThreshold()).isEqualTo(1);
        assertThat(probe.failureThreshold()).isEqualTo(3);
        assertThat(probe.action().port()).contains(HTTP);
    }

    @Test
    void rejects_http_probe_path_without_leading_slash() {
        assertThatThrownBy(() -> ProbeDef.httpGet("health", HTTP))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Probe: httpGet path \"health\" is invalid: must start with '/'. Try \"/health\".");
        assertThatThrownBy(() -> ProbeDef.httpGet("http://localhost:8080/ready?full=1", HTTP))
                .hasMessage("Probe: httpGet path \"http://localhost:8080/ready?full=1\" is invalid: must start with '/'. "
                        + "Give the path alone, without scheme and host: \"/ready?full=1\".");
        assertThatThrownBy(() -> ProbeDef.httpGet("", HTTP))
                .hasMessage("Probe: httpGet path \"\" is invalid: must start with '/'. For example \"/health\".");
    }

    @Test
    void rejects_http_probe_path_with_white_space() {
        assertThatThrownBy(() -> ProbeDef.httpGet("/health check", HTTP))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Probe: httpGet path \"/health check\" is invalid: must not contain white space. Percent-encode it.");
    }

    @Test
    void rejects_an_exec_probe_written_as_one_string() {
        assertThatThrownBy(() -> ProbeDef.exec("curl -f http://localhost:8080/health"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Probe: exec command \"curl -f http://localhost:8080/health\" names a program with white space in it, "
                        + "and the kubelet runs a command without a shell, so it would look for a program of that whole name. Give each word "
                        + "apart, ProbeDef.exec(\"curl\", \"-f\", \"http://localhost:8080/health\"), or run a shell, "
                        + "ProbeDef.exec(\"sh\", \"-c\", \"curl -f http://localhost:8080/health\").");
    }

    @Test
    void rejects_an_http_or_tcp_probe_of_a_port_that_is_not_tcp() {
        Port stats = Port.udp("stats", 8125);

        assertThatThrownBy(() -> ProbeDef.httpGet("/health", stats))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Probe: httpGet port stats (8125/UDP) is invalid: must be a TCP port: the kubelet connects over TCP, where "
                        + "nothing may listen. Probe a TCP port the server listens on, or check a UDP server with ProbeDef.exec(...).");
        assertThatThrownBy(() -> ProbeDef.tcpSocket(Port.sctp("signal", 9000)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Probe: tcpSocket port signal (9000/SCTP) is invalid: must be a TCP port: the kubelet connects over TCP, where "
                        + "nothing may listen. Probe a TCP port the server listens on, or check a SCTP server with ProbeDef.exec(...).");
    }

    @Test
    void rejects_empty_exec_command() {
        assertThatThrownBy(() -> ProbeDef.exec())
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Probe: exec command is empty. Give the program and its arguments, e.g. exec(\"cat\", \"/tmp/ready\").");
    }

    @Test
    void rejects_period_of_0_seconds() {
        assertThatThrownBy(() -> ProbeDef.tcpSocket(HTTP).withPeriodSeconds(0))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Probe: periodSeconds 0 is invalid: must be at least 1.");
    }

    @Test
    void rejects_negative_initial_delay() {
        assertThatThrownBy(() -> ProbeDef.tcpSocket(HTTP).withInitialDelaySeconds(-1))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Probe: initialDelaySeconds -1 is invalid: must be at least 0.");
    }

    @Test
    void exec_probes_use_no_port() {
        assertThat(ProbeDef.exec("cat", "/tmp/ready").action().port()).isEmpty();
    }

    @Test
    void grpc_probes_use_their_port_and_ask_after_a_service_or_the_whole_server() {
        Port grpc = Port.tcp("grpc", 9090);
        assertThat(ProbeDef.grpc(grpc).action().port()).contains(grpc);
        assertThat(ProbeDef.grpc(grpc).action().describe()).isEqualTo("grpc on port grpc");
        assertThat(ProbeDef.grpc(grpc, "tgr.Api").action().describe()).isEqualTo("grpc on port grpc for service tgr.Api");
        assertThat(ProbeDef.grpc(grpc, "tgr.Api").action().sameAs(ProbeDef.grpc(grpc, "tgr.Api").withPeriodSeconds(3).action())).isTrue();
        assertThat(ProbeDef.grpc(grpc, "tgr.Api").action().sameAs(ProbeDef.grpc(grpc).action())).isFalse();
        assertThat(ProbeDef.grpc(grpc).action().sameAs(ProbeDef.grpc(Port.tcp("admin", 9091)).action())).isFalse();
        assertThat(ProbeDef.grpc(grpc).action().sameAs(ProbeDef.tcpSocket(grpc).action())).isFalse();
        assertThat(ProbeDef.tcpSocket(grpc).action().sameAs(ProbeDef.grpc(grpc).action())).isFalse();
    }

    @Test
    void rejects_a_grpc_probe_on_a_port_that_is_not_tcp_or_missing_and_a_blank_service() {
        assertThatThrownBy(() -> ProbeDef.grpc(Port.udp("grpc", 9090)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Probe: grpc port grpc (9090/UDP) is invalid: must be a TCP port: gRPC runs over HTTP/2 on TCP. "
                        + "Probe a TCP port the server listens on, e.g. Port.tcp(\"grpc\", 9090).");
        assertThatThrownBy(() -> ProbeDef.grpc(null))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Probe: grpc port null is invalid: must be given. Pass the container's Port, e.g. Port.tcp(\"grpc\", 9090).");
        for (String blank : new String[] {"", " ", "tgr Api"}) {
            assertThatThrownBy(() -> ProbeDef.grpc(HTTP, blank))
                    .isInstanceOf(InvalidDefinitionException.class)
                    .hasMessage("Probe: grpc service \"" + blank + "\" is invalid: must be a service name without white space. Give the name "
                            + "the server registers its health under, e.g. \"grpc.health.v1.Health\" or \"tgr.Api\"; ProbeDef.grpc(port) asks "
                            + "after the whole server.");
        }
        assertThatThrownBy(() -> ProbeDef.grpc(HTTP, null))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Probe: grpc service null is invalid: must be given. Use ProbeDef.grpc(port) to ask after the whole server.");
    }
}
