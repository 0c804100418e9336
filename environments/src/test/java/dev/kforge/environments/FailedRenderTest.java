package dev.kforge.environments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.cli.Cli;
import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.output.OutputDirectory;
import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A render that finds a problem leaves the previous output exactly as it was: content, file set and timestamps. */
class FailedRenderTest {

    @Test
    void a_failing_render_leaves_the_previous_output_untouched(@TempDir Path out) throws Exception {
        // Given the committed output of every environment
        for (String environment : List.of("dev", "staging", "prod")) {
            Path folder = Files.createDirectories(out.resolve(environment));
            for (Map.Entry<String, String> file : OutputDirectory.read(GoldenOutputTest.OUT.resolve(environment)).entrySet()) {
                Files.writeString(folder.resolve(file.getKey()), file.getValue());
            }
        }
        Map<Path, FileTime> before = snapshot(out);
        Map<Path, String> contentBefore = contents(out);

        // When dev is rendered while prod's definition drops a ConfigMap the Deployment reads
        List<EnvironmentDefinition> environments = List.of(
                new EnvironmentDefinition("dev", () -> TgrStack.define(TgrProfiles.DEV)
                        .replacing(ConfigMapDef.named("tgr-config").withProperty("ENV", "dev"))),
                new EnvironmentDefinition("prod", () -> TgrStack.define(TgrProfiles.PROD)));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Cli(environments, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run("render", "all", "--out", out.toString());

        // Then nothing was written
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("reads key \"DEBUG\" that ConfigMap tgr-config does not declare")
                .contains("Nothing was written");
        assertThat(snapshot(out)).isEqualTo(before);
        assertThat(contents(out)).isEqualTo(contentBefore);
    }

    private static Map<Path, FileTime> snapshot(Path root) throws Exception {
        Map<Path, FileTime> times = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                times.put(root.relativize(path), Files.getLastModifiedTime(path));
            }
        }
        return times;
    }

    private static Map<Path, String> contents(Path root) throws Exception {
        Map<Path, String> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(path), Files.readString(path));
            }
        }
        return files;
    }
}
