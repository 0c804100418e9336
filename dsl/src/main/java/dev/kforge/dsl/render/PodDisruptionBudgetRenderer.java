package dev.kforge.dsl.render;

import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.Optional;

/** The budget selects the protected Deployment's pods with the Deployment's own selector. */
final class PodDisruptionBudgetRenderer implements ObjectRenderer<PodDisruptionBudgetDef> {
    @Override
    public Class<PodDisruptionBudgetDef> sourceType() {
        return PodDisruptionBudgetDef.class;
    }

    @Override
    public Optional<HasMetadata> render(PodDisruptionBudgetDef budget, Stack stack) {
        return Optional.of(new PodDisruptionBudgetBuilder()
                .withMetadata(Metadata.of(budget, stack))
                .withNewSpec()
                .withNewSelector().withMatchLabels(Metadata.map(stack.selectorOf(stack.current(budget.workload())).entries())).endSelector()
                .withMinAvailable(intOrPercent(budget.minAvailable()))
                .withMaxUnavailable(intOrPercent(budget.maxUnavailable()))
                .endSpec()
                .build());
    }

    static IntOrString intOrPercent(IntOrPercent value) {
        if (value == null) {
            return null;
        }
        return value.percent() ? new IntOrString(value.toString()) : new IntOrString(value.value());
    }
}
