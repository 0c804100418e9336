package dev.kforge.dsl.render;

import dev.kforge.dsl.core.Annotations;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.Scope;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Workload;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the metadata of rendered objects. */
final class Metadata {
    static final String RAW_EDITS_ANNOTATION = Annotations.RAW_EDITS;
    static final String WAIVERS_ANNOTATION = Annotations.WAIVERS;

    /**
     * The stack whose objects the calling thread renders, with its common labels: every object
     * needs them and building them checks every label again. A stack renders on one thread.
     */
    private static final ThreadLocal<StackLabels> CURRENT = new ThreadLocal<>();

    private record StackLabels(Stack stack, Labels common) {
    }

    private Metadata() {
    }

    /** Name, namespace (when namespaced), the stack's common labels plus the object's, annotations. */
    static ObjectMeta of(KubeObject<?> object, Stack stack) {
        return of(object, stack, commonLabels(stack));
    }

    /** The stack's common labels, built once per stack on the rendering thread. */
    static Labels commonLabels(Stack stack) {
        StackLabels current = CURRENT.get();
        if (current == null || current.stack() != stack) {
            current = new StackLabels(stack, stack.commonLabels());
            CURRENT.set(current);
        }
        return current.common();
    }

    /**
     * The metadata of an object that belongs to a workload (its Service, budget, autoscaler, policy):
     * labelled as the workload is (name, component), so {@code -l app.kubernetes.io/name=<app>} finds it too.
     */
    static ObjectMeta ofWorkloadPart(KubeObject<?> object, Stack stack, Workload<?> workload) {
        return of(object, stack, commonLabels(stack).with(stack.selectorOf(stack.current(workload))));
    }

    /** A selector of exactly the pods of {@code workload} (the stack's version of it), by its derived labels. */
    static LabelSelector podsOf(Stack stack, Workload<?> workload) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(map(stack.selectorOf(stack.current(workload)).entries()));
        return selector;
    }

    /** As {@link #of(KubeObject, Stack)}, with {@code baseLabels} in place of the common labels. */
    static ObjectMeta of(KubeObject<?> object, Stack stack, Labels baseLabels) {
        Annotations annotations = object.meta().annotations();
        if (!object.rawEdits().isEmpty()) {
            annotations = annotations.with(RAW_EDITS_ANNOTATION, String.join("; ",
                    object.rawEdits().stream().map(edit -> edit.reason()).toList()));
        }
        List<String> waivers = waivers(object);
        if (!waivers.isEmpty()) {
            annotations = annotations.with(WAIVERS_ANNOTATION, String.join("; ", waivers));
        }
        // Setters, not the generated builder: metadata is built for every object, and the builder costs several times more.
        ObjectMeta meta = new ObjectMeta();
        meta.setName(object.name());
        meta.setNamespace(object.kind().scope() == Scope.NAMESPACED ? stack.namespace().name() : null);
        meta.setLabels(map(baseLabels.with(object.meta().labels()).entries()));
        meta.setAnnotations(annotations.isEmpty() ? null : map(annotations.entries()));
        return meta;
    }

    /** The object's waivers in the order of the rules, then its containers' in the order of the pod: {@code probes (container shipper): why}. */
    private static List<String> waivers(KubeObject<?> object) {
        if (object.meta().waivers().isEmpty() && !(object instanceof Workload<?> workload && anyContainerWaives(workload))) {
            return List.of(); // nearly every object: no list, no iterators
        }
        List<String> waivers = new ArrayList<>();
        object.meta().waivers().forEach((check, reason) -> waivers.add(check.id() + ": " + reason));
        if (object instanceof Workload<?> workload) {
            for (ContainerDef container : workload.allContainers()) {
                container.waivers().forEach((check, reason) -> waivers.add(check.id() + " (container " + container.name() + "): " + reason));
            }
        }
        return waivers;
    }

    private static boolean anyContainerWaives(Workload<?> workload) {
        for (ContainerDef container : workload.allContainers()) {
            if (!container.waivers().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    static Map<String, String> map(Map<String, String> sorted) {
        return new LinkedHashMap<>(sorted); // empty rather than null, so that raw edits may put into it (empty maps are not written)
    }
}
