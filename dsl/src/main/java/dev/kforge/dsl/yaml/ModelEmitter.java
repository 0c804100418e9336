package dev.kforge.dsl.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a model object straight to YAML text: the bytes {@link YamlEmitter} writes for the
 * object's {@link ModelTree canonical tree}, without building the tree (no node per value, no
 * second pass over it). A render writes tens of thousands of objects, and the tree was a third
 * of the writing.
 *
 * <p>Whether a field is written is only known once its value is: a map whose values are all null
 * is left out like an empty one. So a field is written first and taken back, by resetting the
 * buffer to where it began, when nothing of its value was written. What the stream cannot do in
 * order (additional properties that sort among the declared ones, classes without a generated
 * shape, JSON trees) goes through the tree for that one value.
 */
final class ModelEmitter extends ModelFields {
    private static final int INDENT = YamlEmitter.INDENT;

    private final StringBuilder out;
    private final YamlEmitter trees;

    // The mapping being written; saved and restored around each nested one.
    /** Column of its keys. */
    private int indent;
    /** No field written yet: the next one continues the current line ("- " or the document start). */
    private boolean first;
    /** The last declared property put, written or not: additional properties must sort after it. */
    private String lastDeclared;
    /** Its additional properties cannot be merged in order: the caller writes it through the tree. */
    private boolean needsTree;

    private ModelEmitter(StringBuilder out) {
        this.out = out;
        this.trees = new YamlEmitter(out);
    }

    static String document(Object model) {
        return YamlEmitter.document(out -> new ModelEmitter(out).node(simplified(model), 0));
    }

    /**
     * A {@link #simplified} value that starts a line of its own at column {@code indent}, or
     * continues one ("- " written).
     */
    private void node(Object value, int indent) {
        if (value instanceof JsonNode tree) {
            trees.node(tree, indent);
        } else if (value instanceof String text) {
            trees.string(text, indent);
            out.append('\n');
        } else if (value == null || value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            out.append(value).append('\n');
        } else if (value instanceof Map<?, ?> map) {
            if (!mapping(map, indent)) {
                out.append("{}\n");
            }
        } else if (value instanceof Collection<?> items) {
            if (!sequence(items, indent)) {
                out.append("[]\n");
            }
        } else {
            int start = out.length();
            switch (bean(value, indent)) {
                case WRITTEN -> {
                }
                case EMPTY -> out.append("{}\n");
                case NEEDS_TREE -> {
                    out.setLength(start);
                    trees.node(ModelTree.of(value), indent);
                }
            }
        }
    }

    /** The entries of a non-null map, as a mapping at column {@code indent}; false when none was written. */
    private boolean mapping(Map<?, ?> map, int indent) {
        int savedIndent = this.indent;
        boolean savedFirst = first;
        this.indent = indent;
        first = true;
        if (ModelTree.inCanonicalOrder(map)) {
            map.forEach((key, value) -> field((String) key, false, value));
        } else {
            SortedMap<String, Object> sorted = new TreeMap<>(CanonicalTree.KEY_ORDER);
            map.forEach((key, value) -> sorted.put(String.valueOf(key), value));
            sorted.forEach((key, value) -> field(key, false, value));
        }
        boolean written = !first;
        this.indent = savedIndent;
        first = savedFirst;
        return written;
    }

    private enum Outcome { WRITTEN, EMPTY, NEEDS_TREE }

    /** The properties of a model object, as a mapping at column {@code indent}. */
    private Outcome bean(Object value, int indent) {
        int savedIndent = this.indent;
        boolean savedFirst = first;
        String savedLastDeclared = lastDeclared;
        boolean savedNeedsTree = needsTree;
        this.indent = indent;
        first = true;
        lastDeclared = null;
        needsTree = false;
        boolean shaped = ModelShapes.fieldsOf(value, this);
        Outcome outcome = !shaped || needsTree ? Outcome.NEEDS_TREE : first ? Outcome.EMPTY : Outcome.WRITTEN;
        this.indent = savedIndent;
        first = savedFirst;
        lastDeclared = savedLastDeclared;
        needsTree = savedNeedsTree;
        return outcome;
    }

