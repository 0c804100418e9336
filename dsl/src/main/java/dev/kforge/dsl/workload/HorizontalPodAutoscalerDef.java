package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A HorizontalPodAutoscaler (autoscaling/v2) that keeps a Deployment between two replica counts by
 * the average CPU or memory use of its pods. Start with
 * {@code HorizontalPodAutoscalerDef.named("tgr").scaling(deployment).between(3, 10).atUtilization(UtilizationTarget.cpu(70))}.
 *
 * <p>The autoscaler owns the Deployment's replica count: the Deployment is rendered without
 * {@code spec.replicas} (else every {@code kubectl apply} would reset it), and a Deployment that
 * sets one with {@code withReplicas} is refused by the checks.
 *
 * @param minReplicas the floor, at least 1
 * @param maxReplicas the ceiling, at least minReplicas
 * @param targets     one per resource; the autoscaler follows whichever asks for more pods
 * @param scaleUp     how fast pods are added ({@code behavior.scaleUp}); default the Kubernetes default (4 pods or 100% per 15 s)
 * @param scaleDown   how fast pods are removed ({@code behavior.scaleDown}); default the Kubernetes default (100% per 15 s,
 *                    once the load has been low for 300 s)
 */
public record HorizontalPodAutoscalerDef(Meta meta, ReplicatedWorkload<?> workload, int minReplicas, int maxReplicas,
                                         List<UtilizationTarget> targets, Optional<ScalingRules> scaleUp, Optional<ScalingRules> scaleDown,
                                         List<RawEdit<HorizontalPodAutoscaler>> rawEdits)
        implements KubeObject<HorizontalPodAutoscalerDef> {

    public HorizontalPodAutoscalerDef {
        String subject = Kind.HORIZONTAL_POD_AUTOSCALER + " " + meta.name();
        if (workload == null) {
            throw new InvalidDefinitionException(subject + ": the scaled workload is missing. Pass it to scaling(deployment).");
        }
        targets = List.copyOf(targets);
        rawEdits = List.copyOf(rawEdits);
        if (minReplicas < 1) {
            throw InvalidDefinitionException.invalid(subject, "minReplicas", minReplicas, "must be at least 1",
                    "Scaling to zero needs the alpha feature gate HPAScaleToZero; keep at least 1 pod.");
        }
        if (maxReplicas < minReplicas) {
            throw InvalidDefinitionException.invalid(subject, "maxReplicas", maxReplicas, "must not be below minReplicas " + minReplicas,
                    "Use between(min, max) with min <= max.");
        }
        List<UtilizationTarget.Resource> seen = new ArrayList<>();
        for (UtilizationTarget target : targets) {
            if (seen.contains(target.resource())) {
                throw InvalidDefinitionException.invalid(subject, "targets", targets, "has two targets for " + target.resource().apiValue(),
                        "Keep one target per resource.");
            }
            seen.add(target.resource());
        }
        Given.value(subject, "scaleUp", scaleUp);
        Given.value(subject, "scaleDown", scaleDown);
        scaleDown.ifPresent(rules -> rules.policies().stream()
                .filter(policy -> policy.limit().unit() == ScalingLimit.Unit.PERCENT && policy.limit().value() > 100)
                .findFirst().ifPresent(policy -> {
                    // The controller removes value% of the pods: past 100 it stops at minReplicas as 100 does.
                    throw InvalidDefinitionException.invalid(subject, "behavior.scaleDown policy", policy, "must remove at most 100% of the pods",
                            "100% already lets one period remove every pod above minReplicas: use ScalingLimit.percent(100).");
                }));
    }

    public static WorkloadStep named(String name) {
        return new WorkloadStep(Meta.named(Kind.HORIZONTAL_POD_AUTOSCALER, name));
    }

    /** The step that takes the scaled Deployment. */
    public record WorkloadStep(Meta meta) {
        public RangeStep scaling(ReplicatedWorkload<?> workload) {
            return new RangeStep(meta, workload);
        }
    }

    /** The step that takes the replica range. */
    public record RangeStep(Meta meta, ReplicatedWorkload<?> workload) {
        public TargetStep between(int minReplicas, int maxReplicas) {
            return new TargetStep(meta, workload, minReplicas, maxReplicas);
        }
    }

    /** The step that takes the first utilization target (more with {@link #withTarget}). */
    public record TargetStep(Meta meta, ReplicatedWorkload<?> workload, int minReplicas, int maxReplicas) {
        public HorizontalPodAutoscalerDef atUtilization(UtilizationTarget target) {
            return new HorizontalPodAutoscalerDef(meta, workload, minReplicas, maxReplicas, List.of(Given.value(Kind.HORIZONTAL_POD_AUTOSCALER + " " + meta.name(), "utilization target", target)), Optional.empty(), Optional.empty(),
                    List.of());
        }
    }

    @Override
    public Kind kind() {
        return Kind.HORIZONTAL_POD_AUTOSCALER;
    }

    @Override
    public HorizontalPodAutoscalerDef withMeta(Meta meta) {
        return new HorizontalPodAutoscalerDef(Given.value(describe(), "meta", meta), workload, minReplicas, maxReplicas, targets, scaleUp, scaleDown, rawEdits);
    }

    /** A copy that also scales on {@code target}'s resource (replacing an earlier target for it). */
    public HorizontalPodAutoscalerDef withTarget(UtilizationTarget target) {
        Given.value(describe(), "utilization target", target);
        List<UtilizationTarget> others = targets.stream().filter(t -> t.resource() != target.resource()).toList();
        return new HorizontalPodAutoscalerDef(meta, workload, minReplicas, maxReplicas, Lists.append(others, target),
                scaleUp, scaleDown, rawEdits);
    }

    /**
     * A copy that adds pods no faster than {@code rules} allow, e.g.
     * {@code ScalingRules.atMost(ScalingLimit.pods(4)).per(Duration.ofSeconds(60))}, or never with {@code ScalingRules.disabled()}.
     */
    public HorizontalPodAutoscalerDef withScaleUp(ScalingRules rules) {
        return new HorizontalPodAutoscalerDef(meta, workload, minReplicas, maxReplicas, targets, Optional.of(Given.optional(subject(), "scaleUp", rules)),
                scaleDown, rawEdits);
    }

    /**
     * A copy that removes pods no faster than {@code rules} allow, e.g.
     * {@code ScalingRules.atMost(ScalingLimit.percent(10)).per(Duration.ofMinutes(1)).stabilizedFor(Duration.ofMinutes(10))}.
     */
    public HorizontalPodAutoscalerDef withScaleDown(ScalingRules rules) {
        return new HorizontalPodAutoscalerDef(meta, workload, minReplicas, maxReplicas, targets, scaleUp,
                Optional.of(Given.optional(subject(), "scaleDown", rules)), rawEdits);
    }

    /** A copy whose scale-down waits for the load to stay low {@code seconds} (0 to 3600), keeping its other rules. */
    public HorizontalPodAutoscalerDef withScaleDownStabilizationSeconds(int seconds) {
        return withScaleDown(InvalidDefinitionException.reportedAs(subject(),
                () -> scaleDown.orElseGet(ScalingRules::defaultPolicies).stabilizedFor(Duration.ofSeconds(seconds))));
    }

    private String subject() {
        return Kind.HORIZONTAL_POD_AUTOSCALER + " " + meta.name();
    }

    public HorizontalPodAutoscalerDef withRawEdit(String reason, Consumer<HorizontalPodAutoscaler> edit) {
        return new HorizontalPodAutoscalerDef(meta, workload, minReplicas, maxReplicas, targets, scaleUp, scaleDown,
                Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }
}
