package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.NodeSpread;
import dev.kforge.dsl.workload.PodAffinity;
import dev.kforge.dsl.workload.ReplicatedWorkload;
import dev.kforge.dsl.workload.Toleration;
import dev.kforge.dsl.workload.Topology;
import dev.kforge.dsl.workload.Workload;
import dev.kforge.dsl.workload.ZoneSpread;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pod affinities the scheduler cannot satisfy, found before anything is applied: the pods would stay
 * Pending with no error anywhere but their events. A required affinity needs the other workload's pods
 * to be there (in the stack, running all the time, on enough nodes), a DaemonSet's pods go to every
 * node whatever their affinity says, and workloads may not wait for each other in a circle or want to
 * be both near and apart.
 */
final class PodAffinityCheck implements StackCheck {
    static final String ID = "pod-affinity";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        Map<String, List<Workload<?>>> waitsFor = new LinkedHashMap<>();
        Set<String> reportedPairs = new TreeSet<>(); // pairs already judged for near-vs-apart, or reported for a DaemonSet
        for (Workload<?> workload : index.workloads()) {
            for (PodAffinity affinity : workload.pod().podAffinities()) {
                if (affinity.isAbout(workload)) {
                    continue; // refused by withPodAffinity; a template copied from another workload can still hold one
                }
                Optional<Workload<?>> other = find(index, affinity);
                if (other.isEmpty()) {
                    reportMissing(stack, workload, affinity, problems);
                } else if (affinity.required()) {
                    // A DaemonSet's required terms are reported on their own (its pods go to every node regardless).
                    if (affinity.near() && other.get().runsUntilReplaced() && !(workload instanceof DaemonSetDef)) {
                        waitsFor.computeIfAbsent(key(workload), k -> new ArrayList<>()).add(other.get());
                    }
                    checkRequired(stack, workload, affinity, other.get(), reportedPairs, problems);
                }
            }
        }
        AffinityCircles.report(stack, index, waitsFor, problems);
    }

    /** A workload's kind and name, which tell it from the others of a stack. */
    static String key(Workload<?> workload) {
        return workload.kind().kind() + "/" + workload.name();
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

    private static void checkRequired(Stack stack, Workload<?> workload, PodAffinity affinity, Workload<?> other, Set<String> reportedPairs,
                                      Problems problems) {
        String runs = "runs its pods " + affinity.describe();
        String pair = pairKey(workload, other);
        if (workload instanceof DaemonSetDef daemonSet && !(affinity.near() && other instanceof DaemonSetDef otherDaemons
                && runsWherever(otherDaemons, daemonSet))) {
            reportedPairs.add(pair);
            reportDaemonSetTerm(stack, daemonSet, affinity, other, problems);
        } else if (affinity.near() && !other.runsUntilReplaced()) {
            problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, runs + ", which exist only while a run lasts, so its pods "
                            + "stay Pending the rest of the time", affinity.other().describe(),
                    "Keep it near a Deployment, StatefulSet or DaemonSet, or make it a preference: .preferred(weight)."));
        } else if (affinity.near() && PodCounts.usual(other, stack) == 0) {
            problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, runs + ", which runs no pod, so its pods stay Pending",
                    "replicas: 0", "Give " + other.describe() + " replicas, or make the affinity a preference: .preferred(weight)."));
        } else if (affinity.near() && affinity.topology() == Topology.NODE && conflictingSelector(workload, other).isPresent()) {
            String key = conflictingSelector(workload, other).get();
            problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, runs + ", but its node selector and that of "
                            + other.describe() + " want different nodes: no node is both", key + "=" + workload.pod().nodeSelector().get(key)
                            + ", " + key + "=" + other.pod().nodeSelector().get(key),
                    "Give both the same node selector, or make the affinity a preference (.preferred(weight))."));
        } else if (affinity.near()) {
            checkRoomNear(stack, workload, affinity, other, problems);
        } else if (other instanceof DaemonSetDef daemonSet && runsEverywhere(daemonSet)) {
            reportedPairs.add(pair);
            reportApartFromEveryNode(stack, workload, affinity, daemonSet, problems);
        }
        if (reportedPairs.add(pair)) {
            checkOpposite(stack, workload, affinity, other, reportedPairs, pair, problems);
        }
    }

    /** A DaemonSet's pods go to every node they may run on, whatever their affinity: those that cannot meet it wait. */
    private static void reportDaemonSetTerm(Stack stack, DaemonSetDef daemonSet, PodAffinity affinity, Workload<?> other, Problems problems) {
        boolean certain = affinity.topology() == Topology.NODE || !affinity.near();
        problems.add(Problem.of(ID, certain ? Severity.ERROR : Severity.WARNING, stack.describe(), daemonSet, "runs its pods "
                        + affinity.describe() + ", but a DaemonSet puts a pod on every node it may run on whatever the affinity says: those on "
                        + "nodes " + (affinity.near() ? "without" : "with") + " a pod of " + other.describe()
                        + (affinity.topology() == Topology.ZONE ? " in their zone" : "")
                        + (certain ? " stay Pending, and its rollouts never finish" : " stay Pending where a zone has none"),
                affinity.other().describe(), "Make it a preference (.preferred(weight))" + (affinity.near() && other instanceof DaemonSetDef
                        ? ", or run it only on nodes where " + other.describe() + " runs (its node selector, requirements and tolerations)."
                        : ", or choose the DaemonSet's nodes with withNodeSelector or withNodeRequirement.")));
    }

    /**
     * Apart from a DaemonSet on every node: no node is left, unless the pods tolerate a taint the DaemonSet does not (nodes
     * free of it are left, a warning); no zone is left either way.
     */
    private static void reportApartFromEveryNode(Stack stack, Workload<?> workload, PodAffinity affinity, DaemonSetDef daemonSet,
                                                 Problems problems) {
        boolean nodesLeft = affinity.topology() == Topology.NODE && !tolerates(daemonSet, workload.pod().tolerations());
        problems.add(Problem.of(ID, nodesLeft ? Severity.WARNING : Severity.ERROR, stack.describe(), workload, "runs its pods "
                        + affinity.describe() + ", which runs a pod on every node (no node selector or requirement), so " + (nodesLeft
                        ? "only nodes whose taints it tolerates and " + daemonSet.describe() + " does not are left"
                        : "no " + affinity.topology().noun() + " is left and its pods stay Pending"),
                affinity.other().describe(), "Make it a preference (.preferred(weight)), or limit " + daemonSet.describe()
                        + " to some nodes (withNodeSelector)."));
    }

    /** The workloads of a pair in a fixed order, so either side finds the pair's key. */
    private static String pairKey(Workload<?> workload, Workload<?> other) {
        String a = key(workload);
        String b = key(other);
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    /** A node selector key both workloads give different values: no node carries both. */
    private static Optional<String> conflictingSelector(Workload<?> workload, Workload<?> other) {
        for (Map.Entry<String, String> entry : workload.pod().nodeSelector().entries().entrySet()) {
            String theirs = other.pod().nodeSelector().get(entry.getKey());
            if (theirs != null && !theirs.equals(entry.getValue())) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * One workload required near the other and the other required apart from it, at a topology that holds the first's:
     * no place suits both. Reported once per pair ({@code pair} was just added to {@code reportedPairs}).
     */
    private static void checkOpposite(Stack stack, Workload<?> workload, PodAffinity affinity, Workload<?> other, Set<String> reportedPairs,
                                      String pair, Problems problems) {
        for (PodAffinity back : other.pod().podAffinities()) {
            if (!back.isAbout(workload) || !back.required() || back.near() == affinity.near()) {
                continue;
            }
            PodAffinity near = affinity.near() ? affinity : back;
            PodAffinity apart = affinity.near() ? back : affinity;
            if (apart.topology().covers(near.topology())) {
                problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, "runs its pods " + affinity.describe() + ", while "
                                + other.describe() + " runs its own " + back.describe() + ": no " + near.topology().noun() + " suits both (the "
                                + "scheduler keeps a required distance both ways), so the pods of one of them stay Pending", "both required",
                        "Keep the affinity on one of them only, or make one a preference (.preferred(weight))."));
                return;
            }
        }
        reportedPairs.remove(pair); // nothing found: another affinity of the pair may still be checked
    }

    /**
     * Pods that must each run on a node with a pod of {@code other} and on a node of their own find at most as many nodes as
     * {@code other} has pods, and a rolling update that starts a new pod before stopping an old one needs one node more
     * (once it is ready an old pod stops, freeing a node for the next). A required zone spread next to a single pod keeps
     * all but one pod Pending in a cluster of several zones. Past the other's most pods: an error; past its fewest (an
     * autoscaler's minimum): a warning.
     */
    private static void checkRoomNear(Stack stack, Workload<?> workload, PodAffinity affinity, Workload<?> other, Problems problems) {
        if (!(workload instanceof ReplicatedWorkload<?> replicated) || other instanceof DaemonSetDef) {
            return;
        }
        int pods = PodCounts.mostReplicas(replicated, stack);
        int fewest = PodCounts.usual(other, stack);
        int most = other instanceof ReplicatedWorkload<?> scaled ? PodCounts.mostReplicas(scaled, stack) : fewest;
        Optional<HorizontalPodAutoscalerDef> scaler = other instanceof ReplicatedWorkload<?> scaled ? stack.autoscalerOf(scaled) : Optional.empty();
        if (affinity.topology() == Topology.NODE && replicated.nodeSpread() == NodeSpread.REQUIRED) {
            // A literal maxUnavailable of 0 is WorkloadReferencesCheck's to report (spread-blocks-rollout).
            // Only a Deployment's rolling update starts a new pod first; a literal maxUnavailable of 0 is reported elsewhere.
            DeploymentStrategy.RollingUpdate rolling = replicated instanceof DeploymentDef deployment
                    && deployment.strategy() instanceof DeploymentStrategy.RollingUpdate update ? update : null;
            boolean rollsOneMore = rolling != null && PodCounts.waitsForNewPods(workload, pods) && !rolling.maxUnavailable().isZero();
            int needed = pods + (rollsOneMore ? 1 : 0);
            if (needed <= fewest) {
                return;
            }
            boolean certain = needed > most;
            String each = " pod" + (pods == 1 ? "" : "s") + ", each " + affinity.describe() + " and on a node of its own "
                    + "(withNodeSpread(NodeSpread.REQUIRED)), but " + counted(other, stack, fewest, most) + ": ";
            String outcome = pods > (certain ? most : fewest)
                    ? (certain ? "at most " + most + " of them can start, the others stay Pending" : "while it runs fewer, some of them stay Pending")
                    : "a rolling update starts a new pod before an old one stops, finds no node for it and never ends"
                    + (certain ? "" : " while it runs " + fewest);
            String give = scaler.map(autoscaler -> needed < autoscaler.maxReplicas()
                            ? "Raise the minimum of " + autoscaler.describe() + " to " + needed + " (between(" + needed + ", " + autoscaler.maxReplicas() + "))"
                            : "Run " + other.describe() + " at a fixed withReplicas(" + needed + ") instead of " + autoscaler.describe())
                    .orElse("Give " + other.describe() + " at least " + needed + " replicas")
                    + (other instanceof ReplicatedWorkload<?> spread && spread.nodeSpread() != NodeSpread.REQUIRED
                            ? ", each on a node of its own (withNodeSpread(NodeSpread.REQUIRED) on it)" : "");
            problems.add(Problem.of(ID, certain ? Severity.ERROR : Severity.WARNING, stack.describe(), workload, "runs " + (stack.autoscalerOf(replicated).isPresent() ? "up to " : "") + pods
                            + each + outcome, pods + " pod" + (pods == 1 ? "" : "s") + (rollsOneMore ? " and 1 more during a rollout (maxUnavailable "
                            + rolling.maxUnavailable() + " of " + pods + " is 0)" : "") + ", "
                            + fewest + (fewest == most ? "" : " to " + most) + " node" + (most == 1 ? "" : "s"),
                    give + (rollsOneMore ? "; or stop an old pod first (maxUnavailable above 0)" : "") + "; or make its own spread "
                            + "preferred, or the affinity a preference (.preferred(weight))."));
            return; // the zone spread below has the same cause
        }
        if (replicated.zoneSpread() == ZoneSpread.REQUIRED && pods > 1 && fewest == 1) {
            problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), workload, "runs " + (stack.autoscalerOf(replicated).isPresent()
                            ? "up to " : "") + pods + " pods, each " + affinity.describe() + ", and spreads them evenly over zones (withZoneSpread(ZoneSpread.REQUIRED)), but " + other.describe()
                            + (most == 1 ? " runs one pod" : " may run one pod") + ": in a cluster of several zones only one of them can start",
                    pods + " pods, 1 zone", "Make the zone spread preferred, or the affinity a preference (.preferred(weight))."));
        }
    }

    /** {@code Deployment cache runs 2}, or {@code runs 2 to 8 (HorizontalPodAutoscaler cache)}. */
    private static String counted(Workload<?> other, Stack stack, int fewest, int most) {
        Optional<HorizontalPodAutoscalerDef> autoscaler = other instanceof ReplicatedWorkload<?> replicated ? stack.autoscalerOf(replicated)
                : Optional.empty();
        return other.describe() + " runs " + (fewest == most ? String.valueOf(fewest) : fewest + " to " + most)
                + autoscaler.map(scaler -> " (" + scaler.describe() + ")").orElse("");
    }

    /** Whether the pods of {@code other} may run on every node {@code daemonSet} may: its selector, requirements and tolerations allow them. */
    private static boolean runsWherever(DaemonSetDef other, DaemonSetDef daemonSet) {
        return other.pod().nodeSelector().isSubsetOf(daemonSet.pod().nodeSelector())
                && daemonSet.pod().nodeAffinity().required().containsAll(other.pod().nodeAffinity().required())
                && tolerates(other, daemonSet.pod().tolerations());
    }

    /** Whether {@code daemonSet}'s pods tolerate every taint {@code tolerations} do. */
    private static boolean tolerates(DaemonSetDef daemonSet, List<Toleration> tolerations) {
        List<Toleration> own = daemonSet.pod().tolerations();
        return own.contains(Toleration.everything()) || own.containsAll(tolerations);
    }

    private static boolean runsEverywhere(DaemonSetDef daemonSet) {
        return daemonSet.pod().nodeSelector().isEmpty() && daemonSet.pod().nodeAffinity().required().isEmpty();
    }
}
