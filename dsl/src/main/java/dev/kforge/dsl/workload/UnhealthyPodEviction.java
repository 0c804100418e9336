package dev.kforge.dsl.workload;

/** Whether a disruption budget lets node drains evict pods that are running but not ready ({@code unhealthyPodEvictionPolicy}). */
public enum UnhealthyPodEviction {
    /** The default here: a pod that is not ready may always be evicted, so a crash-looping pod cannot block a drain. */
    ALWAYS_ALLOW("AlwaysAllow"),
    /** Kubernetes' default: unready pods are evicted only while the budget is met, so broken pods can hold a drain forever. */
    IF_HEALTHY_BUDGET("IfHealthyBudget");

    private final String apiValue;

    UnhealthyPodEviction(String apiValue) {
        this.apiValue = apiValue;
    }

    /** As the API writes it. */
    public String apiValue() {
        return apiValue;
    }
}
