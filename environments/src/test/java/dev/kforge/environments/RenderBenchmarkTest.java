package dev.kforge.environments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's figures, which it formats by hand rather than with String.format. */
class RenderBenchmarkTest {

    @Test
    void decimals_round_half_up_and_keep_leading_zeros_of_the_fraction() {
        assertThat(RenderBenchmark.decimals(1.2345, 3)).isEqualTo("1.235");
        assertThat(RenderBenchmark.decimals(0.0625, 3)).isEqualTo("0.063");
        assertThat(RenderBenchmark.decimals(0.007, 3)).isEqualTo("0.007");
        assertThat(RenderBenchmark.decimals(48.66, 1)).isEqualTo("48.7");
        assertThat(RenderBenchmark.decimals(12.0, 1)).isEqualTo("12.0");
        assertThat(RenderBenchmark.decimals(0.9996, 3)).isEqualTo("1.000");
        assertThat(RenderBenchmark.decimals(-0.25, 1)).isEqualTo("-0.3");
    }
}
