package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.gateway.GatewayInstallation;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.NodeSpread;
import dev.kforge.dsl.workload.PersistentVolumeClaimDef;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.dsl.workload.ReplicatedWorkload;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.VolumeAccessMode;
import dev.kforge.dsl.workload.VolumeDef;
import java.util.Optional;
import java.util.stream.Collectors;

/** Enough replicas to survive a node drain, spread over nodes, and a disruption budget that makes the drain wait. */
final class AvailabilityPolicyCheck implements StackCheck {

    /** A claim the workload mounts that one node (or one pod) at a time may use: the reason it may have to run one pod. */
    private static Optional<PersistentVolumeClaimDef> singleWriterDisk(ReplicatedWorkload<?> workload, StackIndex index) {
        return workload.volumes().stream().filter(VolumeDef.PersistentClaim.class::isInstance)
                .map(volume -> index.find(Kind.PERSISTENT_VOLUME_CLAIM, ((VolumeDef.PersistentClaim) volume).claim().name(),
                        PersistentVolumeClaimDef.class))
                .flatMap(Optional::stream)
                .filter(claim -> claim.accessMode() == VolumeAccessMode.READ_WRITE_ONCE || claim.accessMode() == VolumeAccessMode.READ_WRITE_ONCE_POD)
                .findFirst();
    }

    /**
     * A StatefulSet's pods each get disks of their own, so a second pod of a single-instance database is a second, empty
     * database: say so, lest the hint be followed there.
     */
    private static String ownDisks(ReplicatedWorkload<?> workload) {
        if (!(workload instanceof StatefulSetDef statefulSet) || statefulSet.claims().isEmpty()) {
            return "";
        }
        return " Each pod of " + workload.describe() + " gets disks of its own (claim template" + (statefulSet.claims().size() > 1 ? "s " : " ")
                + statefulSet.claims().stream().map(VolumeDef.ClaimTemplate::name).collect(Collectors.joining(", "))
                + "): a second pod helps only an application that replicates between its pods; a single instance, such as a "
                + "database without replication, waives the rule for that reason.";
    }

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (ReplicatedWorkload<?> workload : index.replicatedWorkloads()) {
            boolean gateway = GatewayInstallation.isGatewayDeployment(workload);
            if (stack.minimumReplicasOf(workload) < 2) {
                boolean autoscaled = stack.autoscalerOf(workload).isPresent();
                PolicyReporter.report(stack, workload, PolicyCheck.MIN_REPLICAS, "runs fewer than 2 replicas",
                        (autoscaled ? "autoscaler minReplicas: " : "replicas: ") + stack.minimumReplicasOf(workload),
                        "Run at least 2 so that one node drain is not an outage" + (autoscaled ? " (raise the autoscaler's minimum)."
                                : gateway ? ": the gateway's installation sets them, GatewayInstallation.forRouting(..).withReplicas(2)." : ".")
                                + singleWriterDisk(workload, index).map(claim -> " Its disk, " + claim.describe() + ", is "
                                        + claim.accessMode().apiValue() + ": if it must stay one pod, waive the rule for that reason.").orElse("")
                                + ownDisks(workload),
                        problems);
            }
            int mostPods = stack.autoscalerOf(workload).map(HorizontalPodAutoscalerDef::maxReplicas).orElse(workload.replicas());
            if (workload.nodeSpread() == NodeSpread.NONE && mostPods >= 2) {
                PolicyReporter.report(stack, workload, PolicyCheck.NODE_SPREAD, "may run its pods all on one node, which one node failure takes down",
                        "nodeSpread: NONE, up to " + mostPods + " pods",
                        "Remove withNodeSpread(NodeSpread.NONE): pods then prefer nodes without another pod of the " + workload.kind() + ".", problems);
            }
            boolean budgeted = index.all(PodDisruptionBudgetDef.class).stream()
                    .anyMatch(budget -> budget.workload().kind() == workload.kind() && budget.workload().name().equals(workload.name()));
            if (!budgeted) {
                PolicyReporter.report(stack, workload, PolicyCheck.DISRUPTION_BUDGET, "has no PodDisruptionBudget", "none",
                        gateway ? "Add the installation's own with GatewayInstallation.forRouting(..).withDisruptionBudget(), whose objects() then hold it."
                                : "Add PodDisruptionBudgetDef.named(\"" + workload.name() + "\").protecting(" + workload.kind().variableName() + ") to the stack.",
                        problems);
            }
        }
    }
}
