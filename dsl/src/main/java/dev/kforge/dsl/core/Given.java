package dev.kforge.dsl.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A null where a value is needed (an unset profile field, a map lookup that found nothing) is named where it is passed,
 * with its object and field, instead of surfacing later as a NullPointerException in a check or the renderer.
 * {@link #value} is for an argument without a default; {@link #optional} for the wither of a setting that has one, where
 * dropping the call is a fix too.
 */
public final class Given {
    private Given() {
    }

    /** {@code value}, or a refusal naming {@code subject}'s {@code field}, an argument that has no default. */
    public static <T> T value(String subject, String field, T value) {
        return refusedIfNull(subject, field, value, "Pass a value: a null here usually comes from an unset profile field or a map lookup "
                + "that found nothing.");
    }

    /** The same for the wither of an optional setting ({@code withTimeout(timeout)}): leaving the call out keeps the default. */
    public static <T> T optional(String subject, String field, T value) {
        return refusedIfNull(subject, field, value, "Pass a value, or drop the call to keep the default.");
    }

    private static <T> T refusedIfNull(String subject, String field, T value, String hint) {
        if (value == null) {
            throw InvalidDefinitionException.of(subject, field + " is missing (null). " + hint);
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

    /** {@code first} and {@code more}, a list of at least one ({@code named(name, rule, more...)}), refusing a null among them. */
    @SafeVarargs
    public static <T> List<T> atLeastOne(String subject, String field, T first, T... more) {
        List<T> all = new ArrayList<>();
        all.add(value(subject, field, first));
        all.addAll(all(subject, field, more));
        return List.copyOf(all);
    }

    /** The same for varargs: a null array ({@code (String[]) null}) or a null element is named, not a NullPointerException. */
    @SafeVarargs
    public static <T> List<T> all(String subject, String field, T... values) {
        return all(subject, field, Arrays.asList(value(subject, field, values)));
    }
}
