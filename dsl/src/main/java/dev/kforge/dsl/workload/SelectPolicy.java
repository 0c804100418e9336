package dev.kforge.dsl.workload;

/** Which of an autoscaler's policies decides in one direction: the API's {@code selectPolicy}. */
public enum SelectPolicy {
    /** The policy that allows the largest change (the Kubernetes default). */
    MAX("Max"),
    /** The policy that allows the smallest change. */
    MIN("Min"),
    /** None: the autoscaler never scales in this direction. */
    DISABLED("Disabled");

    private final String apiValue;

    SelectPolicy(String apiValue) {
        this.apiValue = apiValue;
    }

    /** As the API writes it: {@code Max}, {@code Min}, {@code Disabled}. */
    public String apiValue() {
        return apiValue;
    }
}
