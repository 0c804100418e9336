package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.CustomObject;
import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PriorityClass (scheduling.k8s.io/v1, cluster-scoped): pods that name it are scheduled before pods of lower value and,
 * when the cluster is full, evict them ({@code PreemptLowerPriority}), unless it is {@link #withoutPreemption() without
 * preemption}. Given to a workload with {@code withPriorityClass}. It is never the cluster's global default: that would
 * change the priority of every other team's pods.
 *
 * @param value       higher schedules first; at most 1,000,000,000 (the values above are the cluster's own classes')
 * @param preemptLowerPriority whether its pods evict pods of lower priority to make room ({@code PreemptLowerPriority}) or
 *                    wait for room ({@code Never})
 * @param description what the class is for, shown by {@code kubectl get priorityclass}; default none
 */
public record PriorityClassDef(Meta meta, int value, boolean preemptLowerPriority, Optional<String> description)
        implements CustomObject<PriorityClassDef> {
    /** The highest value a class of users may take; higher ones are reserved for the system classes. */
    public static final int HIGHEST_USER_VALUE = 1_000_000_000;

    public PriorityClassDef {
        String subject = "PriorityClass " + meta.name();
        Given.value(subject, "description", description);
        if (meta.name().startsWith("system-")) {
            throw InvalidDefinitionException.invalid(subject, "name", meta.name(), "is reserved for the cluster's own classes (the API "
                    + "server refuses it)", "Run pods with one of those with withClusterPriorityClass(\"system-node-critical\"); name "
                    + "a class of your own otherwise, e.g. \"" + meta.name().substring("system-".length()) + "\".");
        }
        if (value > HIGHEST_USER_VALUE) {
            throw InvalidDefinitionException.invalid(subject, "value", value, "must be at most 1000000000: higher values are the "
                    + "system classes' (system-cluster-critical is 2000000000)", "Give a value up to 1000000000, or run the pods with "
                    + "withClusterPriorityClass(\"system-cluster-critical\").");
        }
    }

    /** A class of {@code value}: higher schedules first, and preempts lower. */
    public static PriorityClassDef named(String name, int value) {
        return new PriorityClassDef(Meta.named(Kind.PRIORITY_CLASS, name), value, true, Optional.empty());
    }

    @Override
    public Kind kind() {
        return Kind.PRIORITY_CLASS;
    }

    @Override
    public PriorityClassDef withMeta(Meta meta) {
        return new PriorityClassDef(Given.value(describe(), "meta", meta), value, preemptLowerPriority, description);
    }

    /** A copy whose pods wait for room instead of evicting pods of lower priority ({@code preemptionPolicy: Never}). */
    public PriorityClassDef withoutPreemption() {
        return new PriorityClassDef(meta, value, false, description);
    }

    public PriorityClassDef withDescription(String text) {
        return new PriorityClassDef(meta, value, preemptLowerPriority, Optional.of(Given.optional(describe(), "description", text)));
    }

    /** Every field is in {@link #body}; there is no fabric8 model to edit. */
    @Override
    public List<RawEdit<?>> rawEdits() {
        return List.of();
    }

    @Override
    public Map<String, Object> body(String namespace) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("value", value);
        body.put("preemptionPolicy", preemptLowerPriority ? "PreemptLowerPriority" : "Never");
        description.ifPresent(text -> body.put("description", text));
        return body;
    }
}
