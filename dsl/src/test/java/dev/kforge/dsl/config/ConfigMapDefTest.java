package dev.kforge.dsl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import org.junit.jupiter.api.Test;

class ConfigMapDefTest {
    private final ConfigMapDef config = ConfigMapDef.named("cfg").withProperty("PORT", "5000").withFile("app.properties", "a=1\n");

    @Test
    void keeps_entries_sorted_by_key() {
        assertThat(config.data().keySet()).containsExactly("PORT", "app.properties");
    }

    @Test
    void references_a_declared_key() {
        ConfigMapKey key = config.key("PORT");

        assertThat(key.configMap()).isEqualTo(config);
        assertThat(key.key()).isEqualTo("PORT");
    }

    @Test
    void rejects_reference_to_an_undeclared_key() {
        assertThatThrownBy(() -> config.key("HOST"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ConfigMap cfg: key \"HOST\" is not declared. Declared keys: [PORT, app.properties]. "
                        + "Add it with withProperty or withFile.");
    }

    @Test
    void an_undeclared_key_a_letter_from_a_declared_one_names_it() {
        // Walkthrough 8 typed config.key("PROT") for PORT.
        assertThatThrownBy(() -> config.key("PROT"))
                .hasMessage("ConfigMap cfg: key \"PROT\" is not declared. Did you mean \"PORT\"? Declared keys: [PORT, app.properties]. "
                        + "Add it with withProperty or withFile.");
    }

    @Test
    void rejects_a_key_declared_twice() {
        assertThatThrownBy(() -> config.withProperty("PORT", "8080"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ConfigMap cfg: key \"PORT\" is declared twice. Keep one entry per key.");
    }

    @Test
    void rejects_binary_data_read_into_a_string() {
        assertThatThrownBy(() -> config.withFile("logo.png", "\u0089PNG\r\n\u001a\n\u0000"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ConfigMap cfg: key \"logo.png\" holds control character U+0089 at index 0, as binary data read into a String "
                        + "does: ConfigMap data is UTF-8 text, so the kubelet would write other bytes than the file's. Keep binary files "
                        + "in the image or a volume; text may hold tab, line feed and carriage return.");
        assertThatThrownBy(() -> config.withProperty("BELL", "a\u0007")).hasMessageStartingWith("ConfigMap cfg: key \"BELL\" holds control character U+0007 at index 1");
        assertThat(config.withFile("notes.txt", "caf\u00e9\tok\r\n").data()).containsEntry("notes.txt", "caf\u00e9\tok\r\n");
    }

    @Test
    void rejects_a_key_with_a_slash() {
        assertThatThrownBy(() -> config.withFile("conf/app.properties", "a=1"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ConfigMap cfg: key \"conf/app.properties\" is invalid: must consist of alphanumerics, '-', '_' or '.' "
                        + "(at most 253, not \".\" or \"..\", not starting with \"..\"). For example \"PORT\" or \"application.properties\".");
    }

    @Test
    void rejects_a_key_starting_with_two_dots_as_the_api_server_does() {
        // The API server refuses them (IsConfigMapKey): a mounted ConfigMap's folder holds the kubelet's own ..data entries.
        assertThatThrownBy(() -> config.withFile("..data", "a=1"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ConfigMap cfg: key \"..data\" is invalid: must consist of alphanumerics, '-', '_' or '.' "
                        + "(at most 253, not \".\" or \"..\", not starting with \"..\"). For example \"PORT\" or \"application.properties\".");
        assertThatThrownBy(() -> SecretDef.opaque("s", "...token"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("Secret s: key \"...token\" is invalid: ");
        assertThat(config.withProperty(".env", "1").withProperty("a..b", "2").data()).containsKeys(".env", "a..b");
    }

    @Test
    void rejects_an_entry_without_value() {
        assertThatThrownBy(() -> config.withProperty("HOST", null))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ConfigMap cfg: key \"HOST\" has no value. Give it a string (it may be empty).");
    }

    @Test
    void rejects_data_larger_than_1_mib() {
        String half = "x".repeat(600 * 1024);
        ConfigMapDef big = ConfigMapDef.named("big").withFile("a", half);

        assertThatThrownBy(() -> big.withFile("b", half))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ConfigMap big: data size \"1228802 bytes\" is invalid: must be at most 1 MiB. "
                        + "Split it into several ConfigMaps or mount large files from elsewhere.");
    }

    @Test
    void counts_data_size_in_utf8_bytes_as_the_api_server_does() {
        // 400 Ki characters of a 3-byte character: 1.2 MiB on the wire
        String euros = "€".repeat(400 * 1024);

        assertThatThrownBy(() -> ConfigMapDef.named("big").withFile("prices.txt", euros))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("ConfigMap big: data size \"1228810 bytes\" is invalid: must be at most 1 MiB.");
    }

    @Test
    void counts_utf8_bytes_without_encoding_exactly_as_the_encoder_does() {
        java.util.List<String> texts = new java.util.ArrayList<>(java.util.List.of("", "plain", "é", "€", "日本語", "emoji \uD83D\uDE00",
                "lone \uD800 high", "lone \uDC00 low", "\uDBFF\uDFFF", "end \uD800", "\u007F\u0080\u07FF\u0800\uFFFF"));
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 2000; i++) {
            char[] chars = new char[random.nextInt(12)];
            for (int j = 0; j < chars.length; j++) {
                int kind = random.nextInt(4);
                chars[j] = (char) (kind == 0 ? random.nextInt(0x80) : kind == 1 ? random.nextInt(0x800) : kind == 2 ? 0xD800 + random.nextInt(0x800)
                        : random.nextInt(0x10000));
            }
            texts.add(new String(chars));
        }

        for (String text : texts) {
            assertThat(ConfigMapDef.utf8Length(text)).as("%s", text.chars().boxed().toList())
                    .isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
    }
}
