package dev.kforge.dsl.workload;

/** What happens to a StatefulSet's claimed disks when the StatefulSet is deleted or scaled down. */
public enum ClaimRetention {
    /** Keep them (the default: data outlives the pods, and a later pod of the same number gets it back). */
    RETAIN("Retain"),
    /** Delete them with the pods. */
    DELETE("Delete");

    private final String apiValue;

    ClaimRetention(String apiValue) {
        this.apiValue = apiValue;
    }

    public String apiValue() {
        return apiValue;
    }
}
