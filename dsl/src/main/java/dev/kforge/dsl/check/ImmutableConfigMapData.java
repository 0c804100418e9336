package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.output.ManifestFile;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The data of a ConfigMap made {@code immutable} by a raw edit, and that flag. */
final class ImmutableConfigMapData {
    private ImmutableConfigMapData() {
    }

    /**
     * A ConfigMap created with {@code immutable: true} (a raw edit) keeps its data and that flag: the API server refuses any other
     * ("field is immutable when `immutable` is set"). A new name is the way: the workloads roll to it, the prune takes the old one.
     */
    static void report(BreakingChangeReporter reporter, ManifestFile file, JsonNode old, JsonNode now) {
        if (!old.path("immutable").asBoolean(false)) {
            return;
        }
        Set<String> changed = new TreeSet<>();
        for (String section : List.of("data", "binaryData")) {
            Set<String> keys = new TreeSet<>();
            old.path(section).fieldNames().forEachRemaining(keys::add);
            now.path(section).fieldNames().forEachRemaining(keys::add);
            keys.stream().filter(key -> !old.path(section).path(key).equals(now.path(section).path(key))).forEach(changed::add);
        }
        if (!now.path("immutable").asBoolean(false)) {
            changed.add("immutable");
        }
        if (changed.isEmpty()) {
            return;
        }
        String name = file.name();
        reporter.report(Severity.ERROR, BreakingChangeReporter.IMMUTABLE, file.kind().kind(), name, "data",
                "data would change, and the API server refuses to "
                        + "change the data of a ConfigMap created with immutable: true", String.join(", ", changed),
                "Keep it, or put the new data under a new name and point the workloads at it (they roll to it; the old one is pruned in "
                        + "the same apply: acknowledge with BreakingChange.rename(Kind.CONFIG_MAP, \"" + name + "\", \"<new name>\", \"<why>\")).");
    }
}
