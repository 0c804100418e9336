package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import java.time.Duration;

/** A duration the API takes as a whole number of seconds within a range ({@code periodSeconds}, {@code stabilizationWindowSeconds}). */
final class WholeSeconds {
    private WholeSeconds() {
    }

    /** The seconds of {@code duration}, refused naming {@code subject}'s {@code field} unless whole and from {@code min} to {@code max}. */
    static int require(String subject, String field, Duration duration, int min, int max, String hint) {
        Given.value(subject, field, duration);
        if (duration.getNano() != 0 || duration.getSeconds() < min || duration.getSeconds() > max) {
            Object shown = duration.getNano() == 0 ? duration.getSeconds() : duration.toString();
            throw InvalidDefinitionException.invalid(subject, field, shown, "must be a whole number of seconds from " + min + " to " + max, hint);
        }
        return (int) duration.getSeconds();
    }
}
