package dev.kforge.dsl.secrets;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.output.ManifestFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets that {@code make secrets} would write with other values at the version of its previous file: applied, the Secret
 * changes but no pod template does (its checksum annotation covers the version, not the values), so the pods keep the old
 * values. The previous file already holds the values (owner-only, outside git), so they are compared as written: no digest
 * of them is stored anywhere, and only key names are ever reported.
 */
public final class ForgottenVersionBumps {
    private ForgottenVersionBumps() {
    }

    /**
     * @param environment the environment's name, as {@code make render ENV=} takes it
     * @param folder      where the previous files are, {@code secrets/<env>}
     * @param previous    the files in {@code folder} by name (empty on a first run)
     * @param built       the Secret files about to be written or printed
     * @return one line per Secret whose values changed at the same version, naming the keys, never a value
     */
    public static List<String> find(String environment, Path folder, Map<String, String> previous, List<ManifestFile> built) {
        List<String> problems = new ArrayList<>();
        for (ManifestFile file : built) {
            Optional<WrittenSecret> before = Optional.ofNullable(previous.get(file.fileName())).flatMap(WrittenSecret::read);
            WrittenSecret now = WrittenSecret.read(file.content()).orElseThrow();
            List<String> changed = before.map(now::changedAtTheSameVersionAs).orElse(List.of());
            if (!changed.isEmpty()) {
                String version = now.version().orElseThrow();
                problems.add(environment + "/" + Kind.SECRET + " " + file.name() + ": the value" + (changed.size() == 1 ? " of " : "s of ")
                        + String.join(", ", changed) + " changed but not the version (\"" + version + "\", as in " + folder.resolve(file.fileName())
                        + "). Bump it in the code, withVersion(\"" + next(version) + "\"), then make render ENV=" + environment + ".");
            }
        }
        return problems;
    }

    /** The version after a number; for any other spelling ("2024-05") the user picks one. */
    private static String next(String version) {
        return version.matches("[0-9]{1,18}") ? String.valueOf(Long.parseLong(version) + 1) : "<a new version>";
    }
}
