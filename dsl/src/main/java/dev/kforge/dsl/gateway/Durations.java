package dev.kforge.dsl.gateway;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.time.Duration;

/** Checks and formats the durations of gateway resources. */
final class Durations {
    private Durations() {
    }

    /** Returns {@code duration} in milliseconds if it is positive, whole milliseconds and fits an int32. */
    static int requireMillis(String subject, String field, Duration duration) {
        if (duration == null) {
            throw new InvalidDefinitionException(subject + ": " + field + " is missing. Give a java.time.Duration, e.g. Duration.ofSeconds(3).");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw InvalidDefinitionException.invalid(subject, field, show(duration), "must be positive", "For example Duration.ofSeconds(3).");
        }
        if (duration.toNanos() % 1_000_000L != 0 || duration.toMillis() > Integer.MAX_VALUE) {
            throw InvalidDefinitionException.invalid(subject, field, show(duration),
                    "must be a whole number of milliseconds, at most " + Integer.MAX_VALUE, "For example Duration.ofMillis(1500).");
        }
        return (int) duration.toMillis();
    }

    /** The Go/Envoy form Emissary reads: {@code 3s}, or {@code 1500ms} when not whole seconds. */
    static String goDuration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** How a duration is shown in messages: {@code 3s}, {@code 1500ms}, or the ISO form when smaller. */
    static String show(Duration duration) {
        if (!duration.isNegative() && !duration.isZero() && duration.toNanos() % 1_000_000L == 0) {
            return goDuration(duration);
        }
        return duration.toString();
    }
}
