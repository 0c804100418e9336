package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Workloads whose required pod affinities wait for each other in a circle: none of them can start first. */
final class AffinityCircles {
    private AffinityCircles() {
    }

    /**
     * Workloads each required near the next, round to the first: none can start first. Found as the strongly connected
     * groups of the "waits for" graph (Tarjan's algorithm, linear in the affinities); each group is reported once, on its
     * first workload in stack order, with one circle through it.
     */
    static void report(Stack stack, StackIndex index, Map<String, List<Workload<?>>> waitsFor, Problems problems) {
        if (waitsFor.isEmpty()) {
            return;
        }
        for (List<Workload<?>> group : new StronglyConnected(waitsFor).groups(index.workloads())) {
            if (group.size() < 2) {
                continue;
            }
            Workload<?> first = index.workloads().stream().filter(workload -> group.stream().anyMatch(member -> PodAffinityCheck.key(member).equals(PodAffinityCheck.key(workload))))
                    .findFirst().orElseThrow();
            List<Workload<?>> circle = circleThrough(first, group, waitsFor);
            List<String> chain = new ArrayList<>(circle.stream().map(Workload::describe).toList());
            chain.add(first.describe());
            if (chain.size() > 8) { // a long circle: its start, and its way back
                int members = circle.size();
                chain = new ArrayList<>(List.of(chain.get(0), chain.get(1), chain.get(2), "... " + (members - 4) + " more",
                        chain.get(members - 1), chain.get(members)));
            }
            problems.add(Problem.of(PodAffinityCheck.ID, Severity.ERROR, stack.describe(), first, "runs its pods only near the pods of "
                            + circle.get(1).describe() + ", and the workloads wait for each other in a circle (" + String.join(" -> ", chain)
                            + "): each needs a pod of the next to be running, so none ever starts", "required pod affinities",
                    "Drop the affinity of the workload that should start first, or make it a preference (.preferred(weight))."));
        }
    }

    /** A shortest circle from {@code first} back to it within its group: breadth first, each workload once. */
    private static List<Workload<?>> circleThrough(Workload<?> first, List<Workload<?>> group, Map<String, List<Workload<?>>> waitsFor) {
        Set<String> members = new TreeSet<>(group.stream().map(PodAffinityCheck::key).toList());
        Map<String, Workload<?>> cameFrom = new LinkedHashMap<>();
        ArrayDeque<Workload<?>> queue = new ArrayDeque<>(List.of(first));
        while (!queue.isEmpty()) {
            Workload<?> current = queue.poll();
            for (Workload<?> next : waitsFor.getOrDefault(PodAffinityCheck.key(current), List.of())) {
                if (PodAffinityCheck.key(next).equals(PodAffinityCheck.key(first))) {
                    List<Workload<?>> circle = new ArrayList<>(List.of(current));
                    while (!PodAffinityCheck.key(circle.get(0)).equals(PodAffinityCheck.key(first))) {
                        circle.add(0, cameFrom.get(PodAffinityCheck.key(circle.get(0))));
                    }
                    return circle;
                }
                if (members.contains(PodAffinityCheck.key(next)) && !cameFrom.containsKey(PodAffinityCheck.key(next))) {
                    cameFrom.put(PodAffinityCheck.key(next), current);
                    queue.add(next);
                }
            }
        }
        throw new IllegalStateException("no circle through " + first.describe()); // a strongly connected group has one
    }

    /** Tarjan's strongly connected components over workloads keyed by kind and name. */
    private static final class StronglyConnected {
        private final Map<String, List<Workload<?>>> edges;
        private final Map<String, Integer> order = new LinkedHashMap<>();
        private final Map<String, Integer> lowest = new LinkedHashMap<>();
        private final ArrayDeque<Workload<?>> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<List<Workload<?>>> groups = new ArrayList<>();

        StronglyConnected(Map<String, List<Workload<?>>> edges) {
            this.edges = edges;
        }

        List<List<Workload<?>>> groups(List<Workload<?>> workloads) {
            for (Workload<?> workload : workloads) {
                if (!order.containsKey(PodAffinityCheck.key(workload))) {
                    visit(workload);
                }
            }
            return groups;
        }

        // Recursive: a chain of affinities is as deep as the stack has workloads, hundreds at most.
        private void visit(Workload<?> workload) {
            String at = PodAffinityCheck.key(workload);
            order.put(at, order.size());
            lowest.put(at, order.get(at));
            stack.push(workload);
            onStack.add(at);
            for (Workload<?> next : edges.getOrDefault(at, List.of())) {
                String to = PodAffinityCheck.key(next);
                if (!order.containsKey(to)) {
                    visit(next);
                    lowest.put(at, Math.min(lowest.get(at), lowest.get(to)));
                } else if (onStack.contains(to)) {
                    lowest.put(at, Math.min(lowest.get(at), order.get(to)));
                }
            }
            if (lowest.get(at).equals(order.get(at))) {
                List<Workload<?>> group = new ArrayList<>();
                Workload<?> member;
                do {
                    member = stack.pop();
                    onStack.remove(PodAffinityCheck.key(member));
                    group.add(member);
                } while (!PodAffinityCheck.key(member).equals(at));
                groups.add(group);
            }
        }
    }
}
