package dev.kforge.dsl.core;

import java.util.List;

/**
 * A null where a value is needed (an unset profile field, a map lookup that found nothing) is named where it is passed,
 * with its object and field, instead of surfacing later as a NullPointerException in a check or the renderer.
 */
public final class Given {
    private Given() {
    }

    /** {@code value}, or a refusal naming {@code subject}'s {@code field}. */
    public static <T> T value(String subject, String field, T value) {
        if (value == null) {
            throw new InvalidDefinitionException(subject + ": " + field + " is missing (null). Pass a value, or leave the default.");
        }
        return value;
    }

    /** An unmodifiable copy of {@code values}, refusing a null list or entry ({@code args[1]}). */
    public static <T> List<T> all(String subject, String field, List<T> values) {
        value(subject, field, values);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) { // the field's name is built only then: every copy of a definition passes here
                value(subject, field + "[" + i + "]", null);
            }
        }
        return List.copyOf(values);
    }
}
