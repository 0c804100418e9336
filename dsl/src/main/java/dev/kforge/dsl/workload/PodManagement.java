package dev.kforge.dsl.workload;

/** In what order a StatefulSet starts and stops its pods. */
public enum PodManagement {
    /** One at a time, each after the one before is ready (the default: for members that join a cluster in turn). */
    ORDERED_READY("OrderedReady"),
    /** All at once (for pods that do not depend on each other). */
    PARALLEL("Parallel");

    private final String apiValue;

    PodManagement(String apiValue) {
        this.apiValue = apiValue;
    }

    public String apiValue() {
        return apiValue;
    }
}
