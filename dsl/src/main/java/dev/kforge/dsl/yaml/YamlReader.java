package dev.kforge.dsl.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Optional;

/** Reads committed YAML back into a tree, for the checks and diffs that compare it with a rendering. */
public final class YamlReader {
    private YamlReader() {
    }

    /** Created on first use: a render whose files did not change never reads one, and the mapper costs ~30 ms to build. */
    private static final class Mapper {
        static final YAMLMapper INSTANCE = new YAMLMapper();
    }

    /** The tree of {@code yaml} (a missing node for an empty text), or empty when the text is not YAML. */
    public static Optional<JsonNode> tree(String yaml) {
        try {
            return Optional.of(Mapper.INSTANCE.readTree(yaml));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
