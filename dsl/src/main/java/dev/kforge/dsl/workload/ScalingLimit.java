package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.Locale;

/**
 * How much one period of an autoscaler may add or remove: a number of pods, {@code ScalingLimit.pods(4)}, or a
 * percentage of the pods running when the period starts, {@code ScalingLimit.percent(50)} (the API's policy
 * {@code type} and {@code value}).
 *
 * @param unit  pods or percent
 * @param value above 0; a percentage may pass 100 when scaling up (200 triples the pods in one period)
 */
public record ScalingLimit(Unit unit, int value) {
    /** What {@code value} counts: the API's policy {@code type}. */
    public enum Unit {
        PODS("Pods"), PERCENT("Percent");

        private final String apiValue;

        Unit(String apiValue) {
            this.apiValue = apiValue;
        }

        /** As the API writes it: {@code Pods}, {@code Percent}. */
        public String apiValue() {
            return apiValue;
        }
    }

    public ScalingLimit {
        Given.value("ScalingLimit", "unit", unit);
        if (value <= 0) {
            throw InvalidDefinitionException.invalid("ScalingLimit " + unit.name().toLowerCase(Locale.ROOT), "value", value, "must be above 0",
                    "Give how many pods (ScalingLimit.pods(4)) or what percentage of the running pods (ScalingLimit.percent(50)) "
                            + "one period may add or remove; to stop scaling in a direction, use ScalingRules.disabled().");
        }
    }

    /** At most {@code count} pods per period. */
    public static ScalingLimit pods(int count) {
        return new ScalingLimit(Unit.PODS, count);
    }

    /** At most {@code percent}% of the pods running when the period starts. */
    public static ScalingLimit percent(int percent) {
        return new ScalingLimit(Unit.PERCENT, percent);
    }

    /** As in messages: {@code 4 pods}, {@code 50%}. */
    @Override
    public String toString() {
        return unit == Unit.PODS ? value + (value == 1 ? " pod" : " pods") : value + "%";
    }
}
