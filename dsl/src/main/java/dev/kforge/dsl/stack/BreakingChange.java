package dev.kforge.dsl.stack;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;

/**
 * A change to an object already in the committed output that {@code kubectl apply} cannot do in
 * place, acknowledged in code so the render goes ahead. Remove the acknowledgement once the new
 * output is committed; the render warns about acknowledgements that no longer match a change.
 *
 * @param kind   the kind of the object
 * @param name   the object's current (committed) name
 * @param change what changes: {@code rename to <new>}, {@code <field>}, {@code removal} or {@link #REPLICAS_REMOVAL}
 * @param reason why it is safe (how the rollout handles the delete and create)
 */
public record BreakingChange(Kind kind, String name, String change, String reason) {
    public BreakingChange {
        if (reason == null || reason.isBlank()) {
            throw new InvalidDefinitionException("BreakingChange " + kind + " " + name + ": reason is missing. Say how the rollout handles it.");
        }
    }

    /** The object is renamed: the pipeline deletes the old one and creates the new one. */
    public static BreakingChange rename(Kind kind, String from, String to, String reason) {
        return new BreakingChange(kind, from, "rename to " + to, reason);
    }

    /** An immutable field changes (e.g. a Deployment's {@code spec.selector}): the object must be recreated. */
    public static BreakingChange immutableField(Kind kind, String name, String field, String reason) {
        return new BreakingChange(kind, name, field, reason);
    }

    /** The change of a Deployment or StatefulSet whose {@code spec.replicas} is left out for an autoscaler. */
    public static final String REPLICAS_REMOVAL = "spec.replicas removal";

    /**
     * A Deployment's replica count is handed to an autoscaler, and the live object's last-applied
     * configuration no longer holds it (else {@code kubectl apply} scales it down to 1 pod).
     */
    public static BreakingChange replicasToAutoscaler(String deployment, String reason) {
        return replicasToAutoscaler(Kind.DEPLOYMENT, deployment, reason);
    }

    /** As {@link #replicasToAutoscaler(String, String)}, for a workload of {@code kind} (e.g. {@code Kind.STATEFUL_SET}). */
    public static BreakingChange replicasToAutoscaler(Kind kind, String name, String reason) {
        return new BreakingChange(kind, name, REPLICAS_REMOVAL, reason);
    }

    /** The object is deleted from the code; a pruning pipeline deletes it from the cluster. */
    public static BreakingChange removal(Kind kind, String name, String reason) {
        return new BreakingChange(kind, name, "removal", reason);
    }
}
