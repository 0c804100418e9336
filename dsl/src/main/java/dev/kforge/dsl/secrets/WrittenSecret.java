package dev.kforge.dsl.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.dsl.core.Annotations;
import dev.kforge.dsl.yaml.YamlReader;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a Secret file of {@code make secrets} says of its values: the declared version it was written at (none in a file of a
 * version before it recorded one) and its {@code data}, base64 as written. Read only to compare two writes; never printed.
 */
record WrittenSecret(Optional<String> version, SortedMap<String, String> data) {
    WrittenSecret {
        data = Collections.unmodifiableSortedMap(new TreeMap<>(data));
    }

    /** Keys only: a record's own toString would print the values. */
    @Override
    public String toString() {
        return "WrittenSecret[version=" + version.orElse("none") + ", keys=" + data.keySet() + "]";
    }

    /** The file's version and data, or empty when it is not a Secret's YAML (a file edited by hand). */
    static Optional<WrittenSecret> read(String yaml) {
        Optional<JsonNode> tree = YamlReader.tree(yaml);
        if (tree.isEmpty() || !tree.get().path("data").isObject()) {
            return Optional.empty();
        }
        JsonNode version = tree.get().path("metadata").path("annotations").path(Annotations.SECRET_VERSION);
        SortedMap<String, String> data = new TreeMap<>();
        tree.get().path("data").fields().forEachRemaining(entry -> data.put(entry.getKey(), entry.getValue().asText()));
        return Optional.of(new WrittenSecret(version.isTextual() ? Optional.of(version.asText()) : Optional.empty(), data));
    }

    /**
     * The keys whose values differ from {@code previous}'s, when both were written at one version with the same keys: only then
     * does the pods' checksum annotation stay the same (it covers the version and the keys, not the values).
     */
    List<String> changedAtTheSameVersionAs(WrittenSecret previous) {
        if (!previous.version.equals(version) || !previous.data.keySet().equals(data.keySet())) {
            return List.of();
        }
        return data.keySet().stream().filter(key -> !data.get(key).equals(previous.data.get(key))).toList();
    }
}
