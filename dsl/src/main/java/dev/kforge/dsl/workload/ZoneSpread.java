package dev.kforge.dsl.workload;

/**
 * Whether the scheduler spreads a Deployment's pods evenly over the cluster's zones (a topology
 * spread constraint on {@code topology.kubernetes.io/zone}, at most one pod more in any zone), so
 * that a zone outage leaves the others serving; pods are counted per ReplicaSet, so a rollout's old
 * pods do not skew the new ones. {@link #PREFERRED} changes nothing on a single-zone cluster;
 * {@link #REQUIRED} needs every node labelled with its zone, or pods stay Pending.
 */
public enum ZoneSpread {
    /** The default: spread when the scheduler can, schedule anyway when it cannot ({@code ScheduleAnyway}). */
    PREFERRED("ScheduleAnyway"),
    /** Never more than one pod of difference between zones: a pod that would break it stays Pending ({@code DoNotSchedule}). */
    REQUIRED("DoNotSchedule"),
    /** No constraint. */
    NONE(null);

    /** The label nodes carry with their zone. */
    public static final String ZONE_TOPOLOGY_KEY = "topology.kubernetes.io/zone";

    private final String whenUnsatisfiable;

    ZoneSpread(String whenUnsatisfiable) {
        this.whenUnsatisfiable = whenUnsatisfiable;
    }

    /** The constraint's {@code whenUnsatisfiable}; null for {@link #NONE}. */
    public String whenUnsatisfiable() {
        return whenUnsatisfiable;
    }
}
