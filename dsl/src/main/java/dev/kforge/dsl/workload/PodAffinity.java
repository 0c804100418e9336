package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.Optional;

/**
 * Where a workload's pods run relative to another workload's pods of the stack: on a node or in a zone
 * where one of them runs ({@code podAffinity}), or where none does ({@code podAntiAffinity}); required,
 * or preferred by a weight. For example {@code withPodAffinity(PodAffinity.near(cache, Topology.NODE))}
 * runs each pod beside a pod of {@code cache}; {@code PodAffinity.apartFrom(batch, Topology.NODE).preferred(50)}
 * keeps the pods off nodes running {@code batch} when the scheduler can. A workload's own pods are spread
 * with {@code withNodeSpread} and {@code withZoneSpread} instead.
 *
 * @param other    the workload whose pods count; the stack's version of it is the one selected
 * @param topology what counts as together: one node or one zone
 * @param near     true for the same node or zone, false for another one
 * @param weight   empty when required; else 1 to 100 against the pods' other preferences
 */
public record PodAffinity(Workload<?> other, Topology topology, boolean near, Optional<Integer> weight) {
    private static final String SUBJECT = "Pod affinity";

    public PodAffinity {
        if (other == null || topology == null) {
            throw InvalidDefinitionException.invalid(SUBJECT, other == null ? "workload" : "topology", null, "must be given",
                    "For example PodAffinity.near(cache, Topology.NODE).");
        }
        if (weight == null) {
            throw InvalidDefinitionException.invalid(SUBJECT, "weight", null, "must be given", "Optional.empty() for a required affinity.");
        }
        if (weight.isPresent() && (weight.get() < 1 || weight.get() > 100)) {
            throw InvalidDefinitionException.invalid(SUBJECT, "weight", weight.get(), "must be 1 to 100", "For example preferred(50).");
        }
    }

    /** Each pod runs on a node (or in a zone) where a pod of {@code other} runs; it waits, Pending, until there is one. */
    public static PodAffinity near(Workload<?> other, Topology topology) {
        return new PodAffinity(other, topology, true, Optional.empty());
    }

    /** Each pod runs on a node (or in a zone) where no pod of {@code other} runs. */
    public static PodAffinity apartFrom(Workload<?> other, Topology topology) {
        return new PodAffinity(other, topology, false, Optional.empty());
    }

    /** Only a preference: the scheduler favours such nodes by {@code weight} (1 to 100), and places the pods elsewhere when it must. */
    public PodAffinity preferred(int weight) {
        return new PodAffinity(other, topology, near, Optional.of(weight));
    }

    public boolean required() {
        return weight.isEmpty();
    }

    /** Whether this and {@code affinity} are about the same workload, by kind and name. */
    boolean sameOther(PodAffinity affinity) {
        return isAbout(affinity.other);
    }

    /** Whether this is about {@code workload}'s pods: the same kind and name (the stack's version may differ from the one given). */
    public boolean isAbout(Workload<?> workload) {
        return other.kind().is(workload.kind()) && other.name().equals(workload.name());
    }

    /** {@code near the pods of Deployment cache (same node, required)}, for messages. */
    public String describe() {
        return (near ? "near" : "apart from") + " the pods of " + other.describe() + " (" + (near ? "same " : "other ") + topology.noun()
                + ", " + weight.map(w -> "preferred, weight " + w).orElse("required") + ")";
    }
}
