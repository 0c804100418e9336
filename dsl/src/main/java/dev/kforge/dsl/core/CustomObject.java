package dev.kforge.dsl.core;

import java.util.Map;

/**
 * An object of a kind the fabric8 model does not cover (a custom resource such as an Emissary
 * {@code Mapping} or an {@code ExternalSecret}). It describes its own fields; the renderer adds
 * {@code apiVersion}, {@code kind} and {@code metadata}, and the YAML writer orders the keys.
 *
 * @param <T> the implementing type
 */
public interface CustomObject<T extends CustomObject<T>> extends KubeObject<T> {

    /**
     * The top-level fields besides apiVersion, kind and metadata, e.g. {@code {"spec": {...}}}.
     * Values are strings, numbers, booleans, lists and maps of those; nulls and empty collections
     * are left out of the output.
     *
     * @param namespace the namespace the object is rendered into
     */
    Map<String, Object> body(String namespace);
}
