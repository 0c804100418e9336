package dev.kforge.dsl.workload;

/** What a CronJob does when a run is due while the previous one is still running. */
public enum ConcurrencyPolicy {
    /** Start the new run next to the old one. */
    ALLOW("Allow"),
    /** Skip the new run (the default here: two copies of a job rarely expect each other). */
    FORBID("Forbid"),
    /** Stop the old run and start the new one. */
    REPLACE("Replace");

    private final String apiValue;

    ConcurrencyPolicy(String apiValue) {
        this.apiValue = apiValue;
    }

    public String apiValue() {
        return apiValue;
    }
}
