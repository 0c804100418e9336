package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.stack.BreakingChange;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ClaimRetention;
import dev.kforge.dsl.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The steps to run before {@code kubectl apply} for each immutable field change the stack acknowledges
 * ({@link BreakingChangesCheck} refused it until then): apply cannot change the field, so the object is deleted first,
 * but for a PersistentVolumeClaim, whose deletion takes its data. The acknowledgement is the record of the change: when
 * the command runs, out/ is the new output already, and the acknowledgement stays in the code until the change is deployed.
 * Renames and removals need no step (the prune deletes the old object), nor does a Job, whose changed content is a new
 * Job. Lines are sh: comments, and for each object a delete that runs only while the cluster's object exists with other values
 * of the acknowledged fields than out/ ({@link LiveValueGuard}), so that a pipeline may run the steps on every deploy: the
 * object is recreated once. Each of those lines ends in {@code &&}, so the apply line after them runs only when all succeeded.
 */
public final class AcknowledgedRecreations {
    private AcknowledgedRecreations() {
    }

    /**
     * The lines to print before the apply line, objects in apply order; none when nothing acknowledged needs a step. A command
     * line ends in {@code &&}: the apply line must follow.
     */
    public static List<String> steps(Stack stack, List<ManifestFile> rendered) {
        List<String> lines = new ArrayList<>();
        for (ManifestFile file : rendered) {
            List<String> fields = stack.acknowledgedChanges().stream()
                    .filter(change -> change.kind().equals(file.kind()) && change.name().equals(file.name()) && isImmutableField(change))
                    .map(BreakingChange::change).distinct().toList();
            if (!fields.isEmpty()) {
                lines.addAll(steps(file, fields, rendered));
            }
        }
        return lines;
    }

    /** Whether the acknowledged change is one of the immutable fields {@link BreakingChangesCheck} compares. */
    private static boolean isImmutableField(BreakingChange change) {
        Kind kind = change.kind();
        String field = change.change();
        if (kind.equals(Kind.DEPLOYMENT) || kind.equals(Kind.DAEMON_SET)) {
            return field.equals("spec.selector");
        }
        if (kind.equals(Kind.STATEFUL_SET)) {
            return List.of("spec.selector", "spec.serviceName", "spec.podManagementPolicy", "spec.volumeClaimTemplates").contains(field);
        }
        if (kind.equals(Kind.SERVICE)) {
            return field.equals("spec.clusterIP") || field.equals("spec.type");
        }
        if (kind.equals(Kind.PRIORITY_CLASS)) {
            return field.equals("value") || field.equals("preemptionPolicy");
        }
        if (kind.equals(Kind.ROLE_BINDING) || kind.equals(Kind.CLUSTER_ROLE_BINDING)) {
            return field.equals("roleRef");
        }
        return kind.equals(Kind.PERSISTENT_VOLUME_CLAIM) && field.startsWith("spec.");
    }

    private static List<String> steps(ManifestFile file, List<String> fields, List<ManifestFile> rendered) {
        String kind = file.kind().kind();
        String what = "# " + kind + " " + file.name() + ": " + String.join(" and ", fields) + " change" + (fields.size() == 1 ? "s" : "")
                + " (acknowledged), which kubectl apply cannot change in place";
        if (file.kind().equals(Kind.PERSISTENT_VOLUME_CLAIM)) {
            return List.of(what + ", and deleting the claim deletes its data (under the usual Delete reclaim policy), so the apply "
                    + "below fails on it. Create the new claim under another name, copy the data over, and remove this one in a later "
                    + "change; no command here deletes it.");
        }
        JsonNode object = YamlReader.tree(file.content()).orElseThrow();
        String namespace = object.at("/metadata/namespace").asText();
        String target = kind.toLowerCase(Locale.ROOT) + " " + file.name() + (namespace.isEmpty() ? "" : " -n " + namespace);
        boolean orphaned = file.kind().equals(Kind.DEPLOYMENT) || file.kind().equals(Kind.STATEFUL_SET);
        String delete = "kubectl delete " + target + (orphaned ? " --cascade=orphan" : "") + " --ignore-not-found --wait";
        String skipped = ". Skipped where the cluster has no " + kind + " " + file.name() + ", or one with out/'s "
                + String.join(" and ", fields) + " already:";
        return List.of(what + ". " + how(file, object, fields, rendered, namespace) + skipped, LiveValueGuard.line(target, object, fields, delete));
    }

