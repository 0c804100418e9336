package dev.kforge.dsl.render;

import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
        PodDisruptionBudgetSpec spec = new PodDisruptionBudgetSpec();
        spec.setSelector(Metadata.podsOf(stack, budget.workload()));
        spec.setMinAvailable(IntOrStrings.of(budget.minAvailable()));
        spec.setMaxUnavailable(IntOrStrings.of(budget.maxUnavailable()));
        spec.setUnhealthyPodEvictionPolicy(budget.unhealthyPodEviction().apiValue());
        PodDisruptionBudget rendered = new PodDisruptionBudget();
        rendered.setMetadata(Metadata.ofWorkloadPart(budget, stack, budget.workload()));
        rendered.setSpec(spec);
        return Optional.of(rendered);
    }
}
