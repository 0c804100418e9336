package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.Origin;
import dev.kforge.dsl.core.Scope;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.stack.BreakingChange;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ClaimRetention;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.yaml.YamlReader;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares what the code renders with the committed output and reports the changes that
 * {@code kubectl apply} cannot make in place, unless the stack acknowledges them:
 * <ul>
 *   <li>a Deployment's {@code spec.selector} (immutable), a Service's {@code spec.clusterIP}, or a
 *       Service's type to or from ExternalName: error;</li>
 *   <li>a Deployment's {@code spec.replicas} above 1 left out (handed to an autoscaler): client-side
 *       {@code kubectl apply} then deletes the field and the Deployment falls to 1 pod until the
 *       autoscaler scales it up again: error;</li>
 *   <li>a PersistentVolumeClaim's storage class, access modes or volume mode, or a smaller size: error;</li>
 *   <li>a PriorityClass's value or preemption policy: error;</li>
 *   <li>a RoleBinding's or ClusterRoleBinding's role ({@code roleRef}): error;</li>
 *   <li>the data of a ConfigMap made {@code immutable} by a raw edit, or that flag: error;</li>
 *   <li>the Secret type of an ExternalSecret or SealedSecret, which its operator cannot give the Secret it wrote: error;</li>
 *   <li>an object renamed (one of a kind disappears while another of that kind appears): error, but for
 *       a Job, whose name changes with its content anyway; the message says what else goes (a Namespace's
 *       contents, the pods a Service selects, an autoscaled workload's pods but one);</li>
 *   <li>an object removed (a pruning pipeline deletes it): warning; error for a PersistentVolumeClaim,
 *       whose disk usually goes with it, and for a StatefulSet whose claims are deleted with it; a ConfigMap's names the
 *       workloads rolled out in the same apply whose old pods read it;</li>
 *   <li>a ConfigMap key removed while such old pods read it by name (an env reference, a volume item): warning;</li>
 *   <li>an acknowledgement that matches no change: warning, so stale ones get removed.</li>
 * </ul>
 */
public final class BreakingChangesCheck {
    static final String IMMUTABLE = "immutable-field";
    static final String RENAME = "rename";
    static final String REMOVAL = "removal";
    static final String STALE_ACKNOWLEDGEMENT = "stale-acknowledgement";
    static final String REPLICAS_HANDOVER = "replicas-handover";
    private static final String OLD_PODS_READ_IT = "whose committed pods read it: an old pod that restarts or is recreated before the "
            + "rollout ends cannot start without it";

    /** How a claim gets what it cannot be changed to without losing its data. */
    private static final String NEW_CLAIM_BESIDE = "add a claim under a new name beside this one, move the data, and remove this one in a "
            + "later change (acknowledged with BreakingChange.removal); a rename would prune this one, and its data, in the same apply.";
    /** The hint for a claim's immutable field: recreating a claim, the other kinds' way, deletes its data. */
    private static final String KEEP_CLAIM = "Keep it: deleting the claim to recreate it deletes its data (under the usual Delete reclaim "
            + "policy). For another class or access mode, " + NEW_CLAIM_BESIDE + " An acknowledged change renders, but kubectl apply "
            + "refuses it while the old claim exists.";

    private BreakingChangesCheck() {
    }

    /**
     * @param committed the committed files of the environment, by file name (empty on a first render)
     * @param rendered  the files the code renders now
     */
    public static void check(Stack stack, Map<String, String> committed, List<ManifestFile> rendered, Problems problems) {
        if (committed.isEmpty()) {
            // A first render breaks nothing; every acknowledged change is stale.
            reportStaleAcknowledgements(stack, List.of(), problems);
            return;
        }
        // Files whose bytes did not change cannot break anything: only the others are parsed. Files are
        // matched by file name, which comes from the definition's name (a Job's object name has a hash).
        Map<String, String> renderedContent = new LinkedHashMap<>();
        rendered.forEach(file -> renderedContent.put(file.fileName(), file.content()));
        Map<String, JsonNode> before = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : committed.entrySet()) {
            if (file.getValue().equals(renderedContent.get(file.getKey()))) {
                continue;
            }
            JsonNode tree = parse(file.getValue());
            if (tree.path("kind").asText().isEmpty() || tree.path("metadata").path("name").asText().isEmpty()) {
                continue; // not an object kforge wrote (a stray or broken file): make check reports it as extra or changed
            }
            before.put(file.getKey(), tree);
        }
        List<BreakingChange> used = new ArrayList<>();
        Reporter reporter = new Reporter(stack, problems, used);

        // Two objects of one kind and name (the duplicate-name check's error) would each be compared with the one committed.
        Map<String, Long> renderedTimes = rendered.stream().collect(Collectors.groupingBy(ManifestFile::fileName, Collectors.counting()));
        for (ManifestFile file : rendered) {
            JsonNode old = before.get(file.fileName());
            if (old != null && renderedTimes.get(file.fileName()) == 1) {
                compareImmutableFields(reporter, file, old, parse(file.content()));
                if (file.kind().equals(Kind.CONFIG_MAP)) {
                    reportRemovedKeysReadByName(reporter, file, old, parse(file.content()), before, renderedContent);
                }
            }
        }
        // What disappeared and what appeared, by kind: one of each is a rename; anything else is removals. A file
        // of an object still rendered under another file name (a backup copy, x.yaml.orig) removes nothing: make
        // check reports it as extra.
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
                reporter.reportAt(added.get(0), Severity.ERROR, RENAME, kind, name, "rename to " + added.get(0),
                        "would be renamed to " + added.get(0) + ": the old object is deleted and a new one created"
                                + (readers.isEmpty() ? renameConsequence(kind, olds.get(0), added.get(0), rendered)
                                        : "; a pruning pipeline deletes it in the same apply that rolls out " + readers + ", " + OLD_PODS_READ_IT),
                        name + " -> " + added.get(0), "Keep the name, or "
                                + (readers.isEmpty() ? "" : "keep " + name + " beside " + added.get(0) + " one release longer, until no running "
                                        + "pod reads it, or ")
                                + "acknowledge with BreakingChange.rename(" + KindConstants.of(kind) + ", \"" + name + "\", \""
                                + added.get(0) + "\", \"<how the rollout handles it>\").");
                return;
            }
            boolean lastOfCustomKind = rendered.stream().noneMatch(file -> file.kind().kind().equals(kind)) && isCustomResource(olds.get(0));
            for (JsonNode old : olds) {
                // A Job is acknowledged by the name it is defined with: its object name has the hash of a version.
                String name = kind.equals(Kind.JOB.kind()) ? JobDef.givenName(nameOf(old)) : nameOf(old);
                // A claim's removal deletes a disk, as does that of a StatefulSet whose claims go with it: removals that lose data.
                Severity severity = kind.equals(Kind.PERSISTENT_VOLUME_CLAIM.kind()) || deletesClaims(old) ? Severity.ERROR : Severity.WARNING;
                String acknowledge = "acknowledge it with BreakingChange.removal(" + KindConstants.of(kind) + ", \"" + name + "\", \"<why>\").";
                List<String> readers = kind.equals(Kind.CONFIG_MAP.kind()) ? CommittedConfigReaders.of(name, before, renderedContent) : List.of();
                if (!readers.isEmpty()) {
                    // The prune and the rollout are one apply: until replaced, an old pod that restarts finds the ConfigMap gone.
                    reporter.report(severity, REMOVAL, kind, name, "removal", "is no longer defined; a pruning pipeline deletes it from the "
                                    + "cluster in the same apply that rolls out " + String.join(", ", readers) + ", " + OLD_PODS_READ_IT, "was committed",
                            "Keep it one release longer, until no running pod reads it. If removing it now is intended, " + acknowledge);
                    continue;
                }
                reporter.report(severity, REMOVAL, kind, name, "removal", "is no longer defined; " + removalConsequence(kind, name, old,
                                lastOfCustomKind), "was committed", "If that is intended, " + acknowledge);
            }
        });
        reportStaleAcknowledgements(stack, used, problems);
    }

    /**
     * A key gone from a ConfigMap that the committed pods of a workload rolled out in the same apply read by name: the new
     * ConfigMap is applied before them, so until replaced an old pod that restarts cannot start, nor can a rollback to them.
     * A warning, as for the ConfigMap's removal; it holds for one render, so there is nothing to acknowledge.
     */
    private static void reportRemovedKeysReadByName(Reporter reporter, ManifestFile file, JsonNode old, JsonNode now,
                                                    Map<String, JsonNode> before, Map<String, String> rendered) {
        for (String section : List.of("data", "binaryData")) {
            for (String key : (Iterable<String>) old.path(section)::fieldNames) {
                if (!now.path("data").has(key) && !now.path("binaryData").has(key)) {
                    List<String> readers = CommittedConfigReaders.ofKey(file.name(), key, before, rendered);
                    if (!readers.isEmpty()) {
                        reporter.report(Severity.WARNING, REMOVAL, file.kind().kind(), file.name(), "key " + key, "key " + key
                                        + " is no longer defined, and the same apply rolls out " + String.join(", ", readers) + ", whose committed "
                                        + "pods read it by name: an old pod that restarts or is recreated before the rollout ends cannot start "
                                        + "without it, nor can the old pods that kubectl rollout undo brings back", key,
                                "Keep the key one release longer, until no running pod reads it.");
                    }
                }
            }
        }
    }

    /** Whether the committed object is a StatefulSet with claim templates whose claims the controller deletes with it. */
    private static boolean deletesClaims(JsonNode old) {
        return old.path("kind").asText().equals(Kind.STATEFUL_SET.kind())
                && old.at("/spec/persistentVolumeClaimRetentionPolicy/whenDeleted").asText().equals(ClaimRetention.DELETE.apiValue())
                && !old.at("/spec/volumeClaimTemplates").isEmpty();
    }

    /** What a rename does beyond deleting and creating the object. */
    private static String renameConsequence(String kind, JsonNode old, String newName, List<ManifestFile> rendered) {
        if (kind.equals(Kind.NAMESPACE.kind())) {
            // Pruning the old Namespace takes with it what no file of out/ names, and kubectl prune cannot say so.
            return "; deleting a Namespace deletes everything in it, also what out/ does not hold: the Secrets make secrets or an "
                    + "operator wrote (the new one needs them before its pods start), PersistentVolumeClaims with their data under the "
                    + "usual Delete reclaim policy, and the running pods";
        }
        if (kind.equals(Kind.STATEFUL_SET.kind())) {
            return ", whose pods claim new, empty disks (claims are named <claim>-<statefulset>-<n>) while the old ones "
                    + (deletesClaims(old) ? "are deleted with it, and their data (whenDeleted: Delete)" : "stay behind")
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
                .map(file -> parse(file.content())).findFirst().orElse(MissingNode.getInstance());
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

    /** What removing the object does to the cluster. */
    private static String removalConsequence(String kind, String name, JsonNode old, boolean lastOfCustomKind) {
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

    /** Whether the committed object is a custom resource, judged by its apiVersion's group. */
    private static boolean isCustomResource(JsonNode old) {
        return new Kind(old.path("apiVersion").asText(), old.path("kind").asText(), Scope.NAMESPACED, 0, Names.Rule.PATH_SEGMENT)
                .isCustomResource();
    }

    private static void reportStaleAcknowledgements(Stack stack, List<BreakingChange> used, Problems problems) {
        for (BreakingChange acknowledged : stack.acknowledgedChanges()) {
            if (used.stream().noneMatch(acknowledged::equals)) {
                problems.add(new Problem(STALE_ACKNOWLEDGEMENT, Severity.WARNING, stack.describe(),
                        acknowledged.kind() + " " + acknowledged.name(), "acknowledged change \"" + acknowledged.change()
                        + "\" does not happen against the committed output", "", "Remove the acknowledgement once the change is committed (one of an immutable field once it is deployed: until then "
                                + "make apply-command prints the delete it needs); a definition shared by several environments "
                                + "acknowledges it only for those where it happens.", stack.origin()));
            }
        }
    }

    private static void compareImmutableFields(Reporter reporter, ManifestFile file, JsonNode old, JsonNode now) {
        String kind = file.kind().kind();
        if (file.kind().equals(Kind.DAEMON_SET)) {
            reporter.changed(kind, file.name(), "spec.selector", old.at("/spec/selector"), now.at("/spec/selector"));
        } else if (file.kind().equals(Kind.DEPLOYMENT)) {
            reporter.changed(kind, file.name(), "spec.selector", old.at("/spec/selector"), now.at("/spec/selector"));
            reportReplicasHandover(reporter, file, old, now);
        } else if (file.kind().equals(Kind.STATEFUL_SET)) {
            // The API server changes a StatefulSet's replicas, template, update strategy, retention and minReadySeconds only.
            for (String field : List.of("selector", "serviceName", "podManagementPolicy")) {
                reporter.changed(kind, file.name(), "spec." + field, old.at("/spec/" + field), now.at("/spec/" + field));
            }
            reportClaimTemplates(reporter, file, old.at("/spec/volumeClaimTemplates"), now.at("/spec/volumeClaimTemplates"));
            reportReplicasHandover(reporter, file, old, now);
        } else if (file.kind().equals(Kind.PERSISTENT_VOLUME_CLAIM)) {
            // The API server lets a bound claim grow (when its class allows expansion), nothing else.
            Set<String> fields = new TreeSet<>();
            old.path("spec").fieldNames().forEachRemaining(fields::add);
            now.path("spec").fieldNames().forEachRemaining(fields::add);
            fields.remove("resources");
            for (String field : fields) {
                JsonNode before = old.at("/spec/" + field);
                JsonNode after = now.at("/spec/" + field);
                if (field.equals("volumeMode") && volumeMode(before).equals(volumeMode(after))) {
                    continue;
                }
                reporter.changed(kind, file.name(), "spec." + field, before, after, KEEP_CLAIM);
            }
            reporter.changed(kind, file.name(), "spec.resources.limits", old.at("/spec/resources/limits"), now.at("/spec/resources/limits"),
                    KEEP_CLAIM);
            reportShrink(reporter, file, old.at("/spec/resources/requests/storage"), now.at("/spec/resources/requests/storage"));
        } else if (file.kind().equals(Kind.PRIORITY_CLASS)) {
            // The API server changes a PriorityClass's description only: its value and preemption policy are fixed when created.
            reporter.changed(kind, file.name(), "value", old.at("/value"), now.at("/value"));
            reporter.changed(kind, file.name(), "preemptionPolicy", old.at("/preemptionPolicy"), now.at("/preemptionPolicy"));
        } else if (file.kind().equals(Kind.CONFIG_MAP)) {
            reportImmutableData(reporter, file, old, now);
        } else if (file.kind().equals(Kind.EXTERNAL_SECRET)) {
            reportSecretType(reporter, file, "spec.target.template.type", old, now, "");
        } else if (file.kind().equals(Kind.SEALED_SECRET)) {
            reportSecretType(reporter, file, "spec.template.type", old, now, ", its values sealed again for that name (kubeseal --name <new name>)");
        } else if (file.kind().equals(Kind.ROLE_BINDING) || file.kind().equals(Kind.CLUSTER_ROLE_BINDING)) {
            reportRoleChange(reporter, file, old.path("roleRef"), now.path("roleRef"));
        } else if (file.kind().equals(Kind.SERVICE)) {
            reporter.changed(kind, file.name(), "spec.clusterIP", old.at("/spec/clusterIP"), now.at("/spec/clusterIP"));
            boolean wasAlias = old.at("/spec/type").asText().equals("ExternalName");
            boolean isAlias = now.at("/spec/type").asText().equals("ExternalName");
            if (wasAlias != isAlias) {
                reporter.changed(kind, file.name(), "spec.type", old.at("/spec/type"), now.at("/spec/type"));
            }
        }
    }

    /**
     * A StatefulSet's claim templates cannot change in place, and recreating it changes no existing disk: each pod keeps
     * its claim, made from the old template. The fix differs from other immutable fields, so the hint says how.
     */
    private static void reportClaimTemplates(Reporter reporter, ManifestFile file, JsonNode old, JsonNode now) {
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
        reporter.report(Severity.ERROR, IMMUTABLE, file.kind().kind(), name, "spec.volumeClaimTemplates",
                "spec.volumeClaimTemplates would change, and the API server refuses to change a StatefulSet's claim templates",
                String.join(", ", changes), "Keep them. Recreating the StatefulSet (kubectl delete statefulset " + name + " --cascade=orphan, then "
                        + "apply) changes only the claims of pods it creates later: each existing claim keeps its size and class (grow one "
                        + "with kubectl edit pvc where its class allows expansion; a smaller disk needs a new claim and a copy of the data). "
                        + "Then acknowledge with BreakingChange.immutableField(Kind.STATEFUL_SET, \"" + name
                        + "\", \"spec.volumeClaimTemplates\", \"<how existing claims are handled>\").");
    }

    /**
     * A ConfigMap created with {@code immutable: true} (a raw edit) keeps its data and that flag: the API server refuses any other
     * ("field is immutable when `immutable` is set"). A new name is the way: the workloads roll to it, the prune takes the old one.
     */
    private static void reportImmutableData(Reporter reporter, ManifestFile file, JsonNode old, JsonNode now) {
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
        reporter.report(Severity.ERROR, IMMUTABLE, file.kind().kind(), name, "data", "data would change, and the API server refuses to "
                        + "change the data of a ConfigMap created with immutable: true", String.join(", ", changed),
                "Keep it, or put the new data under a new name and point the workloads at it (they roll to it; the old one is pruned in "
                        + "the same apply: acknowledge with BreakingChange.rename(Kind.CONFIG_MAP, \"" + name + "\", \"<new name>\", \"<why>\")).");
    }

    /**
     * The API server refuses to change a Secret's type ("type: field is immutable"). The apply of the operator's resource
     * succeeds, but the operator only updates the Secret it wrote, which fails: the Secret keeps its old type and values.
     */
    private static void reportSecretType(Reporter reporter, ManifestFile file, String field, JsonNode old, JsonNode now, String resealing) {
        String pointer = "/" + field.replace('.', '/');
        if (old.at(pointer).equals(now.at(pointer))) {
            return;
        }
        String kind = file.kind().kind();
        String name = file.name();
        String secret = now.at("/spec/target/name").asText(now.at("/spec/template/metadata/name").asText(name));
        reporter.report(Severity.ERROR, IMMUTABLE, kind, name, field, field + " would change, and the API server refuses to change a "
                        + "Secret's type: the operator's update of Secret " + secret + " fails and it keeps its old type and values",
                Reporter.text(old.at(pointer)) + " -> " + Reporter.text(now.at(pointer)),
                "Keep it, or declare the Secret of the new type under a new name" + resealing + ": the workloads roll to it, and the "
                        + "prune deletes the old " + kind + " and, owned by it, its Secret (acknowledge with BreakingChange.rename("
                        + KindConstants.of(kind) + ", \"" + name + "\", \"<new name>\", \"<why>\")).");
    }

    /**
     * The API server refuses a binding's other role ("cannot change roleRef"). A binding under a new name keeps the subjects'
     * access: kubectl apply creates it before the prune deletes the old one, where a recreation leaves a gap.
     */
    private static void reportRoleChange(Reporter reporter, ManifestFile file, JsonNode old, JsonNode now) {
        if (old.equals(now)) {
            return;
        }
        String kind = file.kind().kind();
        String name = file.name();
        reporter.report(Severity.ERROR, IMMUTABLE, kind, name, "roleRef",
                "roleRef would change, and the API server refuses to change a binding's role in place",
                old.path("kind").asText() + " " + old.path("name").asText() + " -> " + now.path("kind").asText() + " " + now.path("name").asText(),
                "Keep it, or bind the new role under a new name: the apply creates that binding before the prune deletes this one, so "
                        + "its subjects keep access throughout (acknowledge with BreakingChange.rename(" + KindConstants.of(kind) + ", \""
                        + name + "\", \"<new name>\", \"<why>\")). Deleting and recreating it instead leaves them without either role "
                        + "until the apply creates it again; acknowledge that with BreakingChange.immutableField(" + KindConstants.of(kind)
                        + ", \"" + name + "\", \"roleRef\", \"<how the rollout handles it>\").");
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
                changes.add("storage " + Reporter.text(storageBefore) + " -> " + Reporter.text(storageAfter));
            } else {
                changes.add(field + " " + Reporter.text(before) + " -> " + Reporter.text(after));
            }
        }
        return changes;
    }

    /** A claim's volume mode, Filesystem when unset (the API server's default). */
    private static String volumeMode(JsonNode mode) {
        return mode.isMissingNode() ? "Filesystem" : mode.asText();
    }

    private static void reportShrink(Reporter reporter, ManifestFile file, JsonNode old, JsonNode now) {
        if (!old.isValueNode() || !now.isValueNode() || old.equals(now)) {
            return;
        }
        try {
            if (Quantity.getAmountInBytes(new Quantity(now.asText())).compareTo(Quantity.getAmountInBytes(new Quantity(old.asText()))) >= 0) {
                return;
            }
        } catch (RuntimeException e) {
            return; // not a quantity (a raw edit's): the raw-edit checks and the API server judge it
        }
        reporter.report(Severity.ERROR, IMMUTABLE, file.kind().kind(), file.name(), "spec.resources.requests.storage",
                "would shrink, and the API server refuses to make a claim smaller", old.asText() + " -> " + now.asText(),
                "Keep the size. For a smaller disk, " + NEW_CLAIM_BESIDE + " An acknowledged shrink renders, but kubectl apply "
                        + "refuses it while the old claim exists.");
    }

    private static void reportReplicasHandover(Reporter reporter, ManifestFile file, JsonNode old, JsonNode now) {
        JsonNode replicas = old.at("/spec/replicas");
        if (!replicas.isInt() || replicas.asInt() <= 1 || !now.at("/spec/replicas").isMissingNode()) {
            return;
        }
        String name = file.name();
        String namespace = now.at("/metadata/namespace").asText();
        reporter.report(Severity.ERROR, REPLICAS_HANDOVER, file.kind().kind(), name, BreakingChange.REPLICAS_REMOVAL,
                "spec.replicas would be left out (an autoscaler takes over): kubectl apply deletes the field, and the " + file.kind().kind()
                        + " falls to 1 pod until the autoscaler scales it up again", "replicas: " + replicas.asInt() + " -> unset",
                "Before applying, drop the field from what kubectl last applied (kubectl apply edit-last-applied "
                        + file.kind().kind().toLowerCase(java.util.Locale.ROOT) + "/" + name + " -n " + namespace
                        + "; with server-side apply, move its ownership), then acknowledge with BreakingChange.replicasToAutoscaler("
                        + (file.kind().equals(Kind.DEPLOYMENT) ? "" : KindConstants.of(file.kind().kind()) + ", ") + "\"" + name
                        + "\", \"<how the rollout handles it>\").");
    }

    private static String nameOf(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    private static JsonNode parse(String yaml) {
        return YamlReader.tree(yaml).orElse(MissingNode.getInstance());
    }

    /** Reports unacknowledged changes and remembers which acknowledgements were used. */
    private record Reporter(Stack stack, Problems problems, List<BreakingChange> used) {

        void changed(String kind, String name, String field, JsonNode old, JsonNode now) {
            changed(kind, name, field, old, now, "Keep it, or delete and recreate the object and acknowledge with BreakingChange.immutableField("
                    + KindConstants.of(kind) + ", \"" + name + "\", \"" + field + "\", \"<how the rollout handles it>\").");
        }

        void changed(String kind, String name, String field, JsonNode old, JsonNode now, String hint) {
            if (Objects.equals(old, now)) {
                return;
            }
            report(Severity.ERROR, IMMUTABLE, kind, name, field,
                    field + " would change, and the API server refuses to change it in place", text(old) + " -> " + text(now), hint);
        }

        void report(Severity severity, String check, String kind, String name, String change, String problem, String actual, String hint) {
            reportAt(name, severity, check, kind, name, change, problem, actual, hint);
        }

        /** As {@link #report}, located where the object called {@code definedAs} is defined (a renamed object's new name). */
        void reportAt(String definedAs, Severity severity, String check, String kind, String name, String change, String problem,
                      String actual, String hint) {
            for (BreakingChange acknowledged : stack.acknowledgedChanges()) {
                if (acknowledged.kind().kind().equals(kind) && acknowledged.name().equals(name) && acknowledged.change().equals(change)) {
                    used.add(acknowledged);
                    return;
                }
            }
            Origin origin = stack.allObjects().stream()
                    .filter(object -> object.kind().kind().equals(kind) && object.name().equals(definedAs))
                    .map(object -> object.meta().origin()).findFirst().orElse(stack.origin());
            problems.add(new Problem(check, severity, stack.describe(), kind + " " + name, problem, actual, hint, origin));
        }

        static String text(JsonNode node) {
            if (node.isArray()) {
                List<String> items = new ArrayList<>();
                node.forEach(item -> items.add(text(item)));
                return "[" + String.join(", ", items) + "]";
            }
            return node.isMissingNode() ? "unset" : node.isTextual() ? node.asText() : node.toString();
        }
    }
}
