package dev.kforge.dsl.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

class YamlWriterTest {

    /** Strings that a YAML 1.1 or 1.2 reader would take for a number, boolean, null, date, merge key... */
    static Stream<String> lookalikes() {
        return Stream.of("5000", "8080", "true", "false", "on", "off", "y", "n", "yes", "no", "Y", "True", "null", "~",
                "2020-01-01", "1e3", "0x1F", "1_000", "12:30", ".inf", ".nan", "+1", "-1", "0.5", "", " leading",
                "trailing ", "a: b", "#x", "- x", "=", "<<",
                // more of the same families
                "NULL", "Off", "YES", "0o17", "0b101", "1:20:30", ".5", "-.inf", "1.1.0", "0777", "1E3", "---");
    }

    /** Strings every YAML reader keeps as strings, so they are written without quotes. */
    static Stream<String> safeStrings() {
        return Stream.of("tgr", "eon01/tgr:1.1.0", "128Mi", "100m", "app.kubernetes.io/name", "/health", "tgr:5000");
    }

    /** ISO 8601 timestamps: YAML 1.1 (SnakeYAML, PyYAML) reads them unquoted as timestamps. */
    static Stream<String> timestamps() {
        return Stream.of("2020-01-01T10:00:00Z", "2001-12-14t21:59:43.10-05:00", "2020-01-01 10:00:00");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("lookalikes")
    void keeps_strings_that_look_like_other_types_double_quoted(String value) {
        String yaml = YamlWriter.write(Map.of("value", value));

        assertThat(yaml).isEqualTo("value: \"" + value + "\"\n");
        assertThat(readBack(yaml).get("value")).isInstanceOf(String.class).isEqualTo(value);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("lookalikes")
    void keeps_keys_that_look_like_other_types_strings(String key) {
        String yaml = YamlWriter.write(Map.of(key, "x"));

        assertThat(readBack(yaml)).containsOnlyKeys(key);
        assertThat(readBack(yaml).keySet().iterator().next()).isInstanceOf(String.class);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("safeStrings")
    void writes_safe_strings_plain(String value) {
        String yaml = YamlWriter.write(Map.of("value", value));

        assertThat(yaml).isEqualTo("value: " + value + "\n");
        assertThat(readBack(yaml).get("value")).isInstanceOf(String.class).isEqualTo(value);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("timestamps")
    void keeps_timestamp_strings_strings(String value) {
        String yaml = YamlWriter.write(Map.of("builtAt", value));

        assertThat(readBack(yaml).get("builtAt"))
                .as("written as %s", yaml.strip())
                .isInstanceOf(String.class)
                .isEqualTo(value);
    }

    @Test
    void every_value_of_a_whole_document_reads_back_as_the_same_string() {
        // Given one document holding every tricky and every safe string, as values and as keys
        Map<String, Object> document = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        Stream.concat(lookalikes(), safeStrings()).forEach(all::add);
        Map<String, String> asKeys = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            document.put(String.format("k%03d", i), all.get(i));
            asKeys.put(all.get(i), "v");
        }
        document.put("list", all);
        document.put("keys", asKeys);

        // When it is written and read back by a YAML 1.1 reader
        Map<String, Object> back = readBack(YamlWriter.write(document));

        // Then nothing changed type
        assertThat(back).isEqualTo(document);
    }

    @Test
    void writes_multi_line_strings_with_a_trailing_newline_as_literal_blocks() {
        String yaml = YamlWriter.write(Map.of("app.properties", "a=1\nb=2\n"));

        assertThat(yaml).isEqualTo("app.properties: |\n  a=1\n  b=2\n");
        assertThat(readBack(yaml).get("app.properties")).isEqualTo("a=1\nb=2\n");
    }

    @Test
    void writes_multi_line_strings_without_a_trailing_newline_as_stripped_literal_blocks() {
        String yaml = YamlWriter.write(Map.of("script", "echo one\necho two"));

        assertThat(yaml).isEqualTo("script: |-\n  echo one\n  echo two\n");
        assertThat(readBack(yaml).get("script")).isEqualTo("echo one\necho two");
    }

    @Test
    void multi_line_strings_whose_first_line_is_indented_round_trip() {
        String value = "  indented\nnot\n";

        assertThat(readBack(YamlWriter.write(Map.of("text", value))).get("text")).isEqualTo(value);
    }

    @Test
    void orders_identifying_keys_first_and_the_rest_alphabetically() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("zeta", 1);
        object.put("namespace", "ns");
        object.put("alpha", 2);
        object.put("name", "thing");
        object.put("spec", map("replicas", 1, "name", "inner", "containers", 0, "kind", "K"));
        object.put("metadata", map("labels", map("b", "2", "a", "1"), "name", "m"));
        object.put("kind", "Thing");
        object.put("apiVersion", "v1");

        assertThat(YamlWriter.write(object)).isEqualTo("""
                apiVersion: v1
                kind: Thing
                metadata:
                  name: m
                  labels:
                    a: "1"
                    b: "2"
                name: thing
                namespace: ns
                alpha: 2
                spec:
                  kind: K
                  name: inner
                  containers: 0
                  replicas: 1
                zeta: 1
                """);
    }

    @Test
    void drops_nulls_empty_maps_and_empty_lists_but_keeps_empty_dir_and_empty_strings() {
        Map<String, Object> volume = new LinkedHashMap<>();
        volume.put("name", "tmp");
        volume.put("emptyDir", new LinkedHashMap<>());
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("kind", "Pod");
        object.put("nothing", null);
        object.put("noLabels", new LinkedHashMap<>());
        object.put("noArgs", List.of());
        object.put("nested", map("onlyEmpty", new LinkedHashMap<>()));
        object.put("value", "");
        List<Object> items = new ArrayList<>();
        items.add(volume);
        items.add(null);
        object.put("volumes", items);

        assertThat(YamlWriter.write(object)).isEqualTo("""
                kind: Pod
                value: ""
                volumes:
                - name: tmp
                  emptyDir: {}
                """);
    }

    @Test
    void ends_with_exactly_one_newline_and_writes_no_document_marker() {
        String yaml = YamlWriter.write(map("kind", "ConfigMap", "data", map("z", "last\nline\n")));

        assertThat(yaml).doesNotStartWith("---").doesNotContain("\n---").endsWith("\n").doesNotEndWith("\n\n");
        assertThat(YamlWriter.write(map("kind", "ConfigMap"))).isEqualTo("kind: ConfigMap\n");
    }

    @Test
    void does_not_fold_long_strings() {
        String plain = "word ".repeat(60).strip();
        String quoted = "# " + "word ".repeat(60).strip();

        String yaml = YamlWriter.write(map("plain", plain, "quoted", quoted));

        assertThat(plain.length()).isGreaterThan(200);
        assertThat(yaml).isEqualTo("plain: " + plain + "\nquoted: \"" + quoted + "\"\n");
        assertThat(readBack(yaml)).containsEntry("plain", plain).containsEntry("quoted", quoted);
    }

    @Test
    void writes_the_same_bytes_for_the_same_input() {
        Map<String, Object> object = map("kind", "ConfigMap", "data", map("b", "2", "a", "on", "c", "x\ny\n"));

        assertThat(YamlWriter.write(object)).isEqualTo(YamlWriter.write(object));
    }

    @Test
    void writes_the_same_bytes_whatever_the_insertion_order() {
        Map<String, Object> one = map("kind", "ConfigMap", "metadata", map("name", "cfg", "labels", map("x", "1", "y", "2")),
                "data", map("b", "2", "a", "1"));
        Map<String, Object> other = map("data", map("a", "1", "b", "2"), "metadata", map("labels", map("y", "2", "x", "1"), "name", "cfg"),
                "kind", "ConfigMap");

        assertThat(YamlWriter.write(other)).isEqualTo(YamlWriter.write(one));
    }

    @Test
    void writes_a_fabric8_object_and_a_tree_the_same_way() {
        ConfigMap configMap = new ConfigMapBuilder().withNewMetadata().withName("cfg").endMetadata()
                .withData(Map.of("PORT", "5000", "DEBUG", "false")).build();
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("apiVersion", "v1");
        tree.put("kind", "ConfigMap");
        tree.putObject("metadata").put("name", "cfg");
        tree.putObject("data").put("PORT", "5000").put("DEBUG", "false");

        String expected = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: cfg
                data:
                  DEBUG: "false"
                  PORT: "5000"
                """;
        assertThat(YamlWriter.write(configMap)).isEqualTo(expected);
        assertThat(YamlWriter.writeTree(tree)).isEqualTo(expected);
    }

    @Test
    void writes_numbers_and_booleans_bare() {
        String yaml = YamlWriter.write(map("replicas", 3, "automount", false, "ratio", 0.5));

        assertThat(yaml).isEqualTo("automount: false\nratio: 0.5\nreplicas: 3\n");
        assertThat(readBack(yaml)).containsEntry("replicas", 3).containsEntry("automount", false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readBack(String yaml) {
        return (Map<String, Object>) new Yaml().load(yaml);
    }

    /** A map in exactly the given insertion order. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
