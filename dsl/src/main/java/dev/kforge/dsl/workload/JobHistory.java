package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;

/**
 * How many finished Jobs of a CronJob the cluster keeps, with their pods and logs: the last {@code succeeded}
 * successful ones and the last {@code failed} failed ones. Kubernetes keeps 3 and 1 unless told otherwise.
 */
public record JobHistory(int succeeded, int failed) {
    public JobHistory {
        if (succeeded < 0 || failed < 0) {
            throw InvalidDefinitionException.invalid("JobHistory", "kept Jobs", succeeded + " succeeded, " + failed + " failed",
                    "must not be negative", "Keep 0 to delete each Job when it ends, e.g. keepingHistory(3, 1).");
        }
    }
}
