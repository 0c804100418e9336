package dev.kforge.dsl.yaml;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Owns every byte of the output: one object becomes one YAML document in canonical form (see
 * {@link CanonicalTree}), with conservative quoting (see {@link PlainScalars}), literal blocks for
 * multi-line strings, no document marker, no line folding, and exactly one final newline.
 */
public final class YamlWriter {
    private YamlWriter() {
    }

    /** The YAML of any model object: a fabric8 object, a map, a list, a JSON tree. */
    public static String write(Object model) {
        return ModelEmitter.document(model);
    }

    /**
     * The canonical JSON tree of a model object: exactly what {@link #write} emits, before it
     * becomes text. Two objects with equal trees give identical bytes.
     */
    public static JsonNode canonicalTree(Object model) {
        return ModelTree.of(model);
    }

    /** The YAML of a JSON tree, in canonical form. */
    public static String writeTree(JsonNode tree) {
        return YamlEmitter.document(CanonicalTree.of(tree));
    }
}
