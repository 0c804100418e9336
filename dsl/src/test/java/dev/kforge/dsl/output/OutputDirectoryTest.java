package dev.kforge.dsl.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.kforge.dsl.core.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {
    /** A valid file name that no Linux file system accepts (over 255 bytes): the write fails midway. */
    private static final String TOO_LONG_FOR_THE_FILE_SYSTEM = "30-configmap-" + "c".repeat(300) + ".yaml";

    private static final FileTime LONG_AGO = FileTime.fromMillis(946_684_800_000L); // 2000-01-01

    @TempDir
    Path parent;

    private static ManifestFile configMap(String name, String content) {
        return ManifestFile.of(Kind.CONFIG_MAP, name, content);
    }

    /** Every file and folder under {@code root}, with the content of the files. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                String relative = root.relativize(path).toString();
                all.put(relative, Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8) : "<dir>");
            }
        }
        return all;
    }

    @Test
    void clears_what_a_run_that_stopped_half_way_left_in_its_staging_folder() throws IOException {
        Path out = parent.resolve("out");
        Path folder = out.resolve("dev");
        OutputDirectory.replace(folder, List.of(configMap("a", "kind: ConfigMap\n")));
        long pid = ProcessHandle.current().pid();
        Path staleStaging = out.resolve(".dev." + pid + ".new");
        Files.createDirectories(staleStaging);
        Files.writeString(staleStaging.resolve("30-configmap-stale.yaml"), "stale\n");

        OutputDirectory.replace(folder, List.of(configMap("b", "kind: ConfigMap\n")));

        assertThat(snapshot(out)).containsExactly(
                Map.entry("", "<dir>"),
                Map.entry(".kforge.lock", ""),
                Map.entry("dev", "<dir>"),
                Map.entry("dev/30-configmap-b.yaml", "kind: ConfigMap\n"));
    }

    @Test
    void writes_exactly_the_files_into_a_new_folder() throws IOException {
        Path folder = parent.resolve("out").resolve("dev");

        boolean changed = OutputDirectory.replace(folder, List.of(configMap("a", "kind: ConfigMap\n"), configMap("b", "kind: ConfigMap\nb: 1\n")));

        assertThat(changed).isTrue();
        assertThat(OutputDirectory.read(folder)).containsExactly(
                Map.entry("30-configmap-a.yaml", "kind: ConfigMap\n"),
                Map.entry("30-configmap-b.yaml", "kind: ConfigMap\nb: 1\n"));
        try (Stream<Path> entries = Files.list(folder)) {
            assertThat(entries.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("30-configmap-a.yaml", "30-configmap-b.yaml");
        }
    }

    @Test
    void removes_files_that_are_no_longer_rendered() throws IOException {
        Path folder = parent.resolve("dev");
        OutputDirectory.replace(folder, List.of(configMap("a", "a\n"), configMap("b", "b\n")));
        Files.writeString(folder.resolve("stray.yaml"), "left by hand\n");

        boolean changed = OutputDirectory.replace(folder, List.of(configMap("a", "a\n")));

        assertThat(changed).isTrue();
        assertThat(OutputDirectory.read(folder)).containsOnlyKeys("30-configmap-a.yaml");
    }

    @Test
    void changes_nothing_and_keeps_timestamps_when_the_files_are_already_there() throws IOException {
        Path folder = parent.resolve("dev");
        List<ManifestFile> files = List.of(configMap("a", "a\n"), configMap("b", "b\n"));
        OutputDirectory.replace(folder, files);
        Files.setLastModifiedTime(folder.resolve("30-configmap-a.yaml"), LONG_AGO);
        Files.setLastModifiedTime(folder, LONG_AGO);

        boolean changed = OutputDirectory.replace(folder, files);

        assertThat(changed).isFalse();
        assertThat(Files.getLastModifiedTime(folder.resolve("30-configmap-a.yaml"))).isEqualTo(LONG_AGO);
        assertThat(Files.getLastModifiedTime(folder)).isEqualTo(LONG_AGO);
    }

    @Test
    void replaces_a_changed_file() throws IOException {
        Path folder = parent.resolve("dev");
        OutputDirectory.replace(folder, List.of(configMap("a", "old\n")));

        boolean changed = OutputDirectory.replace(folder, List.of(configMap("a", "new\n")));

        assertThat(changed).isTrue();
        assertThat(Files.readString(folder.resolve("30-configmap-a.yaml"))).isEqualTo("new\n");
    }

    @Test
    void creates_an_empty_folder_for_no_files() throws IOException {
        Path folder = parent.resolve("dev");

        assertThat(OutputDirectory.replace(folder, List.of())).isTrue();
        assertThat(folder).isEmptyDirectory();
        assertThat(OutputDirectory.replace(folder, List.of())).isFalse();
    }

    @Test
    void leaves_the_previous_folder_byte_for_byte_when_a_write_fails_midway() throws IOException {
        // Given a folder holding a previous render
        Path folder = parent.resolve("dev");
        OutputDirectory.replace(folder, List.of(configMap("a", "previous a\n"), configMap("b", "previous b\n")));
        Map<String, String> before = snapshot(parent);

        // When a new render fails after its first file (the second cannot be created: its folder is missing)
        List<ManifestFile> files = List.of(
                configMap("a", "new a\n"),
                new ManifestFile(TOO_LONG_FOR_THE_FILE_SYSTEM, Kind.CONFIG_MAP, "c", "new c\n"));
        Throwable failure = catchThrowable(() -> OutputDirectory.replace(folder, files));

        // Then the failure is reported and nothing changed, and no staging folder is left behind
        assertThat(failure).isInstanceOf(IOException.class);
        assertThat(snapshot(parent)).isEqualTo(before);
        try (Stream<Path> siblings = Files.list(parent)) {
            assertThat(siblings.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder(".kforge.lock", "dev");
        }
    }

    @Test
    void leaves_no_folder_when_the_first_write_fails() throws IOException {
        Path folder = parent.resolve("dev");

        assertThatThrownBy(() -> OutputDirectory.replace(folder, List.of(new ManifestFile(TOO_LONG_FOR_THE_FILE_SYSTEM, Kind.CONFIG_MAP, "y", "y\n"))))
                .isInstanceOf(IOException.class);

        try (Stream<Path> siblings = Files.list(parent)) {
            assertThat(siblings.map(path -> path.getFileName().toString())).containsExactly(".kforge.lock");
        }
    }

    @Test
    void never_writes_outside_the_folder() throws IOException {
        Path folder = parent.resolve("dev");
        catchThrowable(() -> OutputDirectory.replace(folder, List.of(new ManifestFile("../escaped.yaml", Kind.CONFIG_MAP, "escaped", "x\n"))));

        assertThat(parent.resolve("escaped.yaml")).as("a file name must not climb out of the output folder").doesNotExist();
    }

    @Test
    void reads_nothing_from_a_missing_folder() {
        assertThat(OutputDirectory.read(parent.resolve("absent"))).isEmpty();
    }

    @Test
    void reads_files_sorted_by_name_and_ignores_sub_folders() throws IOException {
        Path folder = Files.createDirectory(parent.resolve("dev"));
        Files.writeString(folder.resolve("b.yaml"), "b\n");
        Files.writeString(folder.resolve("a.yaml"), "a\n");
        Files.createDirectory(folder.resolve("sub"));

        assertThat(OutputDirectory.read(folder)).containsExactly(Map.entry("a.yaml", "a\n"), Map.entry("b.yaml", "b\n"));
    }

    @Test
    void names_files_after_apply_order_kind_and_a_safe_form_of_the_name() {
        assertThat(ManifestFile.of(Kind.NAMESPACE, "tgr-dev", "").fileName()).isEqualTo("10-namespace-tgr-dev.yaml");
        // A name a file cannot hold as it is gets a short hash of the real name, so it cannot collide.
        assertThat(ManifestFile.of(Kind.CLUSTER_ROLE, "system:Pods Reader", "").fileName()).matches("21-clusterrole-system-pods-reader-[0-9a-f]{6}\\.yaml");
        assertThat(ManifestFile.of(Kind.CLUSTER_ROLE, "system:Pods Reader", "").fileName())
                .isNotEqualTo(ManifestFile.of(Kind.CLUSTER_ROLE, "system:pods-reader", "").fileName());
        assertThat(ManifestFile.of(Kind.DEPLOYMENT, "tgr.api", "").fileName()).isEqualTo("50-deployment-tgr.api.yaml");
        assertThat(ManifestFile.of(Kind.INGRESS, "tgr", "").fileName()).isEqualTo("60-ingress-tgr.yaml");
    }

    @Test
    void a_name_too_long_for_a_file_name_is_shortened_with_its_hash_and_written(@TempDir Path root) throws IOException {
        String longest = "a".repeat(253); // the longest name the API server takes
        String fileName = ManifestFile.of(Kind.PERSISTENT_VOLUME_CLAIM, longest, "").fileName();
        assertThat(fileName).hasSize(255).startsWith("32-persistentvolumeclaim-aaaa").matches(".*a-[0-9a-f]{6}\\.yaml");
        assertThat(fileName).isNotEqualTo(ManifestFile.of(Kind.PERSISTENT_VOLUME_CLAIM, "a".repeat(252) + "b", "").fileName());
        assertThat(ManifestFile.of(Kind.CONFIG_MAP, "a".repeat(226), "").fileName()).isEqualTo("30-configmap-" + "a".repeat(226) + ".yaml");
        Files.writeString(root.resolve(fileName), "written\n");
        assertThat(Files.readString(root.resolve(fileName))).isEqualTo("written\n");
    }

    /** The id of a process that has ended. */
    private static long endedProcess() throws IOException {
        Process process = new ProcessBuilder("true").start();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.pid();
    }

    @Test
    void clears_the_hidden_folders_a_killed_render_left() throws IOException {
        Path folder = parent.resolve("dev");
        OutputDirectory.replace(folder, List.of(configMap("a", "a\n")));
        long killed = endedProcess();
        Files.createDirectories(parent.resolve(".dev." + killed + ".new"));
        Files.writeString(parent.resolve(".dev." + killed + ".new").resolve("30-configmap-half.yaml"), "half\n");
        Files.createDirectories(parent.resolve(".dev." + killed + ".old"));
        Files.createDirectories(parent.resolve(".prod." + killed + ".new"));
        assertThat(LeftoverFolders.in(parent)).extracting(LeftoverFolders.Leftover::folder, LeftoverFolders.Leftover::previous)
                .containsExactly(tuple("dev", false), tuple("dev", true),
                        tuple("prod", false));

        OutputDirectory.replace(folder, List.of(configMap("b", "b\n")));

        // Only dev's leftovers go: prod's are cleared when prod is rendered.
        assertThat(snapshot(parent)).containsOnlyKeys("", ".kforge.lock", "dev", "dev/30-configmap-b.yaml", ".prod." + killed + ".new");
    }

    @Test
    void puts_back_the_folder_a_render_killed_between_its_two_renames_had_moved_aside() throws IOException {
        // A render moved dev aside and was killed before moving the new folder in.
        long killed = endedProcess();
        Path aside = parent.resolve(".dev." + killed + ".old");
        Files.createDirectories(aside);
        Files.writeString(aside.resolve("30-configmap-a.yaml"), "previous a\n");
        Path folder = parent.resolve("dev");

        // The next render fails too: what remains is the last complete output.
        Throwable failure = catchThrowable(() -> OutputDirectory.replace(folder,
                List.of(new ManifestFile(TOO_LONG_FOR_THE_FILE_SYSTEM, Kind.CONFIG_MAP, "c", "c\n"))));

        assertThat(failure).isInstanceOf(IOException.class);
        assertThat(snapshot(parent)).containsOnlyKeys("", ".kforge.lock", "dev", "dev/30-configmap-a.yaml");
        assertThat(OutputDirectory.read(folder)).containsExactly(Map.entry("30-configmap-a.yaml", "previous a\n"));
    }

    @Test
    void names_each_folder_it_could_not_write_with_the_reason_and_those_it_wrote() {
        Map<Path, List<ManifestFile>> folders = new LinkedHashMap<>();
        folders.put(parent.resolve("dev"), List.of(configMap("a", "a\n")));
        folders.put(parent.resolve("prod"), List.of(new ManifestFile(TOO_LONG_FOR_THE_FILE_SYSTEM, Kind.CONFIG_MAP, "c", "c\n")));

        assertThatThrownBy(() -> OutputDirectory.replaceAll(folders))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot write " + parent.resolve("prod") + ": File name too long: " + parent.resolve(".prod."))
                .hasMessageEndingWith(TOO_LONG_FOR_THE_FILE_SYSTEM + ". Written: " + parent.resolve("dev"));
    }
}
