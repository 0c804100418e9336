package dev.kforge.dsl.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageTest {
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
    private static final String REPOSITORY_RULE = "must be [registry[:port]/]path with lowercase path components";

    @Test
    void parses_registry_with_port_path_tag_and_digest() {
        Image image = Image.parse("registry.example.com:5000/team/app:1.2.3@" + DIGEST);

        assertThat(image.repository()).isEqualTo("registry.example.com:5000/team/app");
        assertThat(image.tag()).contains("1.2.3");
        assertThat(image.digest()).contains(DIGEST);
    }

    @Test
    void parses_a_registry_port_without_a_tag() {
        Image image = Image.parse("localhost:5000/app");

        assertThat(image.repository()).isEqualTo("localhost:5000/app");
        assertThat(image.tag()).isEmpty();
        assertThat(image.digest()).isEmpty();
    }

    @Test
    void parses_a_digest_without_a_tag() {
        Image image = Image.parse("app@" + DIGEST);

        assertThat(image.repository()).isEqualTo("app");
        assertThat(image.tag()).isEmpty();
        assertThat(image.digest()).contains(DIGEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eon01/tgr:1.1.0", "bitnami/kubectl:1.33", "localhost:5000/app", "registry.example.com:5000/team/app:1.2.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void writes_back_the_reference_it_parsed(String reference) {
        assertThat(Image.parse(reference).reference()).isEqualTo(reference);
        assertThat(Image.parse(reference)).hasToString(reference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres:16.4", "docker.io/postgres:16.4", "docker.io/library/postgres@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "library/postgres:16.4-alpine", "index.docker.io/library/postgres"})
    void names_a_docker_hub_official_image_however_it_is_written(String reference) {
        assertThat(Image.parse(reference).officialName()).contains("postgres");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bitnami/postgresql:16.4.0", "docker.io/bitnami/postgresql:16.4.0", "registry.example.com/postgres:16.4",
            "localhost/postgres:16.4", "localhost:5000/postgres", "registry.example.com/library/postgres:16.4"})
    void names_no_official_image_of_another_namespace_or_registry(String reference) {
        assertThat(Image.parse(reference).officialName()).isEmpty();
    }

    @Test
    void rejects_upper_case_repository() {
        assertThatThrownBy(() -> Image.parse("Eon01/TGR:1.0"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Image: repository \"Eon01/TGR\" is invalid: " + REPOSITORY_RULE + ". For example \"eon01/tgr\".");
    }

    @Test
    void rejects_tag_starting_with_a_dash() {
        assertThatThrownBy(() -> Image.parse("eon01/tgr:-bad"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Image eon01/tgr: tag \"-bad\" is invalid: must be letters, digits, '_', '.' or '-', at most 128, "
                        + "not starting with '.' or '-'. For example \"1.1.0\".");
    }

    @Test
    void rejects_short_digest() {
        assertThatThrownBy(() -> Image.parse("eon01/tgr@sha256:abc"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Image eon01/tgr: digest \"sha256:abc\" is invalid: must be sha256: followed by 64 lowercase hex digits.");
    }

    @Test
    void rejects_empty_reference() {
        assertThatThrownBy(() -> Image.parse(""))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Image: reference \"\" is invalid: must be repository[:tag][@digest]. For example \"eon01/tgr:1.1.0\".");
    }

    @Test
    void rejects_two_tags() {
        assertThatThrownBy(() -> Image.parse("eon01/tgr:1.0:2.0"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Image: repository \"eon01/tgr:1.0\" is invalid: " + REPOSITORY_RULE
                        + ". It holds a tag: give one tag, as Image.of(\"eon01/tgr\", \"1.1.0\") or Image.parse(\"eon01/tgr:1.1.0\").");
    }

    @Test
    void rejects_empty_tag_in_of() {
        assertThatThrownBy(() -> Image.of("eon01/tgr", ""))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Image eon01/tgr: tag \"\" is invalid: must not be empty. Pin a version, e.g. \"1.1.0\".");
        // A tag read from a profile or a variable that was never set: said as missing, not as the text "null".
        assertThatThrownBy(() -> Image.of("eon01/tgr", null))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Image eon01/tgr: tag is missing (null). Pin a version, e.g. \"1.1.0\".");
    }

    @Test
    void names_the_empty_tag_rather_than_the_repository() {
        assertThatThrownBy(() -> Image.parse("eon01/tgr:"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Image eon01/tgr: tag \"\" is invalid: must not be empty. Pin a version, e.g. \"1.1.0\".");
    }

    @Test
    void says_when_the_repository_holds_a_tag() {
        String hint = "It holds a tag: give one tag, as Image.of(\"eon01/tgr\", \"1.1.0\") or Image.parse(\"eon01/tgr:1.1.0\").";
        assertThatThrownBy(() -> Image.of("example/guestbook:1.0", "1.0"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Image: repository \"example/guestbook:1.0\" is invalid: must be [registry[:port]/]path with lowercase "
                        + "path components. " + hint);
        assertThatThrownBy(() -> Image.parse("example/guestbook:1.0:2")).hasMessageEndingWith(hint);
        assertThatThrownBy(() -> Image.of("Example/guestbook", "1.0")).hasMessageEndingWith("For example \"eon01/tgr\".");
        assertThat(Image.parse("registry.example.com:5000/team/app:1.0").repository()).isEqualTo("registry.example.com:5000/team/app");
        assertThat(Image.parse("localhost:5000/app:1").repository()).isEqualTo("localhost:5000/app");
        assertThat(Image.parse("my-registry:5000/app:1").repository()).isEqualTo("my-registry:5000/app");
        assertThat(Image.parse("Registry.Example.com/app:1").repository()).isEqualTo("Registry.Example.com/app");
    }

    @Test
    void the_pulled_repository_spells_docker_hub_names_in_full_and_keeps_other_registries() {
        assertThat(Image.parse("postgres:16.4").pulledRepository()).isEqualTo("docker.io/library/postgres");
        assertThat(Image.parse("library/postgres:16.4").pulledRepository()).isEqualTo("docker.io/library/postgres");
        assertThat(Image.parse("index.docker.io/library/postgres:16.4").pulledRepository()).isEqualTo("docker.io/library/postgres");
        assertThat(Image.parse("eon01/tgr:1.1.0").pulledRepository()).isEqualTo("docker.io/eon01/tgr");
        assertThat(Image.parse("ghcr.io/acme/web:1.0").pulledRepository()).isEqualTo("ghcr.io/acme/web");
        assertThat(Image.parse("localhost/web:1.0").pulledRepository()).isEqualTo("localhost/web");
        assertThat(Image.parse("registry:5000/web:1.0").pulledRepository()).isEqualTo("registry:5000/web");
    }
}
