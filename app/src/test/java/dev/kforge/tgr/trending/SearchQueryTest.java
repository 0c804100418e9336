package dev.kforge.tgr.trending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Parsing and normalization; the exact error messages are asserted over HTTP in TrendingApiTest. */
class SearchQueryTest {

    @Test
    void trims_collapses_spaces_and_keys_by_lower_case() throws Exception {
        SearchQuery query = SearchQuery.fromQueryString("n=7&l=%20%20Jupyter+++Notebook%20");

        assertThat(query.n()).isEqualTo(7);
        assertThat(query.language()).isEqualTo("Jupyter Notebook");
        assertThat(query.languageKey()).isEqualTo("jupyter notebook");
    }

    @Test
    void accepts_the_bounds_and_every_allowed_character() throws Exception {
        assertThat(SearchQuery.fromQueryString("n=1&l=C").n()).isEqualTo(1);
        assertThat(SearchQuery.fromQueryString("l=x&n=100").n()).isEqualTo(100);
        assertThat(SearchQuery.fromQueryString("n=3&l=aZ09%2B%23-.%20b").language()).isEqualTo("aZ09+#-. b");
        assertThat(SearchQuery.fromQueryString("n=3&l=" + "a".repeat(50)).language()).hasSize(50);
        // One letter or digit among punctuation is enough.
        assertThat(SearchQuery.fromQueryString("n=3&l=%23-1").language()).isEqualTo("#-1");
        assertThat(SearchQuery.fromQueryString("n=3&l=.x").language()).isEqualTo(".x");
    }

    @Test
    void decodes_parameter_names_and_ignores_other_parameters() throws Exception {
        SearchQuery query = SearchQuery.fromQueryString("&%6E=2&&foo=bar&n2=9&%6c=go&");

        assertThat(query).isEqualTo(new SearchQuery(2, "go"));
    }

    @Test
    void reports_every_problem_of_both_parameters_at_once() {
        assertThatThrownBy(() -> SearchQuery.fromQueryString("n=1&n=2&l=C++"))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("Invalid parameter 'n': given 2 times ('1', '2'); ")
                .hasMessageContaining("; Invalid parameter 'l': 'C++' ends with '+'");
    }
}
