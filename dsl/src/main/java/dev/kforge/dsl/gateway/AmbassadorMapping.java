package dev.kforge.dsl.gateway;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.network.ServiceBackend;
import dev.kforge.dsl.network.ServiceDef;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Mapping in the annotation form of Ambassador 0.x/1.x ({@code getambassador.io/config} on the
 * Service, {@code apiVersion: ambassador/v1}), written as the workshop writes it. The
 * target is a Service port object, so the mapping cannot name a port the Service lacks.
 *
 * <pre>{@code
 * ServiceDef routed = AmbassadorMapping.named("tgr_mapping").prefix("/").addTo(service.backend(port));
 * }</pre>
 *
 * @param rewrite the prefix the upstream sees; default Ambassador's ({@code /}); {@code ""} keeps the path
 * @param timeout the whole request's timeout, written as {@code timeout_ms}; default Ambassador's (3 s)
 * @param ambassadorId the gateway that reads it, written as {@code ambassador_id}; default the gateway without an
 *                     {@code AMBASSADOR_ID} (as {@link GatewayInstallation} installs Ambassador 1.x)
 */
public record AmbassadorMapping(String name, String prefix, Optional<String> rewrite, Optional<Duration> timeout,
                                Optional<AmbassadorId> ambassadorId) {
    /** The annotation Ambassador reads its configuration from. */
    public static final String ANNOTATION = "getambassador.io/config";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?");
    private static final Pattern URL_PATH = Pattern.compile("/[A-Za-z0-9/_.~-]*");

    public AmbassadorMapping {
        if (name == null || !NAME.matcher(name).matches()) {
            throw InvalidDefinitionException.invalid("AmbassadorMapping", "name", name,
                    "must be letters, digits, '_', '.' or '-'", "For example \"tgr_mapping\".");
        }
        requirePath(name, "prefix", prefix);
        rewrite.ifPresent(r -> {
            if (!r.isEmpty()) {
                requirePath(name, "rewrite", r);
                PrefixRewrite.requireRewriteFits("AmbassadorMapping " + name, prefix, r);
            }
        });
        timeout.ifPresent(t -> Durations.requireMillis("AmbassadorMapping " + name, "timeout", t));
    }

    /** The first step: a mapping needs a name and a prefix. */
    public static PrefixStep named(String name) {
        return new PrefixStep(name);
    }

    /** The step that takes the prefix. */
    public record PrefixStep(String name) {
        public AmbassadorMapping prefix(String prefix) {
            return new AmbassadorMapping(name, prefix, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** A copy replacing the prefix with {@code rewrite} upstream, e.g. {@code "/v1/"}; {@code ""} is {@link #withOriginalPath()}. */
    public AmbassadorMapping withRewrite(String rewrite) {
        return new AmbassadorMapping(name, prefix, Optional.of(Given.optional("AmbassadorMapping " + name, "rewrite", rewrite)), timeout, ambassadorId);
    }

    /** A copy that passes the request path upstream unchanged ({@code rewrite: ""}). */
    public AmbassadorMapping withOriginalPath() {
        return new AmbassadorMapping(name, prefix, Optional.of(""), timeout, ambassadorId);
    }

    /** A copy whose requests time out after {@code timeout} (whole milliseconds) instead of Ambassador's 3 s. */
    public AmbassadorMapping withTimeout(Duration timeout) {
        Durations.requireMillis("AmbassadorMapping " + name, "timeout", timeout);
        return new AmbassadorMapping(name, prefix, rewrite, Optional.of(timeout), ambassadorId);
    }

    /** A copy read only by the gateway whose {@code AMBASSADOR_ID} is {@code id}, e.g. one installed outside this stack's code. */
    public AmbassadorMapping withAmbassadorId(AmbassadorId id) {
        return new AmbassadorMapping(name, prefix, rewrite, timeout, Optional.of(Given.optional("AmbassadorMapping " + name, "ambassadorId", id)));
    }

    /**
     * The backend's Service with this mapping added to its {@value #ANNOTATION} annotation (after
     * any mapping already there).
     */
    public ServiceDef addTo(ServiceBackend backend) {
        if (rewrite.isEmpty() && PrefixRewrite.breaksPaths(prefix)) {
            throw new InvalidDefinitionException("AmbassadorMapping " + name + ": prefix \"" + prefix + "\" needs a trailing '/' when the "
                    + "default rewrite \"/\" replaces it: " + PrefixRewrite.example(prefix, "the Service") + ". Write \"" + prefix + "/\", or keep the path with "
                    + "withOriginalPath().");
        }
        ServiceDef service = backend.service();
        String existing = service.meta().annotations().get(ANNOTATION);
        if (existing != null && existing.contains("\nname: " + name + "\n")) {
            throw InvalidDefinitionException.invalid(service.describe(), "Ambassador mapping", name, "is defined twice",
                    "Give each mapping its own name.");
        }
        return service.withAnnotation(ANNOTATION, (existing == null ? "" : existing) + document(backend));
    }

    /** One YAML document, in the workshop's field order, then what the workshop left out; every value is plain-safe by construction but the empty rewrite and the id. */
    private String document(ServiceBackend backend) {
        return "---\n"
                + "apiVersion: ambassador/v1\n"
                + "kind: Mapping\n"
                + "name: " + name + "\n"
                + "prefix: " + prefix + "\n"
                + rewrite.map(r -> "rewrite: " + (r.isEmpty() ? "\"\"" : r) + "\n").orElse("")
                + "service: " + backend.address() + "\n"
                + timeout.map(t -> "timeout_ms: " + t.toMillis() + "\n").orElse("")
                // Quoted: an id is a DNS label, which YAML 1.1 may read as a number or a boolean (123, no).
                + ambassadorId.map(id -> "ambassador_id: [\"" + id.value() + "\"]\n").orElse("");
    }

    private static void requirePath(String mapping, String field, String path) {
        if (path == null || !URL_PATH.matcher(path).matches()) {
            throw InvalidDefinitionException.invalid("AmbassadorMapping " + mapping, field, path,
                    "must be a URL path starting with '/' (letters, digits, '/', '_', '.', '~', '-')", "For example \"/\".");
        }
    }
}
