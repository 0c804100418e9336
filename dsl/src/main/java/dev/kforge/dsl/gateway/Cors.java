package dev.kforge.dsl.gateway;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The cross-origin (CORS) policy of a Mapping: which browser origins may call it, with which
 * methods and headers. Start with {@code Cors.allowOrigins("https://tgr.example.com")}.
 *
 * @param origins     {@code "*"} or origins such as {@code https://app.example.com}; never empty
 * @param methods     the allowed methods; default none listed (the browser's simple methods only)
 * @param headers     the allowed request headers; default none listed
 * @param credentials whether cookies and credentials may be sent; default false
 * @param maxAge      how long a browser may cache the preflight answer; default the browser's
 */
public record Cors(List<String> origins, List<Method> methods, List<String> headers, boolean credentials,
                   Optional<Duration> maxAge) {
    /** Every origin. Cannot be combined with credentials. */
    public static final String ANY_ORIGIN = "*";

    private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?");
    private static final Pattern HEADER = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** The HTTP methods a CORS policy may allow. */
    public enum Method {
        GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS
    }

    public Cors {
        origins = List.copyOf(origins);
        methods = List.copyOf(new LinkedHashSet<>(methods));
        headers = List.copyOf(headers);
        if (origins.isEmpty()) {
            throw new InvalidDefinitionException("Cors: no origins. Allow at least one, e.g. Cors.allowOrigins(\"https://app.example.com\").");
        }
        for (String origin : origins) {
            if (!ANY_ORIGIN.equals(origin) && (origin == null || !ORIGIN.matcher(origin).matches())) {
                throw InvalidDefinitionException.invalid("Cors", "origin", origin,
                        "must be \"*\" or scheme://host[:port] in lower case, without a path", "For example \"https://app.example.com\".");
            }
        }
        if (origins.contains(ANY_ORIGIN) && origins.size() > 1) {
            throw InvalidDefinitionException.invalid("Cors", "origins", String.join(", ", origins),
                    "list \"*\" with other origins", "Use \"*\" alone, or list the origins.");
        }
        for (String header : headers) {
            if (header == null || !HEADER.matcher(header).matches()) {
                throw InvalidDefinitionException.invalid("Cors", "header", header,
                        "must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)", "For example \"Content-Type\".");
            }
        }
        if (credentials && origins.contains(ANY_ORIGIN)) {
            throw InvalidDefinitionException.invalid("Cors", "origins", ANY_ORIGIN,
                    "cannot be combined with credentials (browsers refuse it)", "List the origins that may send credentials.");
        }
        maxAge.ifPresent(age -> {
            if (age.isNegative() || age.isZero() || age.toNanos() % 1_000_000_000L != 0) {
                throw InvalidDefinitionException.invalid("Cors", "max_age", Durations.show(age), "must be a positive whole number of seconds",
                        "For example Duration.ofHours(1).");
            }
        });
    }

    /** A policy for these origins (or {@link #ANY_ORIGIN}), with no methods, headers or credentials yet. */
    public static Cors allowOrigins(String first, String... more) {
        return new Cors(Given.atLeastOne("Cors", "origins", first, more), List.of(), List.of(), false, Optional.empty());
    }

    /** A copy that also allows these methods. */
    public Cors allowMethods(Method first, Method... more) {
        List<Method> all = new ArrayList<>(methods);
        all.addAll(Given.atLeastOne("Cors", "methods", first, more));
        return new Cors(origins, all, headers, credentials, maxAge);
    }

    /** A copy that also allows these request headers, e.g. {@code "Content-Type"}. */
    public Cors allowHeaders(String first, String... more) {
        List<String> all = new ArrayList<>(headers);
        all.addAll(Given.atLeastOne("Cors", "headers", first, more));
        return new Cors(origins, methods, all, credentials, maxAge);
    }

    /** A copy that lets browsers send cookies and credentials (not with {@link #ANY_ORIGIN}). */
    public Cors allowCredentials() {
        return new Cors(origins, methods, headers, true, maxAge);
    }

    /** A copy letting browsers cache the preflight answer for {@code maxAge} (whole seconds). */
    public Cors withMaxAge(Duration maxAge) {
        return new Cors(origins, methods, headers, credentials, Optional.of(Given.optional("Cors", "maxAge", maxAge)));
    }

    /** The {@code cors} fields. */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("origins", origins);
        fields.put("methods", methods.stream().map(Method::name).toList());
        fields.put("headers", headers);
        if (credentials) {
            fields.put("credentials", true);
        }
        // The CRD types max_age as a string of seconds.
        maxAge.ifPresent(age -> fields.put("max_age", Long.toString(age.toSeconds())));
        return fields;
    }
}
