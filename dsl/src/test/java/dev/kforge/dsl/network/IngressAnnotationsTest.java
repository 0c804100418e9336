package dev.kforge.dsl.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import org.junit.jupiter.api.Test;

/**
 * ingress-nginx ignores an annotation whose name it does not know, and a boolean or number it cannot parse (it logs an error and
 * keeps its default): the Ingress is applied and the setting is missing. Names and types from ingress-nginx's annotations docs.
 */
class IngressAnnotationsTest {
    private static final String NGINX = "nginx.ingress.kubernetes.io/";
    private final IngressDef shop = IngressDef.named("shop");

    private static String refusal(IngressDef ingress, String key, String value) {
        try {
            ingress.withAnnotation(key, value);
        } catch (InvalidDefinitionException e) {
            return e.getMessage();
        }
        throw new AssertionError(key + ": " + value + " was accepted");
    }

    @Test
    void a_misspelt_ingress_nginx_annotation_is_refused_with_the_name_it_was_meant_to_be() {
        assertThat(refusal(shop, NGINX + "rewrite-targets", "/")).isEqualTo("Ingress shop: annotation \"nginx.ingress.kubernetes.io/"
                + "rewrite-targets\" is not an ingress-nginx annotation: the controller ignores it without a word. "
                + "Did you mean \"nginx.ingress.kubernetes.io/rewrite-target\"?");
        assertThat(refusal(shop, NGINX + "ssl-redirects", "false")).endsWith("Did you mean \"nginx.ingress.kubernetes.io/ssl-redirect\"?");
        assertThat(refusal(shop, NGINX + "proxy-bodysize", "10m")).endsWith("Did you mean \"nginx.ingress.kubernetes.io/proxy-body-size\"?");
        assertThat(refusal(shop, NGINX + "proxy-read-timout", "30")).endsWith("Did you mean \"nginx.ingress.kubernetes.io/proxy-read-timeout\"?");
    }

    @Test
    void a_name_no_ingress_nginx_annotation_is_near_is_refused_too() {
        // NGINX Inc.'s controller's name (nginx.org/client-max-body-size) under ingress-nginx's prefix
        assertThat(refusal(shop, NGINX + "client-max-body-size", "10m")).isEqualTo("Ingress shop: annotation \"nginx.ingress.kubernetes.io/"
                + "client-max-body-size\" is not an ingress-nginx annotation: the controller ignores it without a word. See ingress-nginx's "
                + "annotations docs for the names; one newer than kforge knows goes in withRawEdit(reason, ...).");
    }

    @Test
    void a_boolean_annotation_takes_true_or_false() {
        assertThat(refusal(shop, NGINX + "ssl-redirect", "yes")).isEqualTo("Ingress shop: annotation nginx.ingress.kubernetes.io/ssl-redirect "
                + "\"yes\" is invalid: must be \"true\" or \"false\": ingress-nginx ignores any other value and keeps its default. Write \"true\".");
        assertThat(refusal(shop, NGINX + "force-ssl-redirect", "off")).endsWith("Write \"false\".");
        assertThat(refusal(shop, NGINX + "use-regex", "regex")).endsWith("Write \"true\" or \"false\".");
        assertThatCode(() -> shop.withAnnotation(NGINX + "ssl-redirect", "false").withAnnotation(NGINX + "enable-cors", "True"))
                .doesNotThrowAnyException();
    }

    @Test
    void a_timeout_is_whole_seconds_without_a_unit() {
        assertThat(refusal(shop, NGINX + "proxy-read-timeout", "30s")).isEqualTo("Ingress shop: annotation "
                + "nginx.ingress.kubernetes.io/proxy-read-timeout \"30s\" is invalid: must be a whole number of seconds, without a unit: "
                + "ingress-nginx ignores any other value and keeps its default. Write \"30\".");
        assertThat(refusal(shop, NGINX + "proxy-send-timeout", "2m")).endsWith("Write \"120\".");
        assertThat(refusal(shop, NGINX + "limit-rps", "10/s")).isEqualTo("Ingress shop: annotation nginx.ingress.kubernetes.io/limit-rps "
                + "\"10/s\" is invalid: must be a whole number: ingress-nginx ignores any other value and keeps its default. For example \"10\".");
        assertThatCode(() -> shop.withAnnotation(NGINX + "proxy-read-timeout", "120")).doesNotThrowAnyException();
    }

    @Test
    void a_body_size_is_an_nginx_size_and_a_few_bytes_without_a_unit_are_refused() {
        assertThat(refusal(shop, NGINX + "proxy-body-size", "10")).isEqualTo("Ingress shop: annotation "
                + "nginx.ingress.kubernetes.io/proxy-body-size \"10\" is 10 bytes: nginx reads a size without a unit as bytes, and answers "
                + "413 to any larger request body. Write \"10m\" for megabytes, \"10k\" for kilobytes, or \"0\" for no limit.");
        assertThat(refusal(shop, NGINX + "proxy-body-size", "10MB")).isEqualTo("Ingress shop: annotation "
                + "nginx.ingress.kubernetes.io/proxy-body-size \"10MB\" is invalid: must be an nginx size: bytes, or a whole number followed "
                + "by k, m or g. Write \"10m\".");
        assertThat(refusal(shop, NGINX + "proxy-buffer-size", "1.5k")).endsWith("For example \"8m\".");
        assertThatCode(() -> shop.withAnnotation(NGINX + "proxy-body-size", "8m").withAnnotation(NGINX + "proxy-body-size", "0")
                .withAnnotation(NGINX + "proxy-body-size", "1048576").withAnnotation(NGINX + "client-body-buffer-size", "1000"))
                .doesNotThrowAnyException();
    }

    @Test
    void annotations_the_metadata_brings_along_are_held_to_the_same_rules_and_others_pass() {
        assertThatThrownBy(() -> shop.withMeta(shop.meta().withAnnotation(NGINX + "ssl-redirects", "false")))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageEndingWith("Did you mean \"nginx.ingress.kubernetes.io/ssl-redirect\"?");
        assertThatCode(() -> shop.withAnnotation(NGINX + "auth-secret", "web-basic-auth").withAnnotation(NGINX + "limit-rpm", "600")
                .withAnnotation(NGINX + "whitelist-source-range", "10.0.0.0/8").withAnnotation("example.com/owner", "shop-team")
                .withAnnotation("nginx.org/client-max-body-size", "10m")).doesNotThrowAnyException();
    }

    @Test
    void the_deprecated_class_annotation_is_refused_for_ingress_class_name() {
        assertThat(refusal(shop.withIngressClassName("nginx"), "kubernetes.io/ingress.class", "nginx")).isEqualTo("Ingress shop: annotation "
                + "\"kubernetes.io/ingress.class\" is deprecated since Kubernetes 1.18 for spec.ingressClassName, which the checks read (and the "
                + "API server refuses an Ingress whose annotation differs from it). Use withIngressClassName(\"nginx\") instead.");
        assertThat(refusal(shop, "kubernetes.io/ingress.class", "traefik")).endsWith("Use withIngressClassName(\"traefik\") instead.");
    }
}
