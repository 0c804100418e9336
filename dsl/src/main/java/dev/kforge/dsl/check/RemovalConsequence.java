package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.Scope;
import dev.kforge.dsl.workload.ClaimRetention;

/** What removing an object does to the cluster: the data that goes with it, or the manual delete a prune leaves to do. */
final class RemovalConsequence {
    private RemovalConsequence() {
    }

    /** What removing the object does to the cluster. */
    static String of(String kind, String name, JsonNode old, boolean lastOfCustomKind) {
        if (lastOfCustomKind) {
            // make apply-command lists only the custom kinds in use: kubectl refuses kinds a cluster lacks.
            String apiVersion = old.path("apiVersion").asText();
            String group = apiVersion.contains("/") ? "." + apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String namespace = old.path("metadata").path("namespace").asText();
            return "no other " + kind + " is, so a pruning apply (make apply-command) no longer lists its kind and leaves it in the "
                    + "cluster: delete it by hand, kubectl delete " + kind.toLowerCase(java.util.Locale.ROOT) + group + " " + name
                    + (namespace.isEmpty() ? "" : " -n " + namespace);
        }
        String consequence = "a pruning pipeline deletes it from the cluster";
        if (kind.equals(Kind.PERSISTENT_VOLUME_CLAIM.kind())) {
            return consequence + ", and with it the disk's data under the usual Delete reclaim policy";
        }
        if (deletesClaims(old)) {
            return consequence + ", and with it the claims of its pods and their data (persistentVolumeClaimRetentionPolicy whenDeleted: Delete)";
        }
        // Without its autoscaler a workload goes back to its fixed count; an autoscaler left behind keeps overriding it.
        return kind.equals(Kind.HORIZONTAL_POD_AUTOSCALER.kind())
                ? consequence + "; the " + old.at("/spec/scaleTargetRef/kind").asText("workload") + " it scaled goes back to its fixed "
                        + "replicas, so prune it in the same apply (make apply-command)"
                : consequence;
    }

    /** Whether the committed object is a StatefulSet with claim templates whose claims the controller deletes with it. */
    static boolean deletesClaims(JsonNode old) {
        return old.path("kind").asText().equals(Kind.STATEFUL_SET.kind())
                && old.at("/spec/persistentVolumeClaimRetentionPolicy/whenDeleted").asText().equals(ClaimRetention.DELETE.apiValue())
                && !old.at("/spec/volumeClaimTemplates").isEmpty();
    }

    /** Whether the committed object is a custom resource, judged by its apiVersion's group. */
    static boolean isCustomResource(JsonNode old) {
        return new Kind(old.path("apiVersion").asText(), old.path("kind").asText(), Scope.NAMESPACED, 0, Names.Rule.PATH_SEGMENT)
                .isCustomResource();
    }
}
