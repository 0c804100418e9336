package dev.kforge.dsl.core;

import java.util.ArrayList;
import java.util.List;

/** Small helpers for the immutable lists the DSL's records hold. */
public final class Lists {
    private Lists() {
    }

    /** An unmodifiable copy of {@code list} with {@code item} added at the end. */
    public static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list.size() + 1);
        copy.addAll(list);
        copy.add(item);
        return List.copyOf(copy);
    }
}
