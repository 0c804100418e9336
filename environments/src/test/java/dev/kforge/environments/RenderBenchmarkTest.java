package dev.kforge.environments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's workload, which shares the pipeline with make render, and its figures, formatted by hand rather than with String.format. */
class RenderBenchmarkTest {

    @Test
    void renders_the_copies_through_the_whole_pipeline(@TempDir Path out) throws IOException {
        // Each environment's name is taken by as many stacks as there are copies: the pipeline must take that as the bench
        // gives it (make bench once failed here while make test passed).
        String figures = RenderBenchmark.renderOnce(2, out);

        assertThat(figures).startsWith("render N=2: 6 stacks, 146 objects, 146 files, ").endsWith(" 0 warnings");
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(file -> file.toString().endsWith(".yaml")).count()).isEqualTo(146);
        }
    }

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
