package dev.kforge.dsl.render;

import dev.kforge.dsl.workload.IntOrPercent;
import io.fabric8.kubernetes.api.model.IntOrString;

/** Converts the DSL's counts-or-percentages to the API's int-or-string. */
final class IntOrStrings {
    private IntOrStrings() {
    }

    /** A count as a number, a percentage as {@code "25%"}; null stays null. */
    static IntOrString of(IntOrPercent value) {
        if (value == null) {
            return null;
        }
        return value.percent() ? new IntOrString(value.toString()) : new IntOrString(value.value());
    }
}
