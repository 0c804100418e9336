package dev.kforge.dsl.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingTest {
    @Test
    void finds_a_name_within_two_edits_ignoring_case() {
        assertThat(Spelling.closest("CLIENT_SECRET", List.of("PATH", "CLEINT_SECRET", "HOME"))).contains("CLEINT_SECRET");
        assertThat(Spelling.closest("PORT", List.of("DEBUG", "prot", "HOST_NAME"))).contains("prot");
        assertThat(Spelling.closest("LOG_LEVEL", List.of("LOG_LEVELS", "LOG_LEVL"))).contains("LOG_LEVELS");
    }

    @Test
    void prefers_the_closest_and_then_the_first() {
        assertThat(Spelling.closest("CLIENT_ID", List.of("CLIENT_IDXY", "CLIENT_IDX"))).contains("CLIENT_IDX");
        assertThat(Spelling.closest("CLIENT_ID", List.of("CLIENT_IDY", "CLIENT_IDX"))).contains("CLIENT_IDY");
    }

    @Test
    void suggests_nothing_far_off_the_name_itself_or_between_short_names() {
        assertThat(Spelling.closest("CLIENT_SECRET", List.of("CLIENT_ID", "PATH"))).isEmpty();
        assertThat(Spelling.closest("PORT", List.of("PORT"))).isEmpty();
        assertThat(Spelling.closest("ENV", List.of("DEV", "EN"))).isEmpty();
        // Below 8 characters one edit: HOST is two from PORT, half the name.
        assertThat(Spelling.closest("HOST", List.of("PORT", "app.properties"))).isEmpty();
        assertThat(Spelling.closest("DEBUG", List.of("DEBUGS", "DBG"))).contains("DEBUGS");
    }

    @Test
    void a_swap_of_two_neighbours_is_one_edit() {
        assertThat(Spelling.closest("PROT", List.of("PORT"))).contains("PORT");
        assertThat(Spelling.closest("ENV_ENV", List.of("ENV_NEV"))).contains("ENV_NEV");
    }
}
