package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import java.time.Duration;

/**
 * At most {@code limit} per {@code period}: one entry of an autoscaler's {@code behavior.scaleUp.policies} or
 * {@code behavior.scaleDown.policies}. Built by {@code ScalingRules.atMost(ScalingLimit.pods(4)).per(Duration.ofSeconds(60))}.
 *
 * @param limit  how much one period may add or remove
 * @param period the window the limit counts over, whole seconds from 1 to 1800 (30 minutes)
 */
public record ScalingPolicy(ScalingLimit limit, Duration period) {
    /** The longest period the API accepts: 30 minutes. */
    static final int MAX_PERIOD_SECONDS = 1800;

    public ScalingPolicy {
        Given.value("ScalingPolicy", "limit", limit);
        WholeSeconds.require("ScalingPolicy " + limit, "periodSeconds", period, 1, MAX_PERIOD_SECONDS,
                "Give the window the limit counts over, e.g. per(Duration.ofSeconds(60)).");
    }

    /** {@code periodSeconds}. */
    public int periodSeconds() {
        return (int) period.getSeconds();
    }

    /** Whether {@code other} counts the same unit over the same period, so that one of the two never decides. */
    boolean overlaps(ScalingPolicy other) {
        return limit.unit() == other.limit.unit() && period.equals(other.period);
    }

    /** As in messages: {@code 4 pods per 60s}. */
    @Override
    public String toString() {
        return limit + " per " + periodSeconds() + "s";
    }
}
