package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.yaml.YamlReader;
import java.util.List;

/** What renaming an object does beyond deleting the old one and creating the new, for the kinds where that matters. */
final class RenameConsequence {
    private RenameConsequence() {
    }

    /** What a rename does beyond deleting and creating the object. */
    static String of(String kind, JsonNode old, String newName, List<ManifestFile> rendered) {
        if (kind.equals(Kind.NAMESPACE.kind())) {
            // Pruning the old Namespace takes with it what no file of out/ names, and kubectl prune cannot say so.
            return "; deleting a Namespace deletes everything in it, also what out/ does not hold: the Secrets make secrets or an "
                    + "operator wrote (the new one needs them before its pods start), PersistentVolumeClaims with their data under the "
                    + "usual Delete reclaim policy, and the running pods";
        }
        if (kind.equals(Kind.STATEFUL_SET.kind())) {
            return ", whose pods claim new, empty disks (claims are named <claim>-<statefulset>-<n>) while the old ones "
                    + (RemovalConsequence.deletesClaims(old) ? "are deleted with it, and their data (whenDeleted: Delete)" : "stay behind")
                    + workloadRenameConsequence(kind, old, newName, rendered);
        }
        if (kind.equals(Kind.DEPLOYMENT.kind()) || kind.equals(Kind.DAEMON_SET.kind())) {
            return workloadRenameConsequence(kind, old, newName, rendered);
        }
        return kind.equals(Kind.PERSISTENT_VOLUME_CLAIM.kind())
                ? ": a new, empty disk, while the old claim (pruned: with its data, under the usual Delete reclaim policy) goes" : "";
    }

    /**
     * A workload's pods carry its name as their name label, so a rename changes them. The Services selecting the new pods
     * but not the old are applied first (40- files before 50-) and have no ready pod until the new ones are; a workload left
     * to an autoscaler is created without spec.replicas, so with 1 pod, while pruning deletes the old one's pods.
     */
    private static String workloadRenameConsequence(String kind, JsonNode old, String newName, List<ManifestFile> rendered) {
        JsonNode now = rendered.stream().filter(file -> file.kind().kind().equals(kind) && file.name().equals(newName))
                .findFirst().flatMap(file -> YamlReader.tree(file.content())).orElse(MissingNode.getInstance());
        JsonNode oldPods = old.at("/spec/template/metadata/labels");
        List<String> selectingOld = RenderedPodTargets.servicesSelecting(oldPods, rendered);
        List<String> services = RenderedPodTargets.servicesSelecting(now.at("/spec/template/metadata/labels"), rendered).stream()
                .filter(service -> !selectingOld.contains(service)).toList();
        List<String> autoscalers = now.at("/spec/replicas").isMissingNode()
                ? RenderedPodTargets.autoscalersOf(kind, newName, rendered) : List.of();
        String consequence = "";
        if (!services.isEmpty()) {
            consequence += "; the name label of its pods changes with it, so " + (services.size() == 1 ? "Service " : "Services ")
                    + String.join(", ", services) + ", applied before the " + kind + ", select" + (services.size() == 1 ? "s" : "")
                    + " none of the running pods until the new ones are ready";
        }
        if (!autoscalers.isEmpty()) {
            consequence += (consequence.isEmpty() ? "; " : ", and ") + "the new " + kind + " starts with 1 pod until autoscaler "
                    + autoscalers.get(0) + " scales it up";
        }
        return consequence;
    }
}
