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
                .hasMessage("Probe: httpGet path \"health\" is invalid: must start with '/'. For example \"/health\".");
    }

    @Test
    void rejects_http_probe_path_with_white_space() {
        assertThatThrownBy(() -> ProbeDef.httpGet("/health check", HTTP))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Probe: httpGet path \"/health check\" is invalid: must not contain white space. Percent-encode it.");
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
}
