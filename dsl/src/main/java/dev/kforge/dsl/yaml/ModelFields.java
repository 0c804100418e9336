package dev.kforge.dsl.yaml;

import java.util.Map;

/**
 * Where {@link ModelShapes} puts the properties of one model object: into a tree
 * ({@link TreeFields}) or straight into YAML text ({@link ModelEmitter}). The generated code calls
 * {@link #put} for the declared properties in canonical key order, then {@link #putAll} once.
 * <p>
 * An abstract class, not an interface: it is called for every property of every object written,
 * and C1-compiled code dispatches a virtual call more cheaply than an interface call.
 */
abstract class ModelFields {
    /** A declared property; a null value is not written. */
    abstract void put(String name, Object value);

    /** As {@link #put}, but an empty string is left out too ({@code @JsonInclude(NON_EMPTY)}). */
    final void putUnlessEmpty(String name, Object value) {
        put(name, value instanceof String text && text.isEmpty() ? null : value);
    }

    /** The additional properties, written after and over the declared ones, as Jackson's any-getter does. */
    abstract void putAll(Map<String, ?> additional);
}
