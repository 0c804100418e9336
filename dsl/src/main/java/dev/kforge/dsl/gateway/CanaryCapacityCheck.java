package dev.kforge.dsl.gateway;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.check.StackCheck;
import dev.kforge.dsl.check.StackIndex;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ReplicatedWorkload;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A canary's pods can take its share of the route: a Mapping whose share, per pod of the workload behind its Service, is
 * more than {@link #MAX_LOAD_RATIO} times the share per pod of the route's primary (the Mapping with the largest share) is
 * a warning, since each canary pod then takes that much more load than a primary pod, and a canary judged under that load
 * fails for want of replicas. The shares are Emissary's ({@link RouteShares}): a Mapping without a weight takes its part of
 * what the weights leave, so an unweighted primary beside a weighted canary counts, and so do two unweighted Mappings,
 * which split a route evenly. Pods count as the checks count them elsewhere: the fixed replicas, or an autoscaler's minimum.
 */
public final class CanaryCapacityCheck implements StackCheck {
    public static final String ID = "gateway-canary-capacity";
    /** How many times a primary pod's load a canary pod may take before it is reported. */
    static final int MAX_LOAD_RATIO = 2;

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (List<EmissaryMapping> route : GatewayReferencesCheck.routes(index.all(EmissaryMapping.class))) {
            if (route.size() < 2) {
                continue;
            }
            // Weights over 100 are GatewayReferencesCheck's error: Emissary refuses the route, so there is no split to judge.
            RouteShares.of(route).ifPresent(shares -> checkRoute(stack, index, problems, shares));
        }
    }

    private static void checkRoute(Stack stack, StackIndex index, Problems problems, RouteShares shares) {
        RouteShares.Share primary = shares.primary();
        Optional<Pods> primaryPods = podsOf(stack, index, primary.mapping());
        if (primaryPods.isEmpty()) {
            return;
        }
        for (RouteShares.Share canary : shares.shares()) {
            if (canary != primary) {
                podsOf(stack, index, canary.mapping())
                        .ifPresent(canaryPods -> checkLoad(stack, problems, shares, primary, primaryPods.get(), canary, canaryPods));
            }
        }
    }

    private static void checkLoad(Stack stack, Problems problems, RouteShares shares, RouteShares.Share primary, Pods primaryPods,
                                  RouteShares.Share canary, Pods canaryPods) {
        int primaryShare = primary.percent();
        int canaryShare = canary.percent();
        long canaryLoad = (long) canaryShare * primaryPods.replicas();
        long allowed = (long) MAX_LOAD_RATIO * primaryShare * canaryPods.replicas();
        if (canaryShare == 0 || canaryLoad <= allowed) {
            return;
        }
        long needed = (canaryLoad + (long) MAX_LOAD_RATIO * primaryShare - 1) / ((long) MAX_LOAD_RATIO * primaryShare);
        String load = canaryPods.replicas() == 0
                ? "no pod takes its " + canaryShare + "%: those requests fail"
                : "each of its pods takes " + perPod(canaryShare, canaryPods.replicas()) + "% of the traffic, each of the primary's "
                        + perPod(primaryShare, primaryPods.replicas()) + "%, more than " + MAX_LOAD_RATIO + " times as much";
        EmissaryMapping mapping = canary.mapping();
        problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), mapping,
                "sends " + canary.describe(shares) + " of prefix " + mapping.prefix() + " on host " + mapping.effectiveHostname()
                        + " to Service " + mapping.target().service().name() + ", whose " + canaryPods.describe() + ", beside Mapping "
                        + primary.mapping().name() + "'s " + primary.describe(shares) + " to Service "
                        + primary.mapping().target().service().name() + ", whose " + primaryPods.describe() + ": " + load,
                canary.weightAndShare() + " to " + pods(canaryPods.replicas()) + ", " + primary.weightAndShare() + " to "
                        + pods(primaryPods.replicas()),
                "Give " + canaryPods.workload().describe() + " at least " + count(needed, "replica") + " (withReplicas(" + needed
                        + "), or an autoscaler of that minimum), or send the canary a smaller share, primary.canary(backend, percent)."));
    }

    /** The replicated workload behind {@code mapping}'s Service in the stack, with the fewest pods it runs; empty for others. */
    private static Optional<Pods> podsOf(Stack stack, StackIndex index, EmissaryMapping mapping) {
        return index.find(Kind.SERVICE, mapping.target().service().name(), ServiceDef.class)
                .flatMap(ServiceDef::selection)
                .filter(PodSelection.OfWorkload.class::isInstance)
                .map(selection -> ((PodSelection.OfWorkload) selection).workload())
                .flatMap(workload -> index.find(workload.kind(), workload.name(), ReplicatedWorkload.class))
                .map(workload -> new Pods(workload, stack.minimumReplicasOf(workload), stack.autoscalerOf(workload).isPresent()));
    }

    /** A workload's fewest pods: its fixed replicas, or its autoscaler's minimum. */
    private record Pods(ReplicatedWorkload<?> workload, int replicas, boolean autoscaled) {
        String describe() {
            return workload.describe() + " runs " + pods(replicas) + (autoscaled ? " (its autoscaler's minimum)" : "");
        }
    }

    private static String pods(long replicas) {
        return count(replicas, "pod");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code share} percent over {@code replicas} pods, to one decimal where it has one: {@code 16.7}, {@code 25}. */
    private static String perPod(int share, int replicas) {
        String text = String.format(Locale.ROOT, "%.1f", (double) share / replicas);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
