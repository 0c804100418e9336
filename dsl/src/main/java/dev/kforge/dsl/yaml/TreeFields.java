package dev.kforge.dsl.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;

/**
 * Collects the fields of one model object into its canonical JSON tree. The generated code puts
 * the declared properties in canonical key order, so they are appended as they come; only
 * additional properties need sorting.
 */
final class TreeFields extends ModelFields {
    private final ObjectNode node = JsonNodeFactory.instance.objectNode();

    @Override
    void put(String name, Object value) {
        if (value != null) {
            JsonNode field = ModelTree.of(value);
            if (CanonicalTree.isWritten(name, field)) {
                node.set(name, field);
            }
        }
    }

    @Override
    void putAll(Map<String, ?> additional) {
        if (additional == null || additional.isEmpty()) {
            return;
        }
        SortedMap<String, JsonNode> merged = CanonicalTree.fields();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            merged.put(field.getKey(), field.getValue());
        }
        additional.forEach((name, value) -> CanonicalTree.put(merged, name, ModelTree.of(value)));
        node.removeAll();
        merged.forEach(node::set);
    }

    JsonNode toNode() {
        return node;
    }
}
