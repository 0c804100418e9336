package dev.kforge.dsl.render;

import dev.kforge.dsl.render.CheckedFields.Field;
import dev.kforge.dsl.workload.ZoneSpread;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Where a pod may be scheduled, which the affinity and claim checks read, as {@link CheckedFields}. */
final class PlacementFields {
    private PlacementFields() {
    }

    /**
     * Where the pods may go, under {@code path} (a pod spec's): the node selector and tolerations (as a whole), and each
     * required node expression, pod (anti-)affinity term and spread constraint (raw edits may add more of those).
     */
    static void put(Map<String, Field> fields, String path, PodSpec pod) {
        fields.put(path + ".nodeSelector", Field.of(pod.getNodeSelector() == null ? Map.of() : new TreeMap<>(pod.getNodeSelector()),
                "withNodeSelector"));
        fields.put(path + ".tolerations", Field.of(RawEditResultCheck.orEmpty(pod.getTolerations()).stream().map(PlacementFields::toleration)
                .sorted().toList(), "withToleration"));
        var nodeAffinity = pod.getAffinity() == null ? null : pod.getAffinity().getNodeAffinity();
        var required = nodeAffinity == null ? null : nodeAffinity.getRequiredDuringSchedulingIgnoredDuringExecution();
        List<io.fabric8.kubernetes.api.model.NodeSelectorTerm> terms = required == null ? List.of() : RawEditResultCheck.orEmpty(required.getNodeSelectorTerms());
        // Terms are alternatives (a node matching any one will do): another term widens where the pods may go.
        if (!terms.isEmpty()) { // none: a first term only narrows
            fields.put(path + ".affinity.nodeAffinity.requiredTerms", Field.of(terms.size(), "withNodeRequirement"));
        }
        for (var term : terms) {
            for (var expression : RawEditResultCheck.orEmpty(term.getMatchExpressions())) {
                fields.put(path + ".affinity.nodeAffinity.required[" + expression.getKey() + " " + expression.getOperator() + " "
                        + expression.getValues() + "]", Field.of("present", "withNodeRequirement"));
            }
        }
        if (pod.getAffinity() != null) {
            var near = pod.getAffinity().getPodAffinity();
            var apart = pod.getAffinity().getPodAntiAffinity();
            terms(fields, path + ".affinity.podAffinity", near == null ? null : near.getRequiredDuringSchedulingIgnoredDuringExecution(),
                    near == null ? null : near.getPreferredDuringSchedulingIgnoredDuringExecution());
            terms(fields, path + ".affinity.podAntiAffinity", apart == null ? null : apart.getRequiredDuringSchedulingIgnoredDuringExecution(),
                    apart == null ? null : apart.getPreferredDuringSchedulingIgnoredDuringExecution());
        }
        for (var constraint : RawEditResultCheck.orEmpty(pod.getTopologySpreadConstraints())) {
            var selector = constraint.getLabelSelector();
            fields.put(path + ".topologySpreadConstraints[" + constraint.getTopologyKey() + " of " + (selector == null
                    || selector.getMatchLabels() == null ? "{}" : new TreeMap<>(selector.getMatchLabels())) + (constraint.getMatchLabelKeys() == null
                    ? "" : " per " + constraint.getMatchLabelKeys()) + "]", Field.of("maxSkew " + constraint.getMaxSkew() + ", "
                    + constraint.getWhenUnsatisfiable(), ZoneSpread.ZONE_TOPOLOGY_KEY.equals(constraint.getTopologyKey())
                    ? "withZoneSpread or withTopologySpread" : "withTopologySpread"));
        }
    }

    /** Each pod (anti-)affinity term, by the pods it selects and its topology: the spread's and those of withPodAffinity. */
    private static void terms(Map<String, Field> fields, String path, List<PodAffinityTerm> required, List<WeightedPodAffinityTerm> preferred) {
        for (PodAffinityTerm term : RawEditResultCheck.orEmpty(required)) {
            fields.put(path + ".required[" + term(term) + "]", Field.of("present", "withNodeSpread or withPodAffinity"));
        }
        for (WeightedPodAffinityTerm term : RawEditResultCheck.orEmpty(preferred)) {
            fields.put(path + ".preferred[" + term(term.getPodAffinityTerm()) + ", weight " + term.getWeight() + "]", Field.of("present",
                    "withNodeSpread or withPodAffinity"));
        }
    }

    /** {@code gpu Exists}, {@code dedicated=db:NoSchedule}, {@code every taint}. */
    private static String toleration(io.fabric8.kubernetes.api.model.Toleration toleration) {
        String key = toleration.getKey() == null || toleration.getKey().isEmpty() ? "every taint" : toleration.getKey();
        // An unset operator is Equal (with an empty value unless one is given).
        String match = "Exists".equals(toleration.getOperator()) ? " Exists" : "=" + java.util.Objects.requireNonNullElse(toleration.getValue(), "");
        return key + (key.equals("every taint") ? "" : match) + (toleration.getEffect() == null ? "" : ":" + toleration.getEffect());
    }

    private static String term(PodAffinityTerm term) {
        if (term == null) {
            return "none";
        }
        var selector = term.getLabelSelector();
        String pods = selector == null ? "all" : String.valueOf(selector.getMatchLabels() == null ? Map.of() : new TreeMap<>(selector.getMatchLabels()))
                + (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty() ? "" : " " + selector.getMatchExpressions());
        String namespaces = (term.getNamespaces() == null || term.getNamespaces().isEmpty() ? "" : " in " + term.getNamespaces())
                + (term.getNamespaceSelector() == null ? "" : " in namespaces " + term.getNamespaceSelector().getMatchLabels());
        return pods + namespaces + " by " + term.getTopologyKey();
    }
}
