package dev.kforge.tgr.trending;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Parsing and normalization; the exact error messages are asserted over HTTP in TrendingApiTest. */
class SearchQueryTest {

    @Test
    void trims_collapses_spaces_and_keys_by_lower_case() throws Exception {
        SearchQuery query = SearchQuery.parse("7", "  Jupyter   Notebook ");

        assertThat(query.n()).isEqualTo(7);
        assertThat(query.language()).isEqualTo("Jupyter Notebook");
        assertThat(query.languageKey()).isEqualTo("jupyter notebook");
    }

    @Test
    void accepts_the_bounds_and_every_allowed_character() throws Exception {
        assertThat(SearchQuery.parse("1", "C").n()).isEqualTo(1);
        assertThat(SearchQuery.parse("100", "x").n()).isEqualTo(100);
        assertThat(SearchQuery.parse("3", "aZ09+#-. b").language()).isEqualTo("aZ09+#-. b");
        assertThat(SearchQuery.parse("3", "a".repeat(50)).language()).hasSize(50);
    }
}
