package dev.kforge.dsl.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * The reference the writer is held to: Jackson's own {@code valueToTree}, put in canonical form,
 * written by jackson-dataformat-yaml (SnakeYAML's emitter) with the options kforge's output is
 * defined by. It is slow to start (bean serializers, SnakeYAML), so the product does not use it;
 * the tests prove {@link ModelTree} and {@link YamlEmitter} give the same trees and bytes.
 */
final class JacksonReference {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .stringQuotingChecker(new StringQuotingChecker() {
                        private static final long serialVersionUID = 1L;

                        @Override
                        public boolean needToQuoteName(String name) {
                            return !PlainScalars.isPlainSafe(name);
                        }

                        @Override
                        public boolean needToQuoteValue(String value) {
                            return !PlainScalars.isPlainSafe(value);
                        }
                    })
                    .build())
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build();

    private JacksonReference() {
    }

    static JsonNode tree(Object model) {
        return CanonicalTree.of(MAPPER.valueToTree(model));
    }

    static String write(Object model) {
        try {
            String yaml = YAML.writeValueAsString(tree(model));
            return yaml.endsWith("\n") ? yaml : yaml + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a YAML reader (SnakeYAML through Jackson) reads back. */
    static JsonNode read(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not readable YAML: " + e.getOriginalMessage() + "\n" + yaml, e);
        }
    }
}
