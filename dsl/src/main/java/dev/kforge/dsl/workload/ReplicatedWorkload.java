package dev.kforge.dsl.workload;

import java.util.List;
import java.util.Optional;

/**
 * A workload that keeps a number of pods running, a {@link DeploymentDef} or {@link StatefulSetDef}: what a
 * Service selects, a disruption budget protects, an autoscaler scales and the availability rules
 * (replicas, node and zone spread, isolation) are about.
 *
 * @param <T> the implementing type, so that withers keep it
 */
public interface ReplicatedWorkload<T extends ReplicatedWorkload<T>> extends Workload<T> {

    /** The pods to run, when fixed with {@code withReplicas}; empty: 1, or what an autoscaler of the stack decides. */
    Optional<Integer> fixedReplicas();

    /** The pods to run without an autoscaler: the fixed replicas, else 1 (the Kubernetes default). */
    default int replicas() {
        return fixedReplicas().orElse(1);
    }

    /** How the scheduler spreads the pods over nodes. */
    NodeSpread nodeSpread();

    /** How the scheduler spreads the pods over zones. */
    ZoneSpread zoneSpread();

    /** The further spread constraints of the pods, over any node label, in the order given. */
    List<TopologySpread> topologySpreads();
}
