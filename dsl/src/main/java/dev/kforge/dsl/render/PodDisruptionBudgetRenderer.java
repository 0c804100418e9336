package dev.kforge.dsl.render;

import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import java.util.Optional;

/** The budget selects the protected Deployment's pods with the Deployment's own selector. */
final class PodDisruptionBudgetRenderer implements ObjectRenderer<PodDisruptionBudgetDef> {
    @Override
    public Class<PodDisruptionBudgetDef> sourceType() {
        return PodDisruptionBudgetDef.class;
    }

    @Override
    public Optional<HasMetadata> render(PodDisruptionBudgetDef budget, Stack stack) {
        Labels workloadSelector = stack.selectorOf(stack.current(budget.workload()));
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(Metadata.map(workloadSelector.entries()));
        PodDisruptionBudgetSpec spec = new PodDisruptionBudgetSpec();
        spec.setSelector(selector);
        spec.setMinAvailable(IntOrStrings.of(budget.minAvailable()));
        spec.setMaxUnavailable(IntOrStrings.of(budget.maxUnavailable()));
        spec.setUnhealthyPodEvictionPolicy(budget.unhealthyPodEviction().apiValue());
        PodDisruptionBudget rendered = new PodDisruptionBudget();
        // Labelled as its workload is (name, component), so -l app.kubernetes.io/name=<app> finds it too.
        rendered.setMetadata(Metadata.of(budget, stack, Metadata.commonLabels(stack).with(workloadSelector)));
        rendered.setSpec(spec);
        return Optional.of(rendered);
    }
}
