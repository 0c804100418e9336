package dev.kforge.dsl.network;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Spelling;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * ingress-nginx's annotations of an Ingress ({@code nginx.ingress.kubernetes.io/<name>}). The controller ignores a name it does not
 * know, and a value its parser refuses (a boolean or a number: it logs the error and keeps its default), so the Ingress is applied
 * and the setting silently missing: both are refused. The names are those of ingress-nginx's annotations docs
 * (docs/user-guide/nginx-configuration/annotations.md and annotations-risk.md); booleans are read with Go's strconv.ParseBool,
 * numbers with strconv.Atoi (internal/ingress/annotations/parser).
 */
final class NginxAnnotations {
    static final String PREFIX = "nginx.ingress.kubernetes.io/";

    private static final Set<String> BOOLEANS = Set.of("auth-always-set-cookie", "auth-keepalive-share-vars",
            "auth-tls-pass-certificate-to-upstream", "canary", "cors-allow-credentials", "disable-proxy-intercept-errors", "enable-access-log",
            "enable-cors", "enable-global-auth", "enable-influxdb", "enable-modsecurity", "enable-opentelemetry", "enable-opentracing",
            "enable-owasp-core-rules", "enable-rewrite-log", "force-ssl-redirect", "from-to-www-redirect", "http2-push-preload",
            "opentelemetry-trust-incoming-span", "opentracing-trust-incoming-span", "preserve-trailing-slash", "service-upstream",
            "session-cookie-change-on-failure", "session-cookie-conditional-samesite-none", "session-cookie-partitioned", "session-cookie-secure",
            "ssl-passthrough", "ssl-prefer-server-ciphers", "ssl-redirect", "upstream-hash-by-subset", "use-port-in-redirects", "use-regex");
    /** Timeouts: whole seconds, without a unit. */
    private static final Set<String> SECONDS = Set.of("auth-keepalive-timeout", "proxy-connect-timeout", "proxy-next-upstream-timeout",
            "proxy-read-timeout", "proxy-send-timeout");
    private static final Set<String> NUMBERS = Set.of("auth-keepalive", "auth-keepalive-requests", "auth-tls-verify-depth", "canary-weight",
            "canary-weight-total", "cors-max-age", "global-rate-limit", "limit-burst-multiplier", "limit-connections", "limit-rpm", "limit-rps",
            "permanent-redirect-code", "proxy-buffers-number", "proxy-next-upstream-tries", "proxy-ssl-verify-depth", "temporal-redirect-code",
            "upstream-hash-by-subset-size");
    /** nginx sizes: bytes, or a number with k, m or g. */
    private static final Set<String> SIZES = Set.of("client-body-buffer-size", "proxy-body-size", "proxy-buffer-size", "proxy-max-temp-file-size");
    private static final Set<String> TEXTS = Set.of("affinity", "affinity-canary-behavior", "affinity-mode", "allowlist-source-range", "app-root",
            "auth-cache-duration", "auth-cache-key", "auth-method", "auth-proxy-set-headers", "auth-realm", "auth-request-redirect",
            "auth-response-headers", "auth-secret", "auth-secret-type", "auth-signin", "auth-signin-redirect-param", "auth-snippet",
            "auth-tls-error-page", "auth-tls-match-cn", "auth-tls-secret", "auth-tls-verify-client", "auth-type", "auth-url", "backend-protocol",
            "canary-by-cookie", "canary-by-header", "canary-by-header-pattern", "canary-by-header-value", "configuration-snippet",
            "connection-proxy-header", "cors-allow-headers", "cors-allow-methods", "cors-allow-origin", "cors-expose-headers", "custom-headers",
            "custom-http-errors", "default-backend", "denylist-source-range", "fastcgi-index", "fastcgi-params-configmap", "global-rate-limit-ignored-cidrs",
            "global-rate-limit-key", "global-rate-limit-window", "influxdb-host", "influxdb-measurement", "influxdb-port", "influxdb-server-name",
            "limit-allowlist", "limit-rate", "limit-rate-after", "limit-whitelist", "load-balance", "mirror-host", "mirror-request-body", "mirror-target",
            "modsecurity-snippet", "modsecurity-transaction-id", "opentelemetry-operation-name", "permanent-redirect", "proxy-buffering",
            "proxy-cookie-domain", "proxy-cookie-path", "proxy-http-version", "proxy-next-upstream", "proxy-redirect-from", "proxy-redirect-to",
            "proxy-request-buffering", "proxy-ssl-ciphers", "proxy-ssl-name", "proxy-ssl-protocols", "proxy-ssl-secret", "proxy-ssl-server-name",
            "proxy-ssl-verify", "rewrite-target", "satisfy", "server-alias", "server-snippet", "session-cookie-domain", "session-cookie-expires",
            "session-cookie-max-age", "session-cookie-name", "session-cookie-path", "session-cookie-samesite", "ssl-ciphers", "stream-snippet", "temporal-redirect",
            "upstream-hash-by", "upstream-vhost", "whitelist-source-range", "x-forwarded-prefix");
    /** Sorted, so that of two names as close to a typo the same one is suggested every time. */
    private static final List<String> KNOWN = Stream.of(BOOLEANS, SECONDS, NUMBERS, SIZES, TEXTS).flatMap(Set::stream).sorted().toList();
    private static final Set<String> GO_BOOLEANS = Set.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h)");
    private static final Pattern SIZE = Pattern.compile("\\d+[kKmMgG]?");
    private static final Pattern SIZE_LIKE = Pattern.compile("(\\d+)\\s*([kKmMgG])[a-zA-Z]*");
    /** Below this, a size without a unit is surely meant in k or m: a request body of a few bytes is no body at all. */
    private static final int SMALLEST_BODY_BYTES = 1024;

    private NginxAnnotations() {
    }

    /** Refuses an annotation under {@link #PREFIX} that ingress-nginx would ignore; other keys pass. */
    static void require(String subject, String key, String value) {
        if (!key.startsWith(PREFIX)) {
            return;
        }
        String name = key.substring(PREFIX.length());
        if (!KNOWN.contains(name)) {
            throw InvalidDefinitionException.invalid(subject, "annotation", key, "is not an ingress-nginx annotation: the controller ignores it "
                    + "without a word", Spelling.closest(name, KNOWN).map(known -> "Did you mean \"" + PREFIX + known + "\"?")
                    .orElse("See ingress-nginx's annotations docs for the names; one newer than kforge knows goes in withRawEdit(reason, ...)."));
        }
        if (BOOLEANS.contains(name) && !GO_BOOLEANS.contains(value)) {
            throw InvalidDefinitionException.invalid(subject, "annotation " + key, value, "must be \"true\" or \"false\": ingress-nginx ignores "
                    + "any other value and keeps its default", booleanHint(value));
        }
        if (SECONDS.contains(name) && !DIGITS.matcher(value).matches()) {
            Matcher duration = DURATION.matcher(value.strip());
            throw InvalidDefinitionException.invalid(subject, "annotation " + key, value, "must be a whole number of seconds, without a unit: "
                    + "ingress-nginx ignores any other value and keeps its default", duration.matches()
                    ? "Write \"" + seconds(duration) + "\"." : "For example \"120\".");
        }
        if (NUMBERS.contains(name) && !DIGITS.matcher(value).matches()) {
            throw InvalidDefinitionException.invalid(subject, "annotation " + key, value, "must be a whole number: ingress-nginx ignores any other "
                    + "value and keeps its default", "For example \"10\".");
        }
        if (SIZES.contains(name)) {
            requireSize(subject, key, name, value);
        }
    }

    private static void requireSize(String subject, String key, String name, String value) {
        if (!SIZE.matcher(value).matches()) {
            Matcher like = SIZE_LIKE.matcher(value.strip());
            throw InvalidDefinitionException.invalid(subject, "annotation " + key, value, "must be an nginx size: bytes, or a whole number "
                    + "followed by k, m or g", like.matches() ? "Write \"" + like.group(1) + like.group(2).toLowerCase(Locale.ROOT) + "\"."
                    : "For example \"8m\".");
        }
        if ("proxy-body-size".equals(name) && DIGITS.matcher(value).matches() && !"0".equals(value)
                && value.length() < 5 && Integer.parseInt(value) < SMALLEST_BODY_BYTES) {
            throw InvalidDefinitionException.invalid(subject, "annotation " + key, value, "is " + value + " bytes: nginx reads a size without a "
                    + "unit as bytes, and answers 413 to any larger request body", "Write \"" + value + "m\" for megabytes, \"" + value
                    + "k\" for kilobytes, or \"0\" for no limit.");
        }
    }

    private static String booleanHint(String value) {
        String word = value.strip().toLowerCase(Locale.ROOT);
        if (Set.of("yes", "y", "on", "enabled", "enable").contains(word)) {
            return "Write \"true\".";
        }
        return Set.of("no", "n", "off", "disabled", "disable").contains(word) ? "Write \"false\"." : "Write \"true\" or \"false\".";
    }

    private static long seconds(Matcher duration) {
        long amount = Long.parseLong(duration.group(1));
        return switch (duration.group(2)) {
            case "h" -> amount * 3600;
            case "m" -> amount * 60;
            default -> amount;
        };
    }
}
