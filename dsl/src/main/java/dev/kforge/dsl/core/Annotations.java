package dev.kforge.dsl.core;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** An immutable, key-sorted set of annotations; the API server limits them to 256 KiB in all. */
public record Annotations(SortedMap<String, String> entries) {
    public static final Annotations EMPTY = new Annotations(new TreeMap<>());
    /** The API server's limit on the total size of an object's annotation keys and values. */
    public static final int MAX_TOTAL_BYTES = 256 * 1024;
    /** Lists the reasons of the escape-hatch edits applied to an object, for review; written by the renderer only. */
    public static final String RAW_EDITS = "kforge.dev/raw-edits";
    /** Lists the policy checks waived for an object, with their reasons, for review; written by the renderer only. */
    public static final String WAIVERS = "kforge.dev/waivers";
    /**
     * A stored Secret's declared version, once bumped, on its ExternalSecret: the operator fetches the values again when an
     * ExternalSecret's annotations change, so a rotation reaches the Secret in the apply that rolls its pods. Also on every Secret
     * {@code make secrets} builds, the version its values were written at: it refuses other values at that version the next time.
     * Written by kforge only.
     */
    public static final String SECRET_VERSION = "kforge.dev/secret-version";

    public Annotations {
        TreeMap<String, String> copy = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String key = Names.requireQualifiedKey("Annotations", "annotation key", entry.getKey());
            if (entry.getValue() == null) {
                throw InvalidDefinitionException.of("Annotations", "annotation \"" + key + "\" has no value. Give it a string (it may be empty).");
            }
            total += key.getBytes(StandardCharsets.UTF_8).length + entry.getValue().getBytes(StandardCharsets.UTF_8).length;
            copy.put(key, entry.getValue());
        }
        if (total > MAX_TOTAL_BYTES) {
            throw InvalidDefinitionException.invalid("Annotations", "total size", total + " bytes",
                    "must be at most " + MAX_TOTAL_BYTES + " bytes (256 KiB)", "Move large content into a ConfigMap.");
        }
        entries = Collections.unmodifiableSortedMap(copy);
    }

    public static Annotations of(String key, String value) {
        return EMPTY.with(key, value);
    }

    public Annotations with(String key, String value) {
        Names.requireQualifiedKey("Annotations", "annotation key", key);
        TreeMap<String, String> copy = new TreeMap<>(entries);
        copy.put(key, value);
        return new Annotations(copy);
    }

    public Annotations with(Annotations other) {
        if (Given.value("Annotations", "annotations", other).isEmpty()) {
            return this;
        }
        TreeMap<String, String> copy = new TreeMap<>(entries);
        copy.putAll(other.entries);
        return new Annotations(copy);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public String get(String key) {
        return entries.get(key);
    }
}
