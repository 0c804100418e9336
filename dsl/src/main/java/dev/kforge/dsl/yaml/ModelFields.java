package dev.kforge.dsl.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.SortedMap;

/** The fields of one model object as {@link ModelShapes} reads them, collected in canonical form. */
final class ModelFields {
    private final SortedMap<String, JsonNode> fields = CanonicalTree.fields();

    void put(String name, Object value) {
        if (value != null) {
            CanonicalTree.put(fields, name, ModelTree.of(value));
        }
    }

    /** As {@link #put}, but an empty string is left out too ({@code @JsonInclude(NON_EMPTY)}). */
    void putUnlessEmpty(String name, Object value) {
        if (!(value instanceof String text && text.isEmpty())) {
            put(name, value);
        }
    }

    /** The additional properties, written after and over the declared ones, as Jackson's any-getter does. */
    void putAll(Map<String, ?> additional) {
        if (additional != null) {
            additional.forEach((name, value) -> CanonicalTree.put(fields, name, ModelTree.of(value)));
        }
    }

    JsonNode toNode() {
        return CanonicalTree.object(fields);
    }
}
