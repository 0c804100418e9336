package dev.kforge.dsl.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Every scalar of a JSON tree by its path, {@code spec.template.spec.containers[web].env[TOKEN].value}:
 * list items by their name where they have one, else by their index. What make check, make diff and
 * the raw-edit checks compare and name.
 */
public final class FieldPaths {
    private FieldPaths() {
    }

    /** The scalars of {@code tree} by path, in path order. */
    public static Map<String, String> of(JsonNode tree) {
        Map<String, String> fields = new TreeMap<>();
        put(tree, "", fields, UnaryOperator.identity());
        return fields;
    }

    /**
     * Puts the scalars of {@code node} under {@code path} into {@code fields}; {@code itemName} rewrites list
     * items' names (make diff puts {@code <env>} for the environment's name, to match items across environments).
     */
    public static void put(JsonNode node, String path, Map<String, String> fields, UnaryOperator<String> itemName) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                put(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), fields, itemName);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String key = item.isObject() && item.has("name") ? itemName.apply(item.get("name").asText()) : String.valueOf(i);
                put(item, path + "[" + key + "]", fields, itemName);
            }
        } else {
            fields.put(path, node.asText());
        }
    }
}
