package dev.kforge.dsl.workload;

/** How the nodes may mount a claimed disk. */
public enum VolumeAccessMode {
    /** Read-write by the pods of one node (the default, and what every storage class offers). */
    READ_WRITE_ONCE("ReadWriteOnce"),
    /** Read-write by a single pod. */
    READ_WRITE_ONCE_POD("ReadWriteOncePod"),
    /** Read-only by many nodes. */
    READ_ONLY_MANY("ReadOnlyMany"),
    /** Read-write by many nodes (network file systems). */
    READ_WRITE_MANY("ReadWriteMany");

    private final String apiValue;

    VolumeAccessMode(String apiValue) {
        this.apiValue = apiValue;
    }

    public String apiValue() {
        return apiValue;
    }
}
