package dev.kforge.tgr.trending;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormDecodingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"C%2B%2B|C++", "Jupyter+Notebook|Jupyter Notebook", "pyth%c3%B6n|pythön",
        "pythön|pythön", "%F0%9F%98%80|\uD83D\uDE00", "plain|plain"})
    void decodes_plus_as_space_and_escapes_as_utf8_bytes(String raw, String decoded) {
        assertThat(FormDecoding.decode(raw)).contains(decoded);
    }

    /** URLDecoder turns the last three into U+FFFD, a character the client never sent. */
    @ParameterizedTest
    @ValueSource(strings = {"%ZZ", "py%2", "%", "%\uFF15A", "py%C3", "%C0%AE", "%FF"})
    void refuses_what_is_not_percent_encoded_utf8(String raw) {
        assertThat(FormDecoding.decode(raw)).isEmpty();
    }
}
