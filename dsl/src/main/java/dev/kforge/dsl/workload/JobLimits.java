package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.time.Duration;
import java.util.Optional;

/** The limits a Job (or each Job of a CronJob) puts on a run, checked the same way for both kinds. */
final class JobLimits {
    private JobLimits() {
    }

    /** A Job's name is a label value of its pods ({@code batch.kubernetes.io/job-name}), 63 characters at most, and both kinds add 11 to the name given. */
    static final int MAX_NAME_LENGTH = 52;

    /** Refuses a name that leaves no room for the 11 characters added to it ({@code why} says what adds them). */
    static void requireNameLength(String subject, String name, String why) {
        WorkloadNames.requireAtMost(subject, name, MAX_NAME_LENGTH, why);
    }

    /** Refuses a deadline that is not a positive whole number of seconds, or negative retries. */
    static void require(String subject, Optional<Duration> deadline, Optional<Integer> retries) {
        deadline.ifPresent(limit -> {
            if (limit.isNegative() || limit.isZero() || limit.getNano() != 0) {
                throw InvalidDefinitionException.invalid(subject, "deadline", limit.toString(), "must be a positive whole number of seconds",
                        "For example Duration.ofMinutes(10).");
            }
        });
        retries.ifPresent(count -> {
            if (count < 0) {
                throw InvalidDefinitionException.invalid(subject, "retries", count, "must not be negative", "Use 0 to never retry a failed run.");
            }
        });
    }
}
