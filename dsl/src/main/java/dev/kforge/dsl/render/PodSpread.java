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
     * affinity); none for {@link NodeSpread#NONE}.
     */
    static void acrossNodes(PodSpec pod, ReplicatedWorkload<?> workload, Stack stack) {
        if (workload.nodeSpread() == NodeSpread.NONE) {
            return;
        }
        PodAffinityTerm term = new PodAffinityTerm();
        term.setLabelSelector(Metadata.podsOf(stack, workload));
        term.setTopologyKey(NodeSpread.NODE_TOPOLOGY_KEY);
        PodAntiAffinity antiAffinity = new PodAntiAffinity();
        if (workload.nodeSpread() == NodeSpread.REQUIRED) {
            antiAffinity.setRequiredDuringSchedulingIgnoredDuringExecution(new ArrayList<>(List.of(term)));
        } else {
            antiAffinity.setPreferredDuringSchedulingIgnoredDuringExecution(new ArrayList<>(List.of(new WeightedPodAffinityTerm(term, 100))));
        }
        if (pod.getAffinity() == null) {
            pod.setAffinity(new Affinity());
        }
        pod.getAffinity().setPodAntiAffinity(antiAffinity);
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
        constraint.setMatchLabelKeys(matchLabelKeys.isEmpty() ? null : matchLabelKeys);
        return List.of(constraint);
    }
}
