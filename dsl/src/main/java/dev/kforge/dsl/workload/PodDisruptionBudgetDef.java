package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.function.Consumer;

/**
 * A PodDisruptionBudget (policy/v1) for a Deployment's pods: how many may be evicted at once by a
 * node drain. Its selector is the Deployment's. Start with
 * {@code PodDisruptionBudgetDef.named("tgr").protecting(deployment).withMaxUnavailable(IntOrPercent.count(1))}.
 *
 * @param minAvailable   pods that must stay up; exclusive with maxUnavailable
 * @param maxUnavailable pods that may be down; the default is 1
 * @param unhealthyPodEviction whether pods that are not ready may be evicted anyway; default
 *                       {@link UnhealthyPodEviction#ALWAYS_ALLOW}, so broken pods never block a drain
 */
public record PodDisruptionBudgetDef(Meta meta, ReplicatedWorkload<?> workload, IntOrPercent minAvailable,
                                     IntOrPercent maxUnavailable, UnhealthyPodEviction unhealthyPodEviction,
                                     List<RawEdit<PodDisruptionBudget>> rawEdits)
        implements KubeObject<PodDisruptionBudgetDef> {

    public PodDisruptionBudgetDef {
        rawEdits = List.copyOf(rawEdits);
        if (workload == null) {
            throw new InvalidDefinitionException(Kind.POD_DISRUPTION_BUDGET + " " + meta.name()
                    + ": the protected workload is missing. Pass it to protecting(deployment).");
        }
        if (minAvailable == null && maxUnavailable == null) {
            throw new InvalidDefinitionException(Kind.POD_DISRUPTION_BUDGET + " " + meta.name() + ": minAvailable and maxUnavailable are "
                    + "both missing (null); a budget takes exactly one. Call withMaxUnavailable(pods) or withMinAvailable(pods).");
        }
        if (minAvailable != null && maxUnavailable != null) {
            throw new InvalidDefinitionException(Kind.POD_DISRUPTION_BUDGET + " " + meta.name() + ": minAvailable " + minAvailable
                    + " and maxUnavailable " + maxUnavailable + " are both set; a budget takes exactly one. Keep one: "
                    + "withMinAvailable(pods) and withMaxUnavailable(pods) each clear the other.");
        }
        if (maxUnavailable != null && maxUnavailable.isZero()) {
            throw InvalidDefinitionException.invalid(Kind.POD_DISRUPTION_BUDGET + " " + meta.name(), "maxUnavailable", 0,
                    "would block every node drain", "Allow at least 1.");
        }
    }

    public static WorkloadStep named(String name) {
        return new WorkloadStep(Meta.named(Kind.POD_DISRUPTION_BUDGET, name));
    }

    /** The step that takes the protected Deployment. */
    public record WorkloadStep(Meta meta) {
        public PodDisruptionBudgetDef protecting(ReplicatedWorkload<?> workload) {
            return new PodDisruptionBudgetDef(meta, workload, null, IntOrPercent.count(1), UnhealthyPodEviction.ALWAYS_ALLOW, List.of());
        }
    }

    @Override
    public Kind kind() {
        return Kind.POD_DISRUPTION_BUDGET;
    }

    @Override
    public PodDisruptionBudgetDef withMeta(Meta meta) {
        return new PodDisruptionBudgetDef(Given.value(describe(), "meta", meta), workload, minAvailable, maxUnavailable, unhealthyPodEviction, rawEdits);
    }

    public PodDisruptionBudgetDef withMinAvailable(IntOrPercent pods) {
        return new PodDisruptionBudgetDef(meta, workload, Given.value(describe(), "minAvailable", pods), null, unhealthyPodEviction, rawEdits);
    }

    public PodDisruptionBudgetDef withMaxUnavailable(IntOrPercent pods) {
        return new PodDisruptionBudgetDef(meta, workload, null, Given.value(describe(), "maxUnavailable", pods), unhealthyPodEviction, rawEdits);
    }

    public PodDisruptionBudgetDef withUnhealthyPodEviction(UnhealthyPodEviction eviction) {
        return new PodDisruptionBudgetDef(meta, workload, minAvailable, maxUnavailable, Given.value(describe(), "unhealthyPodEviction", eviction),
                rawEdits);
    }

    public PodDisruptionBudgetDef withRawEdit(String reason, Consumer<PodDisruptionBudget> edit) {
        return new PodDisruptionBudgetDef(meta, workload, minAvailable, maxUnavailable, unhealthyPodEviction,
                Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }
}
