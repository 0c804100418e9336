package dev.kforge.dsl.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;

/**
 * Converts a model object (a fabric8 object, a map, a list, a scalar, a JSON tree) into its
 * canonical JSON tree: the same tree Jackson's {@code valueToTree} gives once put in
 * {@link CanonicalTree canonical form}, built in one pass.
 *
 * <p>Why not Jackson: building bean serializers for fabric8's classes is most of a small render's
 * time (about 0.1 s of start-up), and generic serialization most of a large one's. The shape of
 * every class a renderer produces is generated from Jackson's own view at build time
 * ({@link ModelShapes}). The common scalars, {@link Quantity} and int-or-string are converted as
 * their serializers do; anything else goes to Jackson. Tests compare both paths on every rendered object.
 */
final class ModelTree {
    private ModelTree() {
    }

    static JsonNode of(Object value) {
        if (value == null) {
            return NullNode.instance;
        }
        if (value instanceof String text) {
            return TextNode.valueOf(text);
        }
        if (value instanceof Map<?, ?> map) {
            return map(map);
        }
        if (value instanceof Collection<?> items) {
            return array(items);
        }
        if (value instanceof Integer number) {
            return IntNode.valueOf(number);
        }
        if (value instanceof Boolean flag) {
            return BooleanNode.valueOf(flag);
        }
        if (value instanceof Long number) {
            return LongNode.valueOf(number);
        }
        if (value instanceof JsonNode node) {
            return CanonicalTree.of(node);
        }
        if (value instanceof Quantity quantity) {
            // As Quantity.Serializer: the amount and its format, as one string.
            return TextNode.valueOf((quantity.getAmount() == null ? "" : quantity.getAmount())
                    + (quantity.getFormat() == null ? "" : quantity.getFormat()));
        }
        if (value instanceof AnyType any) {
            // As AnyType.Serializer (IntOrString): the value it holds.
            return of(any.getValue());
        }
        if (value instanceof Object[] items) {
            return array(Arrays.asList(items));
        }
        TreeFields fields = new TreeFields();
        return ModelShapes.fieldsOf(value, fields) ? fields.toNode() : CanonicalTree.of(Jackson.MAPPER.valueToTree(value));
    }

    private static JsonNode map(Map<?, ?> map) {
        if (!inCanonicalOrder(map)) {
            SortedMap<String, JsonNode> fields = CanonicalTree.fields();
            map.forEach((key, field) -> CanonicalTree.put(fields, String.valueOf(key), of(field)));
            return CanonicalTree.object(fields);
        }
        // Most maps (labels, annotations, data) come sorted already: no need to sort them again.
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        map.forEach((key, field) -> {
            String name = (String) key;
            JsonNode node = of(field);
            if (CanonicalTree.isWritten(name, node)) {
                out.set(name, node);
            }
        });
        return out;
    }

    /** True when every key is a string and they come in canonical order (most maps: labels, annotations, data). */
    static boolean inCanonicalOrder(Map<?, ?> map) {
        String previous = null;
        for (Object key : map.keySet()) {
            if (!(key instanceof String name) || previous != null && CanonicalTree.compareKeys(previous, name) >= 0) {
                return false;
            }
            previous = name;
        }
        return true;
    }

    private static JsonNode array(Collection<?> items) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode(items.size());
        for (Object item : items) {
            JsonNode node = of(item);
            if (!node.isNull()) {
                out.add(node);
            }
        }
        return out;
    }

    /** Created on first use only: most renders never need it. */
    private static final class Jackson {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
