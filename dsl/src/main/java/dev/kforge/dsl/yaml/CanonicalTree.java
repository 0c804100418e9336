package dev.kforge.dsl.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one canonical form the writer emits:
 * <ul>
 *   <li>keys in order: {@code apiVersion, kind, metadata, name, namespace} first, the rest sorted;</li>
 *   <li>nulls, empty maps and empty lists dropped, except an empty map that means something
 *       ({@code emptyDir: {}});</li>
 *   <li>list order kept (it is meaningful: containers, env, rules).</li>
 * </ul>
 * {@link ModelTree} builds model objects straight into this form; {@link #of} puts any JSON tree in it.
 */
final class CanonicalTree {
    /** Keys whose empty map value is meaningful and must be written. */
    private static final Set<String> MEANINGFUL_WHEN_EMPTY = Set.of("emptyDir", "podSelector", "namespaceSelector");
    static final Comparator<String> KEY_ORDER = CanonicalTree::compareKeys;

    private CanonicalTree() {
    }

    /** A JSON tree in canonical form (a copy: the argument is not changed). */
    static JsonNode of(JsonNode node) {
        if (node.isObject()) {
            SortedMap<String, JsonNode> fields = fields();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                put(fields, field.getKey(), of(field.getValue()));
            }
            return object(fields);
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            for (JsonNode item : node) {
                if (!item.isNull()) {
                    out.add(of(item));
                }
            }
            return out;
        }
        if (node instanceof POJONode pojo) {
            return ModelTree.of(pojo.getPojo());
        }
        return node;
    }

    /** An empty field map that keeps its keys in canonical order. */
    static SortedMap<String, JsonNode> fields() {
        return new TreeMap<>(KEY_ORDER);
    }

    /** Sets {@code key} to a canonical {@code value}, or removes it when the value is not written (null, empty). */
    static void put(SortedMap<String, JsonNode> fields, String key, JsonNode value) {
        if (isWritten(key, value)) {
            fields.put(key, value);
        } else {
            fields.remove(key);
        }
    }

    /** Whether a field is written: not null, and not an empty container unless it means something. */
    static boolean isWritten(String key, JsonNode value) {
        return !(value.isNull()
                || value.isContainerNode() && value.isEmpty() && !(value.isObject() && isMeaningfulWhenEmpty(key)));
    }

    /** Whether an empty map under {@code key} is written ({@code emptyDir: {}} asks for a volume). */
    static boolean isMeaningfulWhenEmpty(String key) {
        return MEANINGFUL_WHEN_EMPTY.contains(key);
    }

    /** The canonical key order: the identifying keys first, the rest sorted. */
    static int compareKeys(String a, String b) {
        int byRank = rank(a) - rank(b);
        return byRank != 0 ? byRank : a.compareTo(b);
    }

    static ObjectNode object(SortedMap<String, JsonNode> fields) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        fields.forEach(out::set);
        return out;
    }

    /** The identifying keys first, in this order; every other key after them. */
    private static int rank(String key) {
        switch (key) {
            case "apiVersion":
                return 0;
            case "kind":
                return 1;
            case "metadata":
                return 2;
            case "name":
                return 3;
            case "namespace":
                return 4;
            default:
                return 5;
        }
    }
}
