package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.quota.LimitRangeDef;
import dev.kforge.dsl.quota.ResourceQuotaDef;
import dev.kforge.dsl.render.CheckedFields.Field;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Raw edits may add to a workload what the DSL does not model, but not change what the checks read
 * from its definition ({@link CheckedFields}), or their verdicts would be about other pods than those
 * applied: how many pods run, the account they run as and its token, each container's cpu, memory and ephemeral storage, the claims the pods mount and how,
 * how they shut down, where they may be scheduled (affinity terms and spread constraints may be added),
 * an autoscaler's range, and what the objects that refer to others select, route to or grant
 * ({@link ReferenceFields}). A container of the definition may not be removed
 * (or renamed); one the edits add is a change only under a quota or LimitRange, which count every container.
 */
final class RawEditedCheckedFields {
    private RawEditedCheckedFields() {
    }

    /** Throws a {@link RawEditException} listing every checked field the edits of {@code object} changed. */
    static void check(KubeObject<?> object, HasMetadata unedited, HasMetadata edited, Stack stack) {
        Map<String, Field> before = CheckedFields.of(unedited, stack);
        Map<String, Field> after = CheckedFields.of(edited, stack);
        // Raw edits may add preferences, node expressions and spread constraints, which the checks need not see; not drop or
        // weaken the definition's, nor add a required pod (anti-)affinity term, which PodAffinityCheck would have to judge.
        after.keySet().removeIf(path -> (path.contains(".spec.affinity.") || path.contains(".spec.topologySpreadConstraints["))
                && !path.contains("podAffinity.required[") && !path.contains("podAntiAffinity.required[") && !before.containsKey(path));
        // A volume an edit adds is no volume of the definition's containers, which volume-file-access reads.
        // Nor are its sources and mounts, which the reference checks do not read (kube-root-ca.crt is in every namespace).
        after.keySet().removeIf(path -> (path.endsWith("] file modes") || path.endsWith("] sources") || path.endsWith("].subPath"))
                && !before.containsKey(path));
        List<String> declared = CheckedFields.containers(before.keySet());
        List<String> changedContainers = new ArrayList<>();
        boolean countsEveryContainer = countsEveryContainer(stack);
        for (String container : CheckedFields.containers(after.keySet())) {
            if (!declared.contains(container) && !countsEveryContainer) {
                after.keySet().removeIf(path -> container.equals(CheckedFields.containerOf(path))); // no check counts it
            } else if (!declared.contains(container)) {
                changedContainers.add(container);
            }
        }
        declared.stream().filter(container -> !after.containsKey(container)).forEach(changedContainers::add);
        List<String> changes = new ArrayList<>();
        Set<String> steps = new LinkedHashSet<>();
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        for (String path : paths) {
            Field was = before.get(path);
            Field now = after.get(path);
            String container = CheckedFields.containerOf(path);
            if (container != null && !container.equals(path) && changedContainers.contains(container)) {
                continue; // a container added or removed is one change, not one per field
            }
            if (was == null || now == null || !was.compared().equals(now.compared())) {
                changes.add(path + ": " + (was == null ? "absent" : was.shown()) + " -> " + (now == null ? "absent" : now.shown()));
                steps.add((now == null ? was : now).step()); // the step that writes what the edit wrote (a range: the PortRange form)
            }
        }
        if (!changes.isEmpty()) {
            String them = changes.size() == 1 ? "it" : "them";
            throw new RawEditException(object, RawEditException.editsOf(object)
                    + " changed what the checks read from the definition", String.join(", ", changes),
                    "Set " + them + " in the definition instead (" + String.join(", ", steps) + "), where the checks see " + them + ".",
                    object.meta().origin(), null);
        }
    }

    private static boolean countsEveryContainer(Stack stack) {
        return stack.allObjects().stream().anyMatch(object -> object instanceof ResourceQuotaDef || object instanceof LimitRangeDef);
    }
}