    /** How the object is deleted first, and what that does to its pods and clients until the apply creates it again. */
    private static String how(ManifestFile file, JsonNode object, List<String> fields, List<ManifestFile> rendered, String namespace) {
        if (file.kind().equals(Kind.DEPLOYMENT)) {
            return "Delete it first, leaving its ReplicaSet and pods running (--cascade=orphan) until the new "
                    + "Deployment's pods are ready; then delete that ReplicaSet unless the new selector adopted it (kubectl get replicasets"
                    + " -n " + namespace + ": the old one has no owner)" + recreatedPods(file, object, fields, rendered);
        }
        if (file.kind().equals(Kind.STATEFUL_SET)) {
            String adoption = fields.contains("spec.selector")
                    ? "; pods the new selector does not match keep running under no owner, and their names block the new ones: delete "
                            + "them one at a time (kubectl delete pod " + file.name() + "-0 -n " + namespace + ", ...), and each comes back with "
                            + "its claim"
                    : "; the new StatefulSet adopts them" + (fields.contains("spec.serviceName")
                            ? ", whose DNS names stay under the old Service until kubectl rollout restart statefulset " + file.name() + " -n "
                                    + namespace + " recreates them" : "")
                            + (fields.contains("spec.volumeClaimTemplates")
                                    ? ", and existing claims keep their size and class: only pods it creates later get the new templates" : "");
            return "Delete it first, leaving its pods and their claims (--cascade=orphan)" + adoption + recreatedPods(file, object, fields, rendered);
        }
        if (file.kind().equals(Kind.DAEMON_SET)) {
            return "Delete it first; its pods go with it, so each node runs none until the new DaemonSet's pod "
                    + "starts there (orphaned ones the new selector does not match would hold their node beside the new pod)";
        }
        if (file.kind().equals(Kind.SERVICE)) {
            return "Delete it first; its clients get no answer from its name until the apply below creates it again";
        }
        if (file.kind().equals(Kind.ROLE_BINDING) || file.kind().equals(Kind.CLUSTER_ROLE_BINDING)) {
            return "Delete it first; its subjects have neither role until the apply below creates it again";
        }
        return "Delete it first; running pods keep the priority they were admitted with, and pods created before "
                + "the apply below creates it again are refused";
    }

    /**
     * What the orphaned pods meet when the workload is created again: a Service following a new selector stops sending them
     * traffic, and a workload left to an autoscaler is created without spec.replicas, so with 1 pod, scaling down what it adopts.
     */
    private static String recreatedPods(ManifestFile file, JsonNode object, List<String> fields, List<ManifestFile> rendered) {
        String kind = file.kind().kind();
        String text = "";
        List<String> services = fields.contains("spec.selector")
                ? RenderedPodTargets.servicesSelecting(object.at("/spec/template/metadata/labels"), rendered) : List.of();
        if (!services.isEmpty()) {
            text += ". " + (services.size() == 1 ? "Service " : "Services ") + String.join(", ", services) + " follow"
                    + (services.size() == 1 ? "s" : "") + " the new selector: old pods it does not match get none of its traffic, and it "
                    + "has no ready pod until the new ones are";
        }
        List<String> autoscalers = object.at("/spec/replicas").isMissingNode()
                ? RenderedPodTargets.autoscalersOf(kind, file.name(), rendered) : List.of();
        if (autoscalers.isEmpty()) {
            return text;
        }
        String namespace = object.at("/metadata/namespace").asText();
        text += ". The new " + kind + " has no spec.replicas (autoscaler " + autoscalers.get(0) + " sets it), so it starts with 1 pod, and ";
        if (file.kind().equals(Kind.DEPLOYMENT)) {
            return text + "scales a ReplicaSet it adopts down to that, until the autoscaler raises it to its minimum: delete the old "
                    + "ReplicaSet only once kubectl get deployment " + file.name() + " -n " + namespace + " shows that many ready";
        }
        boolean claimsGo = object.at("/spec/persistentVolumeClaimRetentionPolicy/whenScaled").asText().equals(ClaimRetention.DELETE.apiValue());
        return text + "deletes the pods it adopts above " + file.name() + "-0" + (claimsGo
                ? ", and their claims with their data (whenScaled: Delete), until the autoscaler raises it to its minimum: make whenScaled "
                        + "Retain (withClaimRetention) in an earlier deploy"
                : " (their claims stay), until the autoscaler raises it to its minimum");
    }
}
