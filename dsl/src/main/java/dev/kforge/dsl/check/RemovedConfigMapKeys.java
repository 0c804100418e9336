package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.output.ManifestFile;
import java.util.List;
import java.util.Map;

/** The keys a rendered ConfigMap drops while committed pods rolled out in the same apply read them by name. */
final class RemovedConfigMapKeys {
    private RemovedConfigMapKeys() {
    }

    /**
     * A key gone from a ConfigMap that the committed pods of a workload rolled out in the same apply read by name: the new
     * ConfigMap is applied before them, so until replaced an old pod that restarts cannot start, nor can a rollback to them.
     * A warning, as for the ConfigMap's removal; it holds for one render, so there is nothing to acknowledge.
     */
    static void report(BreakingChangeReporter reporter, ManifestFile file, JsonNode old, JsonNode now,
                              Map<String, JsonNode> before, Map<String, String> rendered) {
        for (String section : List.of("data", "binaryData")) {
            for (String key : (Iterable<String>) old.path(section)::fieldNames) {
                if (!now.path("data").has(key) && !now.path("binaryData").has(key)) {
                    List<String> readers = CommittedConfigReaders.ofKey(file.name(), key, before, rendered);
                    if (!readers.isEmpty()) {
                        reporter.report(Severity.WARNING, BreakingChangeReporter.REMOVAL, file.kind().kind(), file.name(), "key " + key,
                                "key " + key
                                        + " is no longer defined, and the same apply rolls out " + String.join(", ", readers) + ", whose committed "
                                        + "pods read it by name: an old pod that restarts or is recreated before the rollout ends cannot start "
                                        + "without it, nor can the old pods that kubectl rollout undo brings back", key,
                                "Keep the key one release longer, until no running pod reads it.");
                    }
                }
            }
        }
    }
}
