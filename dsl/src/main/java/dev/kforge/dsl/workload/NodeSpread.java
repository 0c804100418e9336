package dev.kforge.dsl.workload;

/**
 * Whether the scheduler spreads a Deployment's pods over nodes (pod anti-affinity on
 * {@code kubernetes.io/hostname} against the Deployment's own selector), so that one node going
 * down does not take every pod with it.
 */
public enum NodeSpread {
    /** The default: each pod prefers a node without another pod of the Deployment, but still runs when there is none. */
    PREFERRED,
    /** Never two pods of the Deployment on one node: pods beyond the number of nodes stay Pending. */
    REQUIRED,
    /** No preference: the scheduler may put every pod on one node. The node-spread policy reports it. */
    NONE;

    /** The label every node carries with its own name: the topology that one pod per node is counted in. */
    public static final String NODE_TOPOLOGY_KEY = "kubernetes.io/hostname";
}
