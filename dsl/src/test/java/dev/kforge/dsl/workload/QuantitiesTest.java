package dev.kforge.dsl.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cpu, Memory and Resources: parsing, canonical quantities and the request-within-limit rule. */
class QuantitiesTest {
    private static final String CPU_RULE = "must be millicores (\"250m\"), cores (\"2\") or decimal cores with at most 3 decimals (\"0.5\")";
    private static final String MEMORY_RULE = "must be a number with an optional unit Ki, Mi, Gi, Ti, k, M, G or T";

    @ParameterizedTest(name = "Cpu.parse(\"{0}\").quantity() = \"{1}\"")
    @CsvSource({"0.5, 500m", "2, 2", "250m, 250m", "1000m, 1", "1500m, 1500m", "1.5, 1500m", ".5, 500m", "0.001, 1m", "1, 1"})
    void writes_cpu_in_its_canonical_form(String text, String canonical) {
        assertThat(Cpu.parse(text).quantity()).isEqualTo(canonical);
    }

    @Test
    void compares_cpu_by_amount() {
        assertThat(Cpu.parse("0.5")).isEqualTo(Cpu.millis(500)).isLessThan(Cpu.cores(1));
        assertThat(Cpu.cores(2).millicores()).isEqualTo(2000);
    }

    @ParameterizedTest(name = "Cpu.parse(\"{0}\")")
    @ValueSource(strings = {"0.0005", "1e3", "-1", "", "1.5m", "2 cores", "1Ki"})
    void rejects_cpu_that_is_not_a_quantity(String text) {
        assertThatThrownBy(() -> Cpu.parse(text))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Cpu: quantity \"" + text + "\" is invalid: " + CPU_RULE + ".");
    }

    @ParameterizedTest(name = "Cpu.parse(\"{0}\")")
    @ValueSource(strings = {"100", "250", "500", "2000"})
    void rejects_a_hundred_cores_or_more_written_without_a_unit_as_millicores_meant_as_cores(String text) {
        assertThatThrownBy(() -> Cpu.parse(text))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Cpu: quantity \"" + text + "\" counts " + text + " cores, as a number without a unit does, more than "
                        + "nearly every node has, so the pods would stay Pending. Write \"" + text + "m\" for millicores, or Cpu.cores(" + text
                        + ") if you mean cores.");
        assertThat(Cpu.parse("99").quantity()).isEqualTo("99");
        assertThat(Cpu.cores(500).quantity()).isEqualTo("500");
    }

    @ParameterizedTest(name = "Memory.parse(\"{0}\")")
    @ValueSource(strings = {"1", "64", "512", "1000", "1048575"})
    void rejects_less_than_a_mebibyte_written_without_a_unit_as_mebibytes_meant_as_bytes(String text) {
        assertThatThrownBy(() -> Memory.parse(text))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Memory: quantity \"" + text + "\" counts " + text + " bytes, as a number without a unit does, less "
                        + "than a container, volume or disk ever holds (a container runtime refuses a limit under 6Mi). Write the unit, e.g. \""
                        + text + "Mi\".");
        assertThat(Memory.parse("1048576").quantity()).isEqualTo("1Mi");
        assertThat(Memory.parse("512Ki").quantity()).isEqualTo("512Ki");
    }

    @Test
    void rejects_zero_cpu() {
        assertThatThrownBy(() -> Cpu.parse("0"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Cpu: amount \"0m\" is invalid: must be positive. For example Cpu.millis(100).");
    }

    @ParameterizedTest(name = "Memory.parse(\"{0}\").quantity() = \"{1}\"")
    @CsvSource({"1024Mi, 1Gi", "1500Ki, 1500Ki", "128Mi, 128Mi", "1Gi, 1Gi", "1048576, 1Mi", "2048Ki, 2Mi", "1k, 1000",
            "1.5Gi, 1536Mi", "0.5Gi, 512Mi", "2.50Mi, 2560Ki", "1.5k, 1500"})
    void writes_memory_with_the_largest_exact_binary_unit(String text, String canonical) {
        assertThat(Memory.parse(text).quantity()).isEqualTo(canonical);
    }

    @Test
    void writes_a_whole_number_of_tebibytes_in_ti() {
        assertThat(Memory.parse("1Ti").quantity()).isEqualTo("1Ti");
        assertThat(Memory.parse("1Ti")).isEqualTo(Memory.gibibytes(1024));
    }

    @ParameterizedTest(name = "Memory.parse(\"{0}\").quantity() = \"{1}\"")
    @CsvSource({"1T, 1T", "1G, 1G", "500M, 500M", "1000M, 1G", "1.5G, 1500M", "64M, 64M", "2000000000000, 2T", "1500k, 1500000"})
    void writes_an_amount_no_binary_mebibyte_divides_in_the_decimal_unit_it_was_given(String text, String canonical) {
        // 1T is 976562500Ki, 1G 1000000000 bytes: exact, and unreadable in a review.
        assertThat(Memory.parse(text).quantity()).isEqualTo(canonical);
    }

    @Test
    void parses_decimal_units_as_powers_of_ten() {
        assertThat(Memory.parse("500M").bytes()).isEqualTo(500_000_000L);
        assertThat(Memory.parse("1G")).isLessThan(Memory.parse("1Gi"));
    }

    @ParameterizedTest(name = "Memory.parse(\"{0}\")")
    @ValueSource(strings = {"12Qi", "1gi", "", "-1Mi", "1 Mi", ".5Gi", "1.Gi"})
    void rejects_memory_that_is_not_a_whole_quantity(String text) {
        assertThatThrownBy(() -> Memory.parse(text))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Memory: quantity \"" + text + "\" is invalid: " + MEMORY_RULE + ". For example \"128Mi\".");
    }

    @Test
    void rejects_a_fraction_that_is_not_a_whole_number_of_bytes() {
        assertThatThrownBy(() -> Memory.parse("0.1Ki"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Memory: quantity \"0.1Ki\" is not a whole number of bytes (102.4). Use a smaller unit, e.g. \"1536Mi\" for 1.5Gi.");
        assertThatThrownBy(() -> Memory.parse("99999999999Ti")).hasMessage("Memory: quantity \"99999999999Ti\" is too large.");
    }

    @Test
    void rejects_zero_memory() {
        assertThatThrownBy(() -> Memory.parse("0Mi"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Memory: amount \"0 bytes\" is invalid: must be positive. For example Memory.mebibytes(128).");
        // As written, not in bytes.
        assertThatThrownBy(() -> Memory.mebibytes(-384))
                .hasMessage("Memory: amount \"Memory.mebibytes(-384)\" is invalid: must be positive. For example Memory.mebibytes(128).");
    }

    @Test
    void rejects_cpu_request_above_its_limit() {
        Resources requests = Resources.requests(Cpu.millis(600), Memory.mebibytes(128));

        assertThatThrownBy(() -> requests.withCpuLimit(Cpu.millis(500)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Resources: cpu request \"600m\" is invalid: must not exceed the cpu limit 500m. Lower the request or raise the limit.");
    }

    @Test
    void rejects_memory_request_above_its_limit() {
        Resources requests = Resources.requests(Cpu.millis(100), Memory.mebibytes(512));

        assertThatThrownBy(() -> requests.withMemoryLimit(Memory.mebibytes(256)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Resources: memory request \"512Mi\" is invalid: must not exceed the memory limit 256Mi. Lower the request or raise the limit.");
    }

    @Test
    void rejects_a_memory_limit_under_6Mi_however_it_is_written() {
        Resources requests = Resources.requests(Cpu.millis(100), Memory.mebibytes(4));

        assertThatThrownBy(() -> requests.withMemoryLimit(Memory.mebibytes(4)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Resources: memory limit \"4Mi\" is invalid: must be at least 6Mi: a container runtime refuses a smaller limit, "
                        + "or kills the container as it starts, so the pod never runs. Give the memory the process needs, e.g. Memory.mebibytes(64).");
        assertThatThrownBy(() -> Resources.NONE.withMemoryLimit(Memory.kibibytes(6 * 1024 - 1)))
                .hasMessageStartingWith("Resources: memory limit \"6143Ki\" is invalid: must be at least 6Mi");
        assertThat(requests.withMemoryLimit(Memory.mebibytes(6)).memoryLimit()).contains(Memory.mebibytes(6));
        assertThat(requests.memoryRequest()).contains(Memory.mebibytes(4));
    }

    @Test
    void rejects_ephemeral_storage_request_above_its_limit() {
        Resources requests = Resources.NONE.withEphemeralStorageRequest(Memory.gibibytes(4));

        assertThatThrownBy(() -> requests.withEphemeralStorageLimit(Memory.gibibytes(2)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Resources: ephemeral-storage request \"4Gi\" is invalid: must not exceed the ephemeral-storage limit 2Gi. "
                        + "Lower the request or raise the limit.");
        // Either order: the limit first, then a request above it.
        assertThatThrownBy(() -> Resources.NONE.withEphemeralStorageLimit(Memory.mebibytes(512)).withEphemeralStorageRequest(Memory.gibibytes(1)))
                .hasMessage("Resources: ephemeral-storage request \"1Gi\" is invalid: must not exceed the ephemeral-storage limit 512Mi. "
                        + "Lower the request or raise the limit.");
    }

    @Test
    void ephemeral_storage_is_kept_by_the_cpu_and_memory_withers_and_counts_as_set() {
        Resources storage = Resources.NONE.withEphemeralStorageRequest(Memory.mebibytes(50)).withEphemeralStorageLimit(Memory.mebibytes(50));

        assertThat(storage.isEmpty()).isFalse();
        Resources all = storage.withCpuRequest(Cpu.millis(100)).withMemoryRequest(Memory.mebibytes(64)).withCpuLimit(Cpu.millis(200))
                .withMemoryLimit(Memory.mebibytes(128));
        assertThat(all.ephemeralStorageRequest()).contains(Memory.mebibytes(50));
        assertThat(all.ephemeralStorageLimit()).contains(Memory.mebibytes(50));
        assertThat(new Resources(all.cpuRequest(), all.memoryRequest(), all.cpuLimit(), all.memoryLimit()).ephemeralStorageLimit()).isEmpty();
    }

    @Test
    void accepts_request_equal_to_limit() {
        Resources resources = Resources.requests(Cpu.millis(500), Memory.mebibytes(256))
                .withCpuLimit(Cpu.parse("0.5")).withMemoryLimit(Memory.parse("256Mi"));

        assertThat(resources.isEmpty()).isFalse();
        assertThat(resources.cpuLimit()).contains(Cpu.millis(500));
    }
}
