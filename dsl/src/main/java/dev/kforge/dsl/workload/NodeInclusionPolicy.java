package dev.kforge.dsl.workload;

/**
 * Whether a topology spread counts only the nodes its pods may go to ({@code nodeAffinityPolicy},
 * {@code nodeTaintsPolicy} of a spread constraint).
 */
public enum NodeInclusionPolicy {
    /** Only the nodes the pods' node selector and affinity (or tolerations, for taints) admit count. */
    HONOR("Honor"),
    /** Every node counts, admitted or not. */
    IGNORE("Ignore");

    private final String apiValue;

    NodeInclusionPolicy(String apiValue) {
        this.apiValue = apiValue;
    }

    /** As the API writes it: {@code Honor}, {@code Ignore}. */
    public String apiValue() {
        return apiValue;
    }
}
