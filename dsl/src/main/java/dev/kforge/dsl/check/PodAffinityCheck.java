package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.NodeSpread;
import dev.kforge.dsl.workload.PodAffinity;
import dev.kforge.dsl.workload.ReplicatedWorkload;
import dev.kforge.dsl.workload.Topology;
import dev.kforge.dsl.workload.Workload;
import java.util.Optional;

/**
 * Pod affinities the scheduler can never satisfy, found before anything is applied: the pods would stay
 * Pending with no error anywhere but their events. A required affinity needs the other workload's pods
 * to be there (in the stack, running all the time, on enough nodes or zones), and two workloads may not
 * each wait for the other or want both near and apart.
 */
final class PodAffinityCheck implements StackCheck {
    static final String ID = "pod-affinity";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (Workload<?> workload : index.workloads()) {
            for (PodAffinity affinity : workload.pod().podAffinities()) {
                Optional<Workload<?>> other = find(index, affinity);
                if (other.isEmpty()) {
                    reportMissing(stack, workload, affinity, problems);
                } else if (affinity.required()) {
                    checkRequired(stack, index, workload, affinity, other.get(), problems);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<Workload<?>> find(StackIndex index, PodAffinity affinity) {
        return index.find(affinity.other().kind(), affinity.other().name(), Workload.class).map(found -> (Workload<?>) found);
    }

    private static void reportMissing(Stack stack, Workload<?> workload, PodAffinity affinity, Problems problems) {
        boolean waits = affinity.required() && affinity.near();
        problems.add(Problem.of(ID, waits ? Severity.ERROR : Severity.WARNING, stack.describe(), workload, "runs its pods "
                        + affinity.describe() + ", which is not in the stack: " + (waits ? "no such pod ever runs here, so its pods stay Pending"
                        : "the affinity has no effect"), affinity.other().describe(),
                "Add " + affinity.other().describe() + " to the stack (stack.with(...)), or drop the affinity."));
    }

    private static void checkRequired(Stack stack, StackIndex index, Workload<?> workload, PodAffinity affinity, Workload<?> other,
                                      Problems problems) {
        if (affinity.near() && !other.runsUntilReplaced()) {
            problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, "runs its pods " + affinity.describe() + ", which exist "
                            + "only while a run lasts, so its pods stay Pending the rest of the time", affinity.other().describe(),
                    "Keep it near a Deployment, StatefulSet or DaemonSet, or make it a preference: .preferred(weight)."));
        } else if (affinity.near()) {
            checkRoomNear(stack, workload, affinity, other, problems);
        } else if (other instanceof DaemonSetDef daemonSet && runsEverywhere(daemonSet)) {
            problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, "runs its pods " + affinity.describe() + ", which runs a "
                            + "pod on every node (no node selector or requirement), so no " + affinity.topology().noun()
                            + " is left and its pods stay Pending", affinity.other().describe(),
                    "Make it a preference (.preferred(weight)), or limit " + other.describe() + " to some nodes (withNodeSelector)."));
        }
        for (PodAffinity back : other.pod().podAffinities()) {
            boolean aboutWorkload = back.other().kind().is(workload.kind()) && back.other().name().equals(workload.name());
            if (!aboutWorkload || !back.required() || back.topology() != affinity.topology() || !reportedHere(index, workload, other)) {
                continue;
            }
            if (back.near() != affinity.near()) {
                problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, "runs its pods " + affinity.describe() + ", while "
                                + other.describe() + " runs its own " + back.describe() + ": no " + affinity.topology().noun()
                                + " suits both, so the pods of one of them stay Pending", "both required",
                        "Keep the affinity on one of them only, or make one a preference (.preferred(weight))."));
            } else if (affinity.near()) {
                problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, "runs its pods " + affinity.describe() + ", while "
                                + other.describe() + " runs its own " + back.describe() + ": each waits for a pod of the other, "
                                + "so neither ever starts", "both required",
                        "Keep the affinity on the workload that follows the other only, or make one a preference (.preferred(weight))."));
            }
        }
    }

    /**
     * Pods that must each run on a node with a pod of {@code other} and on a node of their own find at most as many nodes as
     * {@code other} has pods; a DaemonSet has one on every node. (Zones are not counted: a zone spread's skew depends on
     * how many zones the cluster has.)
     */
    private static void checkRoomNear(Stack stack, Workload<?> workload, PodAffinity affinity, Workload<?> other, Problems problems) {
        if (!(workload instanceof ReplicatedWorkload<?> replicated) || other instanceof DaemonSetDef || affinity.topology() != Topology.NODE
                || replicated.nodeSpread() != NodeSpread.REQUIRED) {
            return;
        }
        int nodes = PodCounts.usual(other, stack);
        int pods = PodCounts.mostReplicas(replicated, stack);
        if (pods > nodes) {
            problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, "runs up to " + pods + " pods, each " + affinity.describe()
                            + " and on a node of its own (withNodeSpread(NodeSpread.REQUIRED)), but " + other.describe() + " runs " + nodes
                            + ": at most " + nodes + " of them can start, the others stay Pending",
                    pods + " pods, " + nodes + " node" + (nodes == 1 ? "" : "s"),
                    "Give " + other.describe() + " at least " + pods + " replicas, make the spread preferred, or make the affinity a "
                            + "preference (.preferred(weight))."));
        }
    }

    /** A pair of workloads with affinities about each other is reported once, on the first of the stack. */
    private static boolean reportedHere(StackIndex index, Workload<?> workload, Workload<?> other) {
        for (Object object : index.objects()) {
            if (object == workload || object == other) {
                return object == workload;
            }
        }
        return false;
    }

    private static boolean runsEverywhere(DaemonSetDef daemonSet) {
        return daemonSet.pod().nodeSelector().isEmpty() && daemonSet.pod().nodeAffinity().required().isEmpty();
    }
}
