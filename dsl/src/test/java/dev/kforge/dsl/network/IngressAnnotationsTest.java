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

    /** The names in the table of ingress-nginx's annotations docs (docs/user-guide/nginx-configuration/annotations.md). */
    private static final java.util.List<String> DOCUMENTED = java.util.List.of(
            "app-root", "affinity", "affinity-mode", "affinity-canary-behavior", "auth-realm", "auth-secret", "auth-secret-type",
            "auth-type", "auth-tls-secret", "auth-tls-verify-depth", "auth-tls-verify-client", "auth-tls-error-page",
            "auth-tls-pass-certificate-to-upstream", "auth-url", "auth-cache-key", "auth-cache-duration",
            "auth-proxy-set-headers", "auth-snippet", "enable-global-auth", "backend-protocol", "canary", "canary-by-header",
            "canary-by-header-value", "canary-by-header-pattern", "canary-by-cookie", "canary-weight", "canary-weight-total",
            "client-body-buffer-size", "configuration-snippet", "custom-http-errors", "default-backend", "enable-cors",
            "cors-allow-origin", "cors-allow-methods", "cors-allow-headers", "cors-expose-headers", "cors-allow-credentials",
            "cors-max-age", "force-ssl-redirect", "from-to-www-redirect", "http2-push-preload", "limit-connections", "limit-rps",
            "global-rate-limit", "global-rate-limit-window", "global-rate-limit-key", "global-rate-limit-ignored-cidrs",
            "permanent-redirect", "permanent-redirect-code", "temporal-redirect", "preserve-trailing-slash", "proxy-body-size",
            "proxy-cookie-domain", "proxy-cookie-path", "proxy-connect-timeout", "proxy-send-timeout", "proxy-read-timeout",
            "proxy-next-upstream", "proxy-next-upstream-timeout", "proxy-next-upstream-tries", "proxy-request-buffering",
            "proxy-redirect-from", "proxy-redirect-to", "proxy-http-version", "proxy-ssl-secret", "proxy-ssl-ciphers",
            "proxy-ssl-name", "proxy-ssl-protocols", "proxy-ssl-verify", "proxy-ssl-verify-depth", "proxy-ssl-server-name",
            "enable-rewrite-log", "rewrite-target", "satisfy", "server-alias", "server-snippet", "service-upstream",
            "session-cookie-name", "session-cookie-path", "session-cookie-change-on-failure", "session-cookie-samesite",
            "session-cookie-conditional-samesite-none", "ssl-redirect", "ssl-passthrough", "stream-snippet", "upstream-hash-by",
            "x-forwarded-prefix", "load-balance", "upstream-vhost", "whitelist-source-range", "proxy-buffering",
            "proxy-buffers-number", "proxy-buffer-size", "proxy-max-temp-file-size", "ssl-ciphers", "ssl-prefer-server-ciphers",
            "connection-proxy-header", "enable-access-log", "enable-opentracing", "opentracing-trust-incoming-span",
            "enable-influxdb", "influxdb-measurement", "influxdb-port", "influxdb-host", "influxdb-server-name", "use-regex",
            "enable-modsecurity", "enable-owasp-core-rules", "modsecurity-transaction-id", "modsecurity-snippet",
            "mirror-request-body", "mirror-target");

    @Test
    void every_name_of_the_annotations_docs_table_is_known() {
        for (String name : DOCUMENTED) {
            // A value each kind of annotation takes: "1" passes as a boolean, a number, a timeout and text; a body size of
            // a few bytes is refused on purpose.
            String value = switch (name) {
                case "proxy-body-size" -> "1m";
                case "rewrite-target" -> "/";
                default -> "1";
            };
            assertThatCode(() -> shop.withAnnotation(NGINX + name, value)).as(name).doesNotThrowAnyException();
        }
    }
}
