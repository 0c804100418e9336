package dev.kforge.dsl.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import org.junit.jupiter.api.Test;

class PortTest {
    static final String IANA = "an IANA service name (lowercase letters, digits and '-', at least one letter, no '--', "
            + "starting and ending with a letter or digit, at most 15 characters)";

    @Test
    void accepts_a_15_character_iana_name_and_the_port_range_bounds() {
        assertThat(Port.tcp("http-server-lon", 1).number()).isEqualTo(1);
        assertThat(Port.udp("dns", 65535).protocol()).isEqualTo(Protocol.UDP);
        assertThat(Port.tcp("http", 8080)).hasToString("http (8080/TCP)");
    }

    @Test
    void rejects_port_name_in_upper_case() {
        assertThatThrownBy(() -> Port.tcp("HTTP", 80))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Port 80: name \"HTTP\" is invalid: must be " + IANA + ". Try \"http\".");
    }

    @Test
    void rejects_port_name_longer_than_15() {
        assertThatThrownBy(() -> Port.tcp("http-server-long-name", 80))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Port 80: name \"http-server-long-name\" is invalid: must be " + IANA + ". Try \"http-server-lon\".");
    }

    @Test
    void rejects_port_name_without_a_letter() {
        assertThatThrownBy(() -> Port.tcp("8080", 8080))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Port 8080: name \"8080\" is invalid: must be " + IANA + ".");
    }

    @Test
    void rejects_port_name_with_a_double_dash() {
        assertThatThrownBy(() -> Port.tcp("http--alt", 8080))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Port 8080: name \"http--alt\" is invalid: must be " + IANA + ". Try \"http-alt\".");
    }

    @Test
    void rejects_port_number_0() {
        assertThatThrownBy(() -> Port.tcp("http", 0))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Port http: number 0 is invalid: must be between 1 and 65535.");
    }

    @Test
    void rejects_port_number_65536() {
        assertThatThrownBy(() -> Port.tcp("http", 65536))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Port http: number 65536 is invalid: must be between 1 and 65535.");
    }

    @Test
    void rejects_port_without_protocol() {
        assertThatThrownBy(() -> new Port("http", 80, null))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Port http: protocol is missing. Use Protocol.TCP, UDP or SCTP.");
    }
}
