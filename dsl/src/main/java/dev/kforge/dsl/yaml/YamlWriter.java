package dev.kforge.dsl.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;

/**
 * Owns every byte of the output: one object becomes one YAML document in canonical form (see
 * {@link CanonicalTree}), with conservative quoting (see {@link PlainScalars}), literal blocks for
 * multi-line strings, no document marker, no line folding, and exactly one final newline.
 */
public final class YamlWriter {
    private static final ObjectMapper TREE_MAPPER = new ObjectMapper();
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .stringQuotingChecker(new PlainScalars())
                    .build())
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build();

    private YamlWriter() {
    }

    /** The YAML of any model object Jackson can map (a fabric8 object, a map, a tree). */
    public static String write(Object model) {
        return writeTree(TREE_MAPPER.valueToTree(model));
    }

    /**
     * The canonical JSON tree of a model object: exactly what {@link #write} emits, before it
     * becomes text. Two objects with equal trees give identical bytes.
     */
    public static JsonNode canonicalTree(Object model) {
        return CanonicalTree.of(TREE_MAPPER.valueToTree(model));
    }

    /** The YAML of a JSON tree, in canonical form. */
    public static String writeTree(JsonNode tree) {
        try {
            String yaml = YAML.writeValueAsString(CanonicalTree.of(tree));
            return yaml.endsWith("\n") ? yaml : yaml + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write YAML: " + e.getOriginalMessage(), e);
        }
    }
}
