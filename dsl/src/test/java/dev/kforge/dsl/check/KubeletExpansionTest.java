package dev.kforge.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The kubelet's expansion of $(NAME) in env values, command and args. */
class KubeletExpansionTest {
    private static final Map<String, String> ENV = Map.of("DB_HOST", "forge-db", "DB_PORT", "5432");

    private static KubeletExpansion expand(String text) {
        return KubeletExpansion.of(text, name -> Optional.ofNullable(ENV.get(name)));
    }

    @Test
    void expands_each_variable_with_a_known_value_anywhere_in_the_text() {
        KubeletExpansion url = expand("postgres://$(DB_HOST):$(DB_PORT)/forge");
        assertThat(url.text()).isEqualTo("postgres://forge-db:5432/forge");
        assertThat(url.settings()).containsExactly("DB_HOST=forge-db", "DB_PORT=5432");
        assertThat(url.known()).isTrue();
        assertThat(expand("forge-db:5432")).isEqualTo(new KubeletExpansion("forge-db:5432", java.util.List.of(), true));
    }

    @Test
    void keeps_an_escaped_or_unknown_variable_as_written() {
        // $$ is one $; $(NAME) of no known value stays as written and makes the text unknown; a lone $ or $( is itself.
        assertThat(expand("$$(DB_HOST)").text()).isEqualTo("$(DB_HOST)");
        assertThat(expand("$$(DB_HOST)").known()).isTrue();
        KubeletExpansion secret = expand("postgres://$(DB_HOST):$(DB_PASSWORD)@x");
        assertThat(secret.text()).isEqualTo("postgres://forge-db:$(DB_PASSWORD)@x");
        assertThat(secret.known()).isFalse();
        assertThat(expand("cost: 5$ $( $").text()).isEqualTo("cost: 5$ $( $");
    }
}
