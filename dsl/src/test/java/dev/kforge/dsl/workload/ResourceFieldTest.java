package dev.kforge.dsl.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import org.junit.jupiter.api.Test;

class ResourceFieldTest {
    @Test
    void a_cpu_divisor_is_one_millicore_or_one_core() {
        assertThat(ResourceField.cpuLimit(Cpu.millis(1)).divisor()).isEqualTo("1m");
        assertThat(ResourceField.cpuRequest(Cpu.cores(1)).divisor()).isEqualTo("1");
        assertThatThrownBy(() -> ResourceField.cpuLimit(Cpu.millis(100)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ResourceField: limits.cpu divisor \"100m\" is invalid: must be 1m or 1, as the API server requires, which "
                        + "refuses the pods otherwise. Use Cpu.millis(1) for the value in millicores or Cpu.cores(1) for cores (rounded up).");
        assertThatThrownBy(() -> ResourceField.cpuRequest(Cpu.cores(2)))
                .hasMessageStartingWith("ResourceField: requests.cpu divisor \"2\" is invalid: must be 1m or 1");
    }

    @Test
    void a_memory_divisor_is_one_unit() {
        assertThat(ResourceField.memoryLimit(Memory.mebibytes(1)).divisor()).isEqualTo("1Mi");
        assertThat(ResourceField.memoryRequest(Memory.parse("1M")).divisor()).isEqualTo("1M");
        assertThat(ResourceField.memoryRequest(new Memory(1)).divisor()).isEqualTo("1");
        assertThat(ResourceField.memoryRequest(Memory.parse("1k")).divisor()).isEqualTo("1000");
        assertThatThrownBy(() -> ResourceField.memoryLimit(Memory.mebibytes(128)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ResourceField: limits.memory divisor \"128Mi\" is invalid: must be one unit (1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, "
                        + "1Gi, 1Ti, 1Pi or 1Ei), as the API server requires, which refuses the pods otherwise. Use Memory.mebibytes(1) "
                        + "for the value in mebibytes (rounded up), or Memory.kibibytes(1).");
        assertThatThrownBy(() -> ResourceField.memoryRequest(Memory.kibibytes(2)))
                .hasMessageStartingWith("ResourceField: requests.memory divisor \"2Ki\" is invalid");
    }
}
