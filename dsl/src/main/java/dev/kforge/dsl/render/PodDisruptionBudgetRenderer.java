package dev.kforge.dsl.render;

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
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(Metadata.map(stack.selectorOf(stack.current(budget.workload())).entries()));
        PodDisruptionBudgetSpec spec = new PodDisruptionBudgetSpec();
        spec.setSelector(selector);
        spec.setMinAvailable(IntOrStrings.of(budget.minAvailable()));
        spec.setMaxUnavailable(IntOrStrings.of(budget.maxUnavailable()));
        PodDisruptionBudget rendered = new PodDisruptionBudget();
        rendered.setMetadata(Metadata.of(budget, stack));
        rendered.setSpec(spec);
        return Optional.of(rendered);
    }
}
