package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Lists;
import java.util.List;
import java.util.Objects;

/**
 * Which nodes a workload's pods need or prefer, by node labels ({@code nodeAffinity}): set-based,
 * where a node selector ({@link Workload#withNodeSelector}) takes exact labels only. Build it with
 * {@link Workload#withNodeRequirement} and {@link Workload#withNodePreference}.
 *
 * @param required  expressions every node of the pods must match, all of them
 *                  ({@code requiredDuringSchedulingIgnoredDuringExecution}); default none
 * @param preferred weighted expressions the scheduler favours nodes for ({@code preferredDuringSchedulingIgnoredDuringExecution})
 */
public record NodeAffinity(List<LabelExpression> required, List<Preference> preferred) {
    public static final NodeAffinity NONE = new NodeAffinity(List.of(), List.of());

    public NodeAffinity {
        required = List.copyOf(required);
        preferred = List.copyOf(preferred);
    }

    /**
     * Nodes matching every expression weigh {@code weight} (1 to 100) more for the scheduler.
     *
     * @param expressions at least one
     */
    public record Preference(int weight, List<LabelExpression> expressions) {
        public Preference {
            if (expressions.stream().anyMatch(Objects::isNull)) {
                throw InvalidDefinitionException.invalid("Node preference", "node preference expression", null, "must be an expression",
                        "For example LabelExpression.in(\"node.kubernetes.io/instance-type\", \"m6i.large\").");
            }
            expressions = List.copyOf(expressions);
            if (weight < 1 || weight > 100) {
                throw InvalidDefinitionException.invalid("Node preference", "node preference weight", weight, "must be 1 to 100", "For example 50.");
            }
            if (expressions.isEmpty()) {
                throw InvalidDefinitionException.invalid("Node preference", "node preference expressions", "[]", "must not be empty",
                        "Name the node labels, e.g. LabelExpression.in(\"node.kubernetes.io/instance-type\", \"m6i.large\").");
            }
        }
    }

    public boolean isEmpty() {
        return required.isEmpty() && preferred.isEmpty();
    }

    NodeAffinity withRequired(List<LabelExpression> expressions) {
        if (expressions.isEmpty()) {
            throw InvalidDefinitionException.invalid("Node requirement", "node requirement expressions", "[]", "must not be empty",
                    "Name the node labels, e.g. LabelExpression.in(\"topology.kubernetes.io/zone\", \"eu-west-1a\", \"eu-west-1b\").");
        }
        List<LabelExpression> all = required;
        for (LabelExpression expression : expressions) {
            if (expression == null) {
                throw InvalidDefinitionException.invalid("Node requirement", "node requirement expression", null, "must be an expression",
                        "For example LabelExpression.exists(\"gpu\").");
            }
            all = Lists.append(all, expression);
        }
        return new NodeAffinity(all, preferred);
    }

    NodeAffinity withPreferred(Preference preference) {
        return new NodeAffinity(required, Lists.append(preferred, preference));
    }
}
