package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.rbac.ApiResource;
import dev.kforge.dsl.rbac.ClusterRoleDef;
import dev.kforge.dsl.rbac.PolicyRule;
import dev.kforge.dsl.rbac.Verb;
import dev.kforge.dsl.rbac.ViewAggregation;
import dev.kforge.dsl.stack.Stack;
import java.util.ArrayList;
import java.util.List;

/** {@link ViewAggregation} on a ClusterRole's definition: an error in every environment. On its raw edits, the renderer judges it. */
final class ViewAggregationCheck implements StackCheck {
    static final String ID = "view-aggregation";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (ClusterRoleDef role : index.all(ClusterRoleDef.class)) {
            if (!ViewAggregation.aggregatesIntoView(role.meta().labels().entries())) {
                continue;
            }
            List<String> withheld = new ArrayList<>();
            for (int i = 0; i < role.rules().size(); i++) {
                PolicyRule rule = role.rules().get(i);
                List<String> verbs = rule.verbs().stream().map(Verb::apiValue).toList();
                // One API rule per group, as the renderer writes them.
                for (String group : rule.groups()) {
                    List<String> resources = rule.resources().stream().filter(resource -> resource.group().equals(group))
                            .map(ApiResource::plural).toList();
                    String number = "rule " + (i + 1) + " ";
                    ViewAggregation.withheld(verbs, List.of(group), resources).forEach(grant -> withheld.add(number + grant));
                }
            }
            if (!withheld.isEmpty()) {
                problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), role, "is labelled " + ViewAggregation.LABEL + ": \"true\", "
                        + ViewAggregation.RISK, String.join("; ", withheld), ViewAggregation.FIX));
            }
        }
    }
}
