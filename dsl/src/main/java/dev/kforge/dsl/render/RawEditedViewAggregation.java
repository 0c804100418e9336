package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.rbac.ViewAggregation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link ViewAggregation} on what a ClusterRole's raw edits render: the label they add, or rules they widen under it. */
final class RawEditedViewAggregation {
    private RawEditedViewAggregation() {
    }

    /** Throws a {@link RawEditException} naming what the edited role gives view's subjects beyond what its definition gave. */
    static void check(KubeObject<?> object, HasMetadata unedited, ClusterRole role) {
        List<String> defined = withheld(unedited);
        List<String> added = withheld(role).stream().filter(grant -> !defined.contains(grant)).toList();
        if (!added.isEmpty()) {
            throw new RawEditException(object, RawEditException.editsOf(object) + " left it labelled " + ViewAggregation.LABEL + ": \"true\", "
                    + ViewAggregation.RISK, String.join("; ", added), ViewAggregation.FIX, object.meta().origin(), null);
        }
    }

    private static List<String> withheld(HasMetadata manifest) {
        Map<String, String> labels = manifest.getMetadata() == null ? null : manifest.getMetadata().getLabels();
        if (!(manifest instanceof ClusterRole role) || labels == null || !ViewAggregation.aggregatesIntoView(labels)) {
            return List.of();
        }
        List<String> withheld = new ArrayList<>();
        List<PolicyRule> rules = RawEditResultCheck.orEmpty(role.getRules());
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule rule = rules.get(i);
            String number = "rule " + (i + 1) + " ";
            ViewAggregation.withheld(RawEditResultCheck.orEmpty(rule.getVerbs()), RawEditResultCheck.orEmpty(rule.getApiGroups()),
                    RawEditResultCheck.orEmpty(rule.getResources())).forEach(grant -> withheld.add(number + grant));
        }
        return withheld;
    }
}
