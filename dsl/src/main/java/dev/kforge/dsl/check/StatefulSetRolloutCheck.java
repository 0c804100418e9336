package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.StatefulSetUpdate;

/**
 * A partitioned rolling update rolls only the pods numbered from its partition up: at or above the
 * pod count it rolls none, so a template change (a new image) reaches no pod until it is lowered.
 * That is how an update is staged, so it warns rather than fails.
 */
final class StatefulSetRolloutCheck implements StackCheck {
    static final String ID = "rollout-partition";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (StatefulSetDef statefulSet : index.all(StatefulSetDef.class)) {
            if (!(statefulSet.update() instanceof StatefulSetUpdate.Rolling rolling) || rolling.partition() == 0) {
                continue;
            }
            int pods = stack.autoscalerOf(statefulSet).map(HorizontalPodAutoscalerDef::minReplicas).orElse(statefulSet.replicas());
            if (rolling.partition() >= pods) {
                String counted = stack.autoscalerOf(statefulSet).isPresent() ? "its autoscaler may run as few as " + pods : "it runs " + pods;
                problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), statefulSet, "rolls only pods numbered " + rolling.partition()
                                + " and up, but " + counted + " (" + statefulSet.name() + "-0 to " + statefulSet.name() + "-" + (pods - 1)
                                + "): a change of its pods reaches none of them until the partition is lowered",
                        "partition: " + rolling.partition(), "Use StatefulSetUpdate.rollingFrom(n) with n below " + pods
                                + " to roll the highest pods first, or StatefulSetUpdate.ROLLING to roll them all."));
            }
        }
    }
}
