package dev.kforge.dsl.workload;

/** What happens when a job's container fails; either way the job retries up to its retry limit. */
public enum JobRestartPolicy {
    /**
     * Restart the container in the same pod (the default; {@code kubectl logs --previous} shows the failed try while the pod lives).
     * Once the retries are spent the Job controller terminates the pod, and its logs go with it (kubernetes.io/docs/concepts/
     * workloads/controllers/job, Pod backoff failure policy): use {@link #NEVER} where a failed run must be read from the cluster.
     */
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
