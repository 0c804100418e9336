package dev.kforge.dsl.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts a JSON tree in the one canonical form the writer emits:
 * <ul>
 *   <li>keys in order: {@code apiVersion, kind, metadata, name, namespace} first, the rest sorted;</li>
 *   <li>nulls, empty maps and empty lists dropped, except an empty map that means something
 *       ({@code emptyDir: {}});</li>
 *   <li>list order kept (it is meaningful: containers, env, rules).</li>
 * </ul>
 */
final class CanonicalTree {
    private static final List<String> LEADING_KEYS = List.of("apiVersion", "kind", "metadata", "name", "namespace");
    /** Keys whose empty map value is meaningful and must be written. */
    private static final Set<String> MEANINGFUL_WHEN_EMPTY = Set.of("emptyDir", "podSelector", "namespaceSelector");
    private static final Comparator<String> KEY_ORDER = Comparator
            .comparingInt((String key) -> {
                int index = LEADING_KEYS.indexOf(key);
                return index < 0 ? LEADING_KEYS.size() : index;
            })
            .thenComparing(Comparator.naturalOrder());

    private CanonicalTree() {
    }

    static JsonNode of(JsonNode node) {
        if (node.isObject()) {
            return object((ObjectNode) node);
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : node) {
                if (!item.isNull()) {
                    out.add(of(item));
                }
            }
            return out;
        }
        return node;
    }

    private static ObjectNode object(ObjectNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            keys.add(it.next().getKey());
        }
        keys.sort(KEY_ORDER);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String key : keys) {
            JsonNode value = node.get(key);
            if (value.isNull()) {
                continue;
            }
            JsonNode canonical = of(value);
            if (canonical.isContainerNode() && canonical.isEmpty() && !(canonical.isObject() && MEANINGFUL_WHEN_EMPTY.contains(key))) {
                continue;
            }
            out.set(key, canonical);
        }
        return out;
    }
}
