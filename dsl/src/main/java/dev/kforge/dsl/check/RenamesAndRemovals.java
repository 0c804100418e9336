package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.workload.JobDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The committed objects the render no longer has: renamed (one of a kind gone while another appears) or removed. */
final class RenamesAndRemovals {
    private static final String OLD_PODS_READ_IT = "whose committed pods read it: an old pod that restarts or is recreated before the "
            + "rollout ends cannot start without it";

    private RenamesAndRemovals() {
    }

    /**
     * @param committed       the committed files of the environment, by file name
     * @param before          the committed objects whose files the render changes or drops, by file name
     * @param renderedContent the rendered files' contents, by file name
     * @param rendered        the files the code renders now
     */
    static void report(BreakingChangeReporter reporter, Map<String, String> committed, Map<String, JsonNode> before,
                       Map<String, String> renderedContent, List<ManifestFile> rendered) {
        // What disappeared and what appeared, by kind: one of each is a rename; anything else is removals.
        Map<String, List<JsonNode>> removed = removedByKind(before, renderedContent, rendered);
        removed.forEach((kind, olds) -> {
            List<String> added = rendered.stream()
                    .filter(file -> file.kind().kind().equals(kind) && !committed.containsKey(file.fileName()))
                    .map(ManifestFile::name).distinct().toList(); // a name defined twice is reported on its own
            // A Job is deleted and created whenever it changes (its name has its hash): a new name is just a new Job.
            if (olds.size() == 1 && added.size() == 1 && !kind.equals(Kind.JOB.kind())) {
                String name = nameOf(olds.get(0));
                // A renamed ConfigMap is a removed one to the pods that read it: the prune races their rollout the same way.
                String readers = kind.equals(Kind.CONFIG_MAP.kind())
                        ? String.join(", ", CommittedConfigReaders.of(name, before, renderedContent)) : "";
                reporter.reportAt(added.get(0), Severity.ERROR, BreakingChangeReporter.RENAME, kind, name, "rename to " + added.get(0),
                        "would be renamed to " + added.get(0) + ": the old object is deleted and a new one created"
                                + (readers.isEmpty() ? RenameConsequence.of(kind, olds.get(0), added.get(0), rendered)
                                        : "; a pruning pipeline deletes it in the same apply that rolls out " + readers + ", " + OLD_PODS_READ_IT),
                        name + " -> " + added.get(0), "Keep the name, or "
                                + (readers.isEmpty() ? "" : "keep " + name + " beside " + added.get(0) + " one release longer, until no running "
                                        + "pod reads it, or ")
                                + "acknowledge with BreakingChange.rename(" + KindConstants.of(kind) + ", \"" + name + "\", \""
                                + added.get(0) + "\", \"<how the rollout handles it>\").");
                return;
            }
            boolean lastOfCustomKind = rendered.stream().noneMatch(file -> file.kind().kind().equals(kind))
                    && RemovalConsequence.isCustomResource(olds.get(0));
            for (JsonNode old : olds) {
                // A Job is acknowledged by the name it is defined with: its object name has the hash of a version.
                String name = kind.equals(Kind.JOB.kind()) ? JobDef.givenName(nameOf(old)) : nameOf(old);
                // A claim's removal deletes a disk, as does that of a StatefulSet whose claims go with it: removals that lose data.
                Severity severity = kind.equals(Kind.PERSISTENT_VOLUME_CLAIM.kind()) || RemovalConsequence.deletesClaims(old)
                        ? Severity.ERROR : Severity.WARNING;
                String acknowledge = "acknowledge it with BreakingChange.removal(" + KindConstants.of(kind) + ", \"" + name + "\", \"<why>\").";
                List<String> readers = kind.equals(Kind.CONFIG_MAP.kind()) ? CommittedConfigReaders.of(name, before, renderedContent) : List.of();
                if (!readers.isEmpty()) {
                    // The prune and the rollout are one apply: until replaced, an old pod that restarts finds the ConfigMap gone.
                    reporter.report(severity, BreakingChangeReporter.REMOVAL, kind, name, "removal",
                            "is no longer defined; a pruning pipeline deletes it from the "
                                    + "cluster in the same apply that rolls out " + String.join(", ", readers) + ", " + OLD_PODS_READ_IT, "was committed",
                            "Keep it one release longer, until no running pod reads it. If removing it now is intended, " + acknowledge);
                    continue;
                }
                reporter.report(severity, BreakingChangeReporter.REMOVAL, kind, name, "removal",
                        "is no longer defined; " + RemovalConsequence.of(kind, name, old, lastOfCustomKind), "was committed", "If that is intended, " + acknowledge);
            }
        });
    }

    /**
     * The committed objects no longer rendered, by kind. A file of an object still rendered under another file name
     * (a backup copy, x.yaml.orig) removes nothing: make check reports it as extra.
     */
    private static Map<String, List<JsonNode>> removedByKind(Map<String, JsonNode> before, Map<String, String> renderedContent,
                                                             List<ManifestFile> rendered) {
        Set<String> renderedObjects = rendered.stream().map(file -> file.kind().kind() + "/" + file.name()).collect(Collectors.toSet());
        Map<String, List<JsonNode>> removed = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>(renderedObjects);
        before.forEach((fileName, old) -> {
            String kind = old.path("kind").asText();
            String name = kind.equals(Kind.JOB.kind()) ? JobDef.givenName(nameOf(old)) : nameOf(old);
            // seen.add: an object gone is one removal, however many copies of its file there were.
            if (!renderedContent.containsKey(fileName) && seen.add(kind + "/" + name)) {
                removed.computeIfAbsent(kind, ofKind -> new ArrayList<>()).add(old);
            }
        });
        return removed;
    }

    private static String nameOf(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }
}
