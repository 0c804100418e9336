package dev.kforge.dsl.workload;

/** What happens when a job's container fails; either way the job retries up to its retry limit. */
public enum JobRestartPolicy {
    /** Restart the container in the same pod (the default; {@code kubectl logs --previous} shows the failed try). */
    ON_FAILURE("OnFailure"),
    /** Start a new pod, keeping each failed one for inspection. */
    NEVER("Never");

    private final String apiValue;

    JobRestartPolicy(String apiValue) {
        this.apiValue = apiValue;
    }

    public String apiValue() {
        return apiValue;
    }
}
