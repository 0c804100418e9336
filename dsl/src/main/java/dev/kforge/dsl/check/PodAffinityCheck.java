package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.NodeSpread;
import dev.kforge.dsl.workload.PodAffinity;
import dev.kforge.dsl.workload.ReplicatedWorkload;
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
        for (Workload<?> workload : index.workloads()) {
            for (PodAffinity affinity : workload.pod().podAffinities()) {
                if (isAbout(affinity, workload)) {
                    continue; // refused by withPodAffinity; a template copied from another workload can still hold one
                }
                Optional<Workload<?>> other = find(index, affinity);
                if (other.isEmpty()) {
                    reportMissing(stack, workload, affinity, problems);
                } else if (affinity.required()) {
                    if (affinity.near() && other.get().runsUntilReplaced()) {
                        waitsFor.computeIfAbsent(key(workload), k -> new ArrayList<>()).add(other.get());
                    }
                    checkRequired(stack, index, workload, affinity, other.get(), problems);
                }
            }
        }
        reportCircles(stack, index, waitsFor, problems);
    }

    private static String key(Workload<?> workload) {
        return workload.kind().kind() + "/" + workload.name();
    }

    private static boolean isAbout(PodAffinity affinity, Workload<?> workload) {
        return affinity.other().kind().is(workload.kind()) && affinity.other().name().equals(workload.name());
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
        String runs = "runs its pods " + affinity.describe();
        if (workload instanceof DaemonSetDef && affinity.topology() == Topology.NODE
                && !(affinity.near() && other instanceof DaemonSetDef otherDaemons && runsEverywhere(otherDaemons))) {
            problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, runs + ", but a DaemonSet puts a pod on every node "
                            + "it may run on whatever the affinity says: those on nodes " + (affinity.near() ? "without" : "with") + " a pod of "
                            + other.describe() + " stay Pending, and its rollouts never finish", affinity.other().describe(),
                    "Make it a preference (.preferred(weight)), or choose the DaemonSet's nodes with withNodeSelector or withNodeRequirement."));
        } else if (affinity.near() && !other.runsUntilReplaced()) {
            problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, runs + ", which exist only while a run lasts, so its pods "
                            + "stay Pending the rest of the time", affinity.other().describe(),
                    "Keep it near a Deployment, StatefulSet or DaemonSet, or make it a preference: .preferred(weight)."));
        } else if (affinity.near() && PodCounts.usual(other, stack) == 0) {
            problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, runs + ", which runs no pod, so its pods stay Pending",
                    "replicas: 0", "Give " + other.describe() + " replicas, or make the affinity a preference: .preferred(weight)."));
        } else if (affinity.near()) {
            checkRoomNear(stack, workload, affinity, other, problems);
        } else if (other instanceof DaemonSetDef daemonSet && runsEverywhere(daemonSet)) {
            boolean tolerates = !daemonSet.pod().tolerations().containsAll(workload.pod().tolerations());
            problems.add(Problem.of(ID, tolerates ? Severity.WARNING : Severity.ERROR, stack.describe(), workload, runs + ", which runs a pod "
                            + "on every node (no node selector or requirement), so " + (tolerates ? "only nodes whose taints it tolerates and "
                            + other.describe() + " does not are left" : "no " + affinity.topology().noun() + " is left and its pods stay Pending"),
                    affinity.other().describe(), "Make it a preference (.preferred(weight)), or limit " + other.describe()
                            + " to some nodes (withNodeSelector)."));
        }
        checkOpposite(stack, index, workload, affinity, other, problems);
    }

    /** One workload required near the other and the other required apart from it, at a topology that holds the first's: no place suits both. */
    private static void checkOpposite(Stack stack, StackIndex index, Workload<?> workload, PodAffinity affinity, Workload<?> other,
                                      Problems problems) {
        if (!reportedHere(index, workload, other)) {
            return;
        }
        for (PodAffinity back : other.pod().podAffinities()) {
            if (!isAbout(back, workload) || !back.required()
                    || back.near() == affinity.near()) {
                continue;
            }
            PodAffinity near = affinity.near() ? affinity : back;
            PodAffinity apart = affinity.near() ? back : affinity;
            if (apart.topology().covers(near.topology())) {
                problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, "runs its pods " + affinity.describe() + ", while "
                                + other.describe() + " runs its own " + back.describe() + ": no " + near.topology().noun() + " suits both (the "
                                + "scheduler keeps a required distance both ways), so the pods of one of them stay Pending", "both required",
                        "Keep the affinity on one of them only, or make one a preference (.preferred(weight))."));
            }
        }
    }

    /**
     * Pods that must each run on a node with a pod of {@code other} and on a node of their own find at most as many nodes as
     * {@code other} has pods, and a rolling update that starts a new pod first needs one more. A required zone spread
     * next to a single pod keeps all but one pod Pending in a cluster of several zones.
     */
    private static void checkRoomNear(Stack stack, Workload<?> workload, PodAffinity affinity, Workload<?> other, Problems problems) {
        if (!(workload instanceof ReplicatedWorkload<?> replicated) || other instanceof DaemonSetDef) {
            return;
        }
        int pods = PodCounts.mostReplicas(replicated, stack);
        int fewest = PodCounts.usual(other, stack);
        int most = other instanceof ReplicatedWorkload<?> scaled ? PodCounts.mostReplicas(scaled, stack) : fewest;
        if (affinity.topology() == Topology.NODE && replicated.nodeSpread() == NodeSpread.REQUIRED) {
            int needed = pods > fewest ? pods : pods + PodCounts.surge(workload, pods);
            Optional<HorizontalPodAutoscalerDef> scaler = stack.autoscalerOf((ReplicatedWorkload<?>) other);
            String fix = "Give " + other.describe() + " at least " + needed + (scaler.isPresent() ? " pods (the minimum of "
                    + scaler.get().describe() + ")" : " replicas") + ", make the spread preferred, or make the affinity a preference "
                    + "(.preferred(weight)).";
            String each = ", each " + affinity.describe() + " and on a node of its own (withNodeSpread(NodeSpread.REQUIRED)), but ";
            if (pods > fewest) {
                problems.add(Problem.of(ID, pods > most ? Severity.ERROR : Severity.WARNING, stack.describe(), workload, "runs up to " + pods
                        + " pods" + each + counted(other, stack, fewest, most) + ": " + (pods > most ? "at most " + most + " of them can start, the "
                        + "others stay Pending" : "while it runs fewer, some of them stay Pending"), pods + " pods, " + fewest + (fewest == most
                        ? "" : " to " + most) + " node" + (most == 1 ? "" : "s"), fix));
            } else if (PodCounts.waitsForNewPods(workload, pods) && pods + PodCounts.surge(workload, pods) > most) {
                problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, "runs " + pods + " pods" + each
                                + counted(other, stack, fewest, most) + ": a rolling update starts a new pod before an old one stops, finds no "
                                + "node for it and never ends", "maxSurge " + PodCounts.surge(workload, pods) + ", maxUnavailable 0",
                        fix.replace(", make the spread", ", stop an old pod first (maxUnavailable above 0), make the spread")));
            }
        }
        if (replicated.zoneSpread() == ZoneSpread.REQUIRED && pods > 1 && most == 1) {
            problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), workload, "runs up to " + pods + " pods, each " + affinity.describe()
                            + ", and spreads them evenly over zones (withZoneSpread(ZoneSpread.REQUIRED)), but " + other.describe()
                            + " runs one pod: in a cluster of several zones only one of them can start", pods + " pods, 1 zone",
                    "Make the zone spread preferred, or the affinity a preference (.preferred(weight))."));
        }
    }

    /** {@code Deployment cache runs 2}, or {@code runs 2 to 8 (HorizontalPodAutoscaler cache)}. */
    private static String counted(Workload<?> other, Stack stack, int fewest, int most) {
        Optional<HorizontalPodAutoscalerDef> autoscaler = other instanceof ReplicatedWorkload<?> replicated ? stack.autoscalerOf(replicated)
                : Optional.empty();
        return other.describe() + " runs " + (fewest == most ? String.valueOf(fewest) : fewest + " to " + most)
                + autoscaler.map(scaler -> " (" + scaler.describe() + ")").orElse("");
    }

    /** Workloads each required near the next, round to the first: none can start first. Each circle is reported once, on its first member. */
    private static void reportCircles(Stack stack, StackIndex index, Map<String, List<Workload<?>>> waitsFor, Problems problems) {
        Set<String> reported = new TreeSet<>();
        for (Workload<?> start : index.workloads()) {
            List<Workload<?>> circle = circleFrom(start, waitsFor, new ArrayList<>(List.of(start)));
            if (circle == null || !reported.add(String.join(",", new TreeSet<>(circle.stream().map(PodAffinityCheck::key).toList())))) {
                continue;
            }
            List<String> chain = new ArrayList<>(circle.stream().map(Workload::describe).toList());
            chain.add(start.describe());
            problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), start, "runs its pods only near the pods of "
                            + circle.get(1 % circle.size()).describe() + ", and the workloads wait for each other in a circle ("
                            + String.join(" -> ", chain) + "): each needs a pod of the next to be running, so none ever starts",
                    "required pod affinities", "Drop the affinity of the workload that should start first, or make it a preference "
                            + "(.preferred(weight))."));
        }
    }

    /** The workloads from {@code path}'s first around back to it through required near affinities, or null; depth-first. */
    private static List<Workload<?>> circleFrom(Workload<?> start, Map<String, List<Workload<?>>> waitsFor, List<Workload<?>> path) {
        for (Workload<?> next : waitsFor.getOrDefault(key(path.get(path.size() - 1)), List.of())) {
            if (key(next).equals(key(start))) {
                return path;
            }
            if (path.stream().noneMatch(seen -> key(seen).equals(key(next)))) {
                path.add(next);
                List<Workload<?>> circle = circleFrom(start, waitsFor, path);
                if (circle != null) {
                    return circle;
                }
                path.remove(path.size() - 1);
            }
        }
        return null;
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
