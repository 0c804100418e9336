package dev.kforge.dsl.workload;

/** What a node taint does to pods that do not tolerate it. */
public enum TaintEffect {
    /** New pods are not scheduled there. */
    NO_SCHEDULE("NoSchedule"),
    /** The scheduler avoids the node when it can. */
    PREFER_NO_SCHEDULE("PreferNoSchedule"),
    /** Running pods are evicted too. */
    NO_EXECUTE("NoExecute");

    private final String apiValue;

    TaintEffect(String apiValue) {
        this.apiValue = apiValue;
    }

    public String apiValue() {
        return apiValue;
    }
}
