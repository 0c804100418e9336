package dev.kforge.environments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.output.OutputDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two renders in two separate JVMs, with different identity hash codes and locales, give identical bytes. */
class DeterminismTest {

    @Test
    void two_renders_in_separate_jvms_write_identical_bytes(@TempDir Path first, @TempDir Path second) throws Exception {
        render(first, "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2", "-Duser.language=tr", "-Duser.country=TR");
        render(second, "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=5", "-Duser.language=en", "-Duser.country=US");

        for (String environment : List.of("dev", "staging", "prod")) {
            var a = OutputDirectory.read(first.resolve(environment));
            var b = OutputDirectory.read(second.resolve(environment));
            assertThat(a).as(environment).isNotEmpty().isEqualTo(b);
        }
    }

    private static void render(Path out, String... jvmOptions) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RenderMain.class.getName(), "render", "all", "--out", out.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("render finished").isTrue();
        assertThat(process.exitValue()).as("exit code of " + String.join(" ", command)).isZero();
    }
}
