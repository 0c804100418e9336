package dev.kforge.dsl.render;

import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.NodeSpread;
import dev.kforge.dsl.workload.ReplicatedWorkload;
import dev.kforge.dsl.workload.ZoneSpread;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAntiAffinity;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.List;

/** How the scheduler spreads a workload's pods: over nodes (anti-affinity) and over zones (a topology spread constraint). */
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
     * At most one pod more in any zone, counting the workload's own pods (only those sharing the values of
     * {@code matchLabelKeys}, when given); none for {@link ZoneSpread#NONE}.
     */
    static List<TopologySpreadConstraint> acrossZones(ReplicatedWorkload<?> workload, Stack stack, List<String> matchLabelKeys) {
        if (workload.zoneSpread() == ZoneSpread.NONE) {
            return null;
        }
        TopologySpreadConstraint constraint = new TopologySpreadConstraint();
        constraint.setMaxSkew(1);
        constraint.setTopologyKey(ZoneSpread.ZONE_TOPOLOGY_KEY);
        constraint.setWhenUnsatisfiable(workload.zoneSpread().whenUnsatisfiable());
        constraint.setLabelSelector(Metadata.podsOf(stack, workload));
        constraint.setMatchLabelKeys(matchLabelKeys.isEmpty() ? null : new ArrayList<>(matchLabelKeys));
        return new ArrayList<>(List.of(constraint)); // mutable, as every list the DSL renders: raw edits may add to it
    }
}
