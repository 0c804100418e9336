package dev.kforge.dsl.check;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.NodeSpread;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;

/** Enough replicas to survive a node drain, spread over nodes, and a disruption budget that makes the drain wait. */
final class AvailabilityPolicyCheck implements StackCheck {

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (DeploymentDef deployment : index.all(DeploymentDef.class)) {
            if (stack.minimumReplicasOf(deployment) < 2) {
                boolean autoscaled = stack.autoscalerOf(deployment).isPresent();
                PolicyReporter.report(stack, deployment, PolicyCheck.MIN_REPLICAS, "runs fewer than 2 replicas",
                        (autoscaled ? "autoscaler minReplicas: " : "replicas: ") + stack.minimumReplicasOf(deployment),
                        "Run at least 2 so that one node drain is not an outage" + (autoscaled ? " (raise the autoscaler's minimum)." : "."),
                        problems);
            }
            int mostPods = stack.autoscalerOf(deployment).map(HorizontalPodAutoscalerDef::maxReplicas).orElse(deployment.replicas());
            if (deployment.nodeSpread() == NodeSpread.NONE && mostPods >= 2) {
                PolicyReporter.report(stack, deployment, PolicyCheck.NODE_SPREAD, "may run its pods all on one node, which one node failure takes down",
                        "nodeSpread: NONE, up to " + mostPods + " pods",
                        "Remove withNodeSpread(NodeSpread.NONE): pods then prefer nodes without another pod of the Deployment.", problems);
            }
            boolean budgeted = index.all(PodDisruptionBudgetDef.class).stream()
                    .anyMatch(budget -> budget.workload().name().equals(deployment.name()));
            if (!budgeted) {
                PolicyReporter.report(stack, deployment, PolicyCheck.DISRUPTION_BUDGET, "has no PodDisruptionBudget", "none",
                        "Add PodDisruptionBudgetDef.named(\"" + deployment.name() + "\").protecting(deployment) to the stack.", problems);
            }
        }
    }
}
