package dev.kforge.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.yaml.YamlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The text a recreation step compares with what kubectl prints for the live object: Go's JSON, the stored quantity, sh quoting. */
class LiveValueEncodingTest {
    @Test
    void maps_and_lists_are_written_as_go_encodes_them_keys_in_byte_order_without_spaces() {
        String yaml = """
                matchLabels:
                  "b": "2"
                  "a.example.com/Z": "x y"
                  "a.example.com/a": ""
                matchExpressions:
                - {key: tier, operator: In, values: [web, "8080"]}
                """;

        assertThat(GoJson.of(YamlReader.tree(yaml).orElseThrow())).isEqualTo("{\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"In\","
                + "\"values\":[\"web\",\"8080\"]}],\"matchLabels\":{\"a.example.com/Z\":\"x y\",\"a.example.com/a\":\"\",\"b\":\"2\"}}");
    }

    @Test
    void strings_are_escaped_as_go_escapes_them_html_characters_included() {
        String yaml = "k: \"<a href='x'>&\\\"\\\\\\n\\t\\u0001\\u2028é\\b\\f\"\n";

        assertThat(GoJson.of(YamlReader.tree(yaml).orElseThrow().get("k")))
                .isEqualTo("\"\\u003ca href='x'\\u003e\\u0026\\\"\\\\\\n\\t\\u0001\\u2028é\\b\\f\"");
    }

    @ParameterizedTest
    @CsvSource({"10Gi, 10Gi", "1024Mi, 1Gi", "1536Mi, 1536Mi", "0.5Gi, 512Mi", "512Ki, 512Ki", "0.5Ki, 512", "3000, 3k",
            "1500000, 1500k", "1000M, 1G", "1.5, 1500m", "0, 0", "1e3, 1e3"})
    void a_quantity_is_compared_in_the_form_the_api_server_keeps(String written, String stored) {
        assertThat(CanonicalQuantity.of(written)).isEqualTo(stored);
    }

    @Test
    void text_is_one_sh_word_in_single_quotes_a_quote_closed_escaped_and_reopened() {
        assertThat(ShellWords.quoted("{\"a\":\"$b `c`\"}")).isEqualTo("'{\"a\":\"$b `c`\"}'");
        assertThat(ShellWords.quoted("it's")).isEqualTo("'it'\\''s'");
    }
}
