package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.output.ManifestFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** A StatefulSet's {@code spec.volumeClaimTemplates}, which neither an apply nor a recreation changes for existing claims. */
final class ClaimTemplateChanges {
    private ClaimTemplateChanges() {
    }

    /**
     * A StatefulSet's claim templates cannot change in place, and recreating it changes no existing disk: each pod keeps
     * its claim, made from the old template. The fix differs from other immutable fields, so the hint says how.
     */
    static void report(BreakingChangeReporter reporter, ManifestFile file, JsonNode old, JsonNode now) {
        if (Objects.equals(old, now)) {
            return;
        }
        List<String> changes = new ArrayList<>();
        for (JsonNode template : now) {
            String claim = template.at("/metadata/name").asText();
            JsonNode before = null;
            for (JsonNode candidate : old) {
                if (candidate.at("/metadata/name").asText().equals(claim)) {
                    before = candidate;
                }
            }
            if (before == null) {
                changes.add(claim + " added");
            } else if (!before.equals(template)) {
                changes.add(claim + (before.at("/spec").equals(template.at("/spec")) ? " metadata changed"
                        : " spec changed (" + String.join(", ", specChanges(before.at("/spec"), template.at("/spec"))) + ")"));
            }
        }
        for (JsonNode template : old) {
            String claim = template.at("/metadata/name").asText();
            boolean kept = false;
            for (JsonNode candidate : now) {
                kept |= candidate.at("/metadata/name").asText().equals(claim);
            }
            if (!kept) {
                changes.add(claim + " removed");
            }
        }
        String name = file.name();
        reporter.report(Severity.ERROR, BreakingChangeReporter.IMMUTABLE, file.kind().kind(), name, "spec.volumeClaimTemplates",
                "spec.volumeClaimTemplates would change, and the API server refuses to change a StatefulSet's claim templates",
                String.join(", ", changes), "Keep them. Recreating the StatefulSet (kubectl delete statefulset " + name + " --cascade=orphan, then "
                        + "apply) changes only the claims of pods it creates later: each existing claim keeps its size and class (grow one "
                        + "with kubectl edit pvc where its class allows expansion; a smaller disk needs a new claim and a copy of the data). "
                        + "Then acknowledge with BreakingChange.immutableField(Kind.STATEFUL_SET, \"" + name
                        + "\", \"spec.volumeClaimTemplates\", \"<how existing claims are handled>\").");
    }

    /** The fields of a claim template's spec that differ, with their values: {@code storageClassName ssd -> fast}, {@code storage 10Gi -> 20Gi}. */
    private static List<String> specChanges(JsonNode old, JsonNode now) {
        Set<String> fields = new TreeSet<>();
        old.fieldNames().forEachRemaining(fields::add);
        now.fieldNames().forEachRemaining(fields::add);
        List<String> changes = new ArrayList<>();
        for (String field : fields) {
            JsonNode before = old.path(field);
            JsonNode after = now.path(field);
            if (before.equals(after)) {
                continue;
            }
            JsonNode storageBefore = before.at("/requests/storage");
            JsonNode storageAfter = after.at("/requests/storage");
            if (field.equals("resources") && !storageBefore.equals(storageAfter)) {
                changes.add("storage " + BreakingChangeReporter.text(storageBefore) + " -> " + BreakingChangeReporter.text(storageAfter));
            } else {
                changes.add(field + " " + BreakingChangeReporter.text(before) + " -> " + BreakingChangeReporter.text(after));
            }
        }
        return changes;
    }
}
