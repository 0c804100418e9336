package dev.kforge.dsl.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.ConfigMapDef;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsAndAnnotationsTest {
    private static final String KEY_RULE = "must be an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 "
            + "alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";
    private static final String VALUE_RULE = "must be empty or at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";

    @Test
    void keeps_labels_sorted_by_key_whatever_the_insertion_order() {
        Labels labels = Labels.of("zone", "a").with("app.kubernetes.io/name", "tgr").with("tier", "");

        assertThat(labels.entries().keySet()).containsExactly("app.kubernetes.io/name", "tier", "zone");
        assertThat(labels).isEqualTo(Labels.of(Map.of("tier", "", "zone", "a", "app.kubernetes.io/name", "tgr")));
    }

    @Test
    void checks_what_a_copy_adds_and_keeps_what_it_had() {
        Labels base = Labels.of("app.kubernetes.io/name", "tgr");

        assertThatThrownBy(() -> base.with("-bad", "x"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Labels: label key \"-bad\" is invalid: " + KEY_RULE + ". For example \"app.kubernetes.io/name\".");
        assertThatThrownBy(() -> base.with("tier", "not valid"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("Labels: label tier value \"not valid\" is invalid");
        assertThat(base.with("tier", "web").with(Labels.of("zone", "a")).entries())
                .containsExactly(Map.entry("app.kubernetes.io/name", "tgr"), Map.entry("tier", "web"), Map.entry("zone", "a"));
        assertThat(base.entries()).containsOnlyKeys("app.kubernetes.io/name");
    }

    @Test
    void names_the_object_a_bad_label_or_annotation_was_set_on() {
        assertThatThrownBy(() -> ConfigMapDef.named("cfg").withLabel("tier", "not valid"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ConfigMap cfg: label tier value \"not valid\" is invalid: " + VALUE_RULE + ". Try \"not-valid\".");
        assertThatThrownBy(() -> ConfigMapDef.named("cfg").withLabel("team", null))
                .hasMessage("ConfigMap cfg: label team value null is invalid: " + VALUE_RULE + ".");
        assertThatThrownBy(() -> ConfigMapDef.named("cfg").withAnnotation("-bad", "x"))
                .hasMessage("ConfigMap cfg: annotation key \"-bad\" is invalid: " + KEY_RULE + ". For example \"app.kubernetes.io/name\".");
        assertThatThrownBy(() -> ConfigMapDef.named("cfg").withAnnotation("note", null))
                .hasMessage("ConfigMap cfg: annotation \"note\" has no value. Give it a string (it may be empty).");
    }

    @Test
    void refuses_the_secret_version_annotation_on_an_object_that_is_no_secret_without_suggesting_with_version() {
        assertThatThrownBy(() -> ConfigMapDef.named("cfg").withAnnotation(Annotations.SECRET_VERSION, "2"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ConfigMap cfg: annotation \"kforge.dev/secret-version\" is written by the renderer for Secrets only, "
                        + "from their declared version. Pick another key.");
    }

    @Test
    void recommended_keys_it_does_not_check_again_are_valid_keys() {
        for (String key : Labels.WORKLOAD_DERIVED) {
            assertThat(Names.requireQualifiedKey("test", "key", key)).isEqualTo(key);
        }
        assertThatThrownBy(() -> Labels.of(Labels.NAME, "web server")).hasMessageContaining("web server");
    }

    @Test
    void rejects_label_key_starting_with_a_dash() {
        assertThatThrownBy(() -> Labels.of("-bad", "x"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Labels: label key \"-bad\" is invalid: " + KEY_RULE + ". For example \"app.kubernetes.io/name\".");
    }

    @Test
    void rejects_label_key_with_an_upper_case_prefix() {
        assertThatThrownBy(() -> Labels.of("Example.com/tier", "x"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Labels: label key \"Example.com/tier\" is invalid: " + KEY_RULE + ". For example \"app.kubernetes.io/name\".");
    }

    @Test
    void rejects_label_key_whose_name_part_is_longer_than_63() {
        String key = "example.com/" + "k".repeat(64);

        assertThatThrownBy(() -> Labels.of(key, "x"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Labels: label key \"" + key + "\" is invalid: " + KEY_RULE + ". For example \"app.kubernetes.io/name\".");
    }

    @Test
    void rejects_empty_label_key() {
        assertThatThrownBy(() -> Labels.of("", "x"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Labels: label key \"\" is invalid: " + KEY_RULE + ".");
    }

    @Test
    void rejects_label_value_with_a_space_and_suggests_one_without() {
        assertThatThrownBy(() -> Labels.of("tier", "web server"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Labels: label tier value \"web server\" is invalid: " + VALUE_RULE + ". Try \"web-server\".");
    }

    @Test
    void rejects_label_value_longer_than_63() {
        String value = "v".repeat(64);

        assertThatThrownBy(() -> Labels.of("tier", value))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Labels: label tier value \"" + value + "\" is invalid: " + VALUE_RULE + ". Try \"" + "v".repeat(63) + "\".");
    }

    @Test
    void rejects_label_value_on_an_object_through_its_wither() {
        ConfigMapDef config = ConfigMapDef.named("cfg");

        assertThatThrownBy(() -> config.withLabel("tier", "-web"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ConfigMap cfg: label tier value \"-web\" is invalid: " + VALUE_RULE + ". Try \"web\".");
    }

    @Test
    void accepts_values_yaml_would_misread_because_the_writer_quotes_them() {
        Labels labels = Labels.of("flag", "y").with("version", "1.0").with("empty", "");

        assertThat(labels.get("flag")).isEqualTo("y");
        assertThat(labels.get("empty")).isEmpty();
    }

    @Test
    void is_subset_when_every_label_matches() {
        Labels selector = Labels.of("a", "1");

        assertThat(selector.isSubsetOf(Labels.of("a", "1").with("b", "2"))).isTrue();
        assertThat(selector.isSubsetOf(Labels.of("a", "2"))).isFalse();
    }

    @Test
    void rejects_annotation_key_with_a_space() {
        assertThatThrownBy(() -> Annotations.of("bad key", "x"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Annotations: annotation key \"bad key\" is invalid: " + KEY_RULE + ". For example \"app.kubernetes.io/name\".");
    }

    @Test
    void rejects_annotation_without_value() {
        assertThatThrownBy(() -> Annotations.of("note", null))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Annotations: annotation \"note\" has no value. Give it a string (it may be empty).");
    }

    @Test
    void rejects_annotations_larger_than_256_kib_in_total() {
        Annotations almostFull = Annotations.of("a", "x".repeat(200 * 1024));

        assertThatThrownBy(() -> almostFull.with("b", "x".repeat(60 * 1024)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Annotations: total size \"266242 bytes\" is invalid: must be at most 262144 bytes (256 KiB). Move large content into a ConfigMap.");
    }

    @Test
    void counts_annotation_size_in_utf8_bytes() {
        // 100 Ki characters of a 3-byte character: 300 KiB
        assertThatThrownBy(() -> Annotations.of("a", "€".repeat(100 * 1024)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("Annotations: total size \"307201 bytes\" is invalid");
    }
}
