package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;

/** A count of pods or a percentage of the replicas, as rolling updates take them. */
public record IntOrPercent(int value, boolean percent) {
    public IntOrPercent {
        if (value < 0 || (percent && value > 100)) {
            throw InvalidDefinitionException.invalid("IntOrPercent", "value", percent ? value + "%" : String.valueOf(value),
                    percent ? "must be between 0% and 100%" : "must not be negative", "");
        }
    }

    public static IntOrPercent count(int pods) {
        return new IntOrPercent(pods, false);
    }

    public static IntOrPercent percent(int percent) {
        return new IntOrPercent(percent, true);
    }

    public boolean isZero() {
        return value == 0;
    }

    @Override
    public String toString() {
        return percent ? value + "%" : Integer.toString(value);
    }
}