    /** The items of a collection, as a sequence at column {@code indent}; false when none was written (all null). */
    private boolean sequence(Collection<?> items, int indent) {
        boolean firstItem = true;
        for (Object item : items) {
            Object value = simplified(item);
            if (value == null) {
                continue;
            }
            if (!firstItem) {
                trees.indent(indent);
            }
            firstItem = false;
            out.append("- ");
            node(value, indent + INDENT);
        }
        return !firstItem;
    }

    @Override
    void put(String name, Object value) {
        lastDeclared = name;
        // Most declared properties of a fabric8 object are null or an empty list, which write nothing.
        if (value == null || needsTree || value instanceof Collection<?> items && items.isEmpty()) {
            return;
        }
        // Declared property names are plain scalars: the generator checks them.
        field(name, true, value);
    }

    @Override
    void putAll(Map<String, ?> additional) {
        if (needsTree || additional == null || additional.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>(additional.keySet());
        names.sort(CanonicalTree.KEY_ORDER);
        // One that sorts before (or equals) a declared property would have to be merged among them.
        if (lastDeclared != null && CanonicalTree.compareKeys(names.get(0), lastDeclared) <= 0) {
            needsTree = true;
            return;
        }
        names.forEach(name -> field(name, false, additional.get(name)));
    }

    /** "key: value" of the current mapping, or nothing when the value writes nothing. */
    private void field(String key, boolean plainKey, Object model) {
        Object value = simplified(model);
        if (value == null) {
            return;
        }
        int start = out.length();
        if (!first) {
            trees.indent(indent);
        }
        if (plainKey) {
            out.append(key).append(':');
        } else {
            trees.key(key);
        }
        if (value(key, value)) {
            first = false;
        } else {
            out.setLength(start);
        }
    }

    /** The value of a field ("key:" written); false when it is not written (null, or empty and not meaningful so). */
    private boolean value(String key, Object value) {
        if (value instanceof String text) {
            out.append(' ');
            trees.string(text, indent + INDENT);
            out.append('\n');
            return true;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            out.append(' ').append(value).append('\n');
            return true;
        }
        int afterKey = out.length();
        if (value instanceof Collection<?> items) {
            // Block sequences in a mapping are not indented: "key:\n- item".
            out.append('\n');
            trees.indent(indent);
            if (sequence(items, indent)) {
                return true;
            }
            out.setLength(afterKey);
            return false;
        }
        if (value instanceof JsonNode tree) {
            return treeValue(key, tree);
        }
        out.append('\n');
        trees.indent(indent + INDENT);
        Outcome outcome = value instanceof Map<?, ?> map
                ? mapping(map, indent + INDENT) ? Outcome.WRITTEN : Outcome.EMPTY
                : bean(value, indent + INDENT);
        switch (outcome) {
            case WRITTEN:
                return true;
            case EMPTY:
                out.setLength(afterKey);
                if (CanonicalTree.isMeaningfulWhenEmpty(key)) {
                    out.append(" {}\n");
                    return true;
                }
                return false;
            default:
                out.setLength(afterKey);
                return treeValue(key, ModelTree.of(value));
        }
    }

    private boolean treeValue(String key, JsonNode tree) {
        if (!CanonicalTree.isWritten(key, tree)) {
            return false;
        }
        trees.value(tree, indent);
        return true;
    }

    /**
     * The value as the writer handles it: null for nothing, the text of a {@link Quantity}, the
     * value an int-or-string holds, a list for an array, and a canonical tree for a JSON tree.
     * Everything else is returned as it is.
     */
    private static Object simplified(Object value) {
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Boolean) {
            return value; // most values, each a final class: checked before the class hierarchies below
        }
        while (value instanceof AnyType any) {
            // As AnyType.Serializer (IntOrString): the value it holds.
            value = any.getValue();
        }
        if (value instanceof Quantity quantity) {
            // As Quantity.Serializer: the amount and its format, as one string.
            String amount = quantity.getAmount() == null ? "" : quantity.getAmount();
            return quantity.getFormat() == null ? amount : amount.concat(quantity.getFormat());
        }
        if (value instanceof Object[] items) {
            return Arrays.asList(items);
        }
        if (value instanceof JsonNode tree) {
            JsonNode canonical = CanonicalTree.of(tree);
            return canonical.isNull() ? null : canonical;
        }
        return value;
    }
}
