package dev.kforge.environments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.output.OutputDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders in separate JVMs give identical bytes: with different identity hash codes and locales,
 * and on every JDK installed under /usr/lib/jvm (make render runs on a JDK 25 when there is one).
 */
class DeterminismTest {

    @Test
    void renders_in_separate_jvms_write_identical_bytes(@TempDir Path scratch) throws Exception {
        String current = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, Map<String, String>> outputs = new TreeMap<>();
        outputs.put("current JVM, hashCode=2, tr_TR", render(current, scratch.resolve("a"),
                "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2", "-Duser.language=tr", "-Duser.country=TR"));
        outputs.put("current JVM, hashCode=5, en_US", render(current, scratch.resolve("b"),
                "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=5", "-Duser.language=en", "-Duser.country=US"));
        int other = 0;
        for (String java : installedJdks()) {
            outputs.put(java, render(java, scratch.resolve("jdk" + other++)));
        }

        Map<String, String> reference = outputs.values().iterator().next();
        assertThat(reference).isNotEmpty();
        outputs.forEach((jvm, files) -> assertThat(files).as(jvm).isEqualTo(reference));
    }

    private static List<String> installedJdks() throws IOException {
        Path root = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> jdks = Files.list(root)) {
            return jdks.map(jdk -> jdk.resolve("bin/java")).filter(Files::isExecutable).map(Path::toString).sorted().toList();
        }
    }

    /** Every file of the three environments, keyed by environment/file. */
    private static Map<String, String> render(String java, Path out, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RenderMain.class.getName(), "render", "all", "--out", out.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("render finished: " + command).isTrue();
        assertThat(process.exitValue()).as("exit code of " + String.join(" ", command)).isZero();
        Map<String, String> files = new TreeMap<>();
        for (String environment : List.of("dev", "staging", "prod")) {
            OutputDirectory.read(out.resolve(environment)).forEach((name, content) -> files.put(environment + "/" + name, content));
        }
        return files;
    }
}
