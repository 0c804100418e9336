package dev.kforge.dsl.render;

import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.NodeInclusionPolicy;
import dev.kforge.dsl.workload.NodeSpread;
import dev.kforge.dsl.workload.ReplicatedWorkload;
import dev.kforge.dsl.workload.TopologySpread;
import dev.kforge.dsl.workload.ZoneSpread;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAntiAffinity;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.List;

/**
 * How the scheduler spreads a workload's pods: over nodes (anti-affinity), over zones and over the topology keys of its
 * {@link TopologySpread}s (topology spread constraints).
 */
final class PodSpread {
    private PodSpread() {
    }

    /**
     * Adds pod anti-affinity against the workload's own pods, per node, to {@code pod}'s affinity (beside its node
     * affinity and its terms about other workloads); none for {@link NodeSpread#NONE}.
     */
    static void acrossNodes(PodSpec pod, ReplicatedWorkload<?> workload, Stack stack) {
        if (workload.nodeSpread() == NodeSpread.NONE) {
            return;
        }
        PodAffinityTerm term = new PodAffinityTerm();
        term.setLabelSelector(Metadata.podsOf(stack, workload));
        term.setTopologyKey(NodeSpread.NODE_TOPOLOGY_KEY);
        if (pod.getAffinity() == null) {
            pod.setAffinity(new Affinity());
        }
        if (pod.getAffinity().getPodAntiAffinity() == null) {
            pod.getAffinity().setPodAntiAffinity(new PodAntiAffinity(new ArrayList<>(), new ArrayList<>()));
        }
        // First, before the terms about other workloads' pods (PodAffinity.apartFrom).
        PodAntiAffinity antiAffinity = pod.getAffinity().getPodAntiAffinity();
        if (workload.nodeSpread() == NodeSpread.REQUIRED) {
            antiAffinity.getRequiredDuringSchedulingIgnoredDuringExecution().add(0, term);
        } else {
            antiAffinity.getPreferredDuringSchedulingIgnoredDuringExecution().add(0, new WeightedPodAffinityTerm(term, 100));
        }
    }

    /**
     * The workload's spread constraints, counting its own pods (only those sharing the values of {@code matchLabelKeys},
     * when given): the zone spread first (at most one pod more in any zone; none for {@link ZoneSpread#NONE}), then its
     * {@link TopologySpread}s in the order given; null when there are none.
     */
    static List<TopologySpreadConstraint> constraints(ReplicatedWorkload<?> workload, Stack stack, List<String> matchLabelKeys) {
        List<TopologySpreadConstraint> constraints = new ArrayList<>(); // mutable, as every list the DSL renders: raw edits may add to it
        if (workload.zoneSpread() != ZoneSpread.NONE) {
            constraints.add(constraint(workload, stack, matchLabelKeys, ZoneSpread.ZONE_TOPOLOGY_KEY, 1, workload.zoneSpread().whenUnsatisfiable()));
        }
        for (TopologySpread spread : workload.topologySpreads()) {
            TopologySpreadConstraint constraint = constraint(workload, stack, matchLabelKeys, spread.topologyKey(), spread.maxSkew(),
                    spread.whenUnsatisfiable());
            constraint.setMinDomains(spread.minDomains().orElse(null));
            constraint.setNodeAffinityPolicy(spread.nodeAffinityPolicy().map(NodeInclusionPolicy::apiValue).orElse(null));
            constraint.setNodeTaintsPolicy(spread.nodeTaintsPolicy().map(NodeInclusionPolicy::apiValue).orElse(null));
            constraints.add(constraint);
        }
        return constraints.isEmpty() ? null : constraints;
    }

    private static TopologySpreadConstraint constraint(ReplicatedWorkload<?> workload, Stack stack, List<String> matchLabelKeys,
                                                       String topologyKey, int maxSkew, String whenUnsatisfiable) {
        TopologySpreadConstraint constraint = new TopologySpreadConstraint();
        constraint.setMaxSkew(maxSkew);
        constraint.setTopologyKey(topologyKey);
        constraint.setWhenUnsatisfiable(whenUnsatisfiable);
        constraint.setLabelSelector(Metadata.podsOf(stack, workload));
        constraint.setMatchLabelKeys(matchLabelKeys.isEmpty() ? null : new ArrayList<>(matchLabelKeys));
        return constraint;
    }
}
