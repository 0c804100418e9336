package dev.kforge.dsl.render;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.workload.LabelExpression;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The nodes a rendered pod may be scheduled on, as far as its own spec says: its nodeSelector, and any one of its required node
 * affinity terms. Nothing is known of the cluster's nodes, so two placements may share a node unless their labels contradict each
 * other ({@link LabelExpression#satisfiable}); what cannot be compared (a term's {@code matchFields}, a value an edit left invalid)
 * is left out, and {@code Gt} or {@code Lt} only asks for the label: either way the pods are taken to meet more nodes, not fewer.
 *
 * @param terms the alternatives, each the label requirements a node meets all of; one empty alternative for a pod placed anywhere
 */
record NodePlacement(List<List<LabelExpression>> terms) {

    static NodePlacement of(PodSpec pod) {
        List<LabelExpression> selector = new ArrayList<>();
        if (pod.getNodeSelector() != null) {
            pod.getNodeSelector().forEach((key, value) -> expression(key, "In", List.of(value)).ifPresent(selector::add));
        }
        var affinity = pod.getAffinity() == null ? null : pod.getAffinity().getNodeAffinity();
        var required = affinity == null ? null : affinity.getRequiredDuringSchedulingIgnoredDuringExecution();
        List<NodeSelectorTerm> requiredTerms = required == null ? List.of() : RawEditResultCheck.orEmpty(required.getNodeSelectorTerms());
        List<List<LabelExpression>> terms = new ArrayList<>();
        for (NodeSelectorTerm term : requiredTerms) {
            List<LabelExpression> all = new ArrayList<>(selector);
            for (NodeSelectorRequirement requirement : RawEditResultCheck.orEmpty(term.getMatchExpressions())) {
                expression(requirement.getKey(), requirement.getOperator(), RawEditResultCheck.orEmpty(requirement.getValues())).ifPresent(all::add);
            }
            terms.add(all);
        }
        if (terms.isEmpty()) {
            terms.add(selector);
        }
        return new NodePlacement(terms);
    }

    /** Whether some node may take a pod of each: an alternative of this placement and one of {@code other} that a node meets together. */
    boolean mayShareANodeWith(NodePlacement other) {
        for (List<LabelExpression> mine : terms) {
            for (List<LabelExpression> theirs : other.terms) {
                List<LabelExpression> both = new ArrayList<>(mine);
                both.addAll(theirs);
                if (LabelExpression.satisfiable(both)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<LabelExpression> expression(String key, String operator, List<String> values) {
        if (key == null || values.stream().anyMatch(Objects::isNull)) {
            return Optional.empty(); // what the API server refuses anyway: not a placement to compare
        }
        try {
            return Optional.ofNullable(switch (String.valueOf(operator)) {
                case "In" -> new LabelExpression(key, LabelExpression.Operator.IN, values);
                case "NotIn" -> new LabelExpression(key, LabelExpression.Operator.NOT_IN, values);
                case "DoesNotExist" -> LabelExpression.doesNotExist(key);
                case "Exists", "Gt", "Lt" -> LabelExpression.exists(key);
                default -> null;
            });
        } catch (InvalidDefinitionException e) {
            return Optional.empty(); // an invalid key or value, which the API server refuses too
        }
    }
}
