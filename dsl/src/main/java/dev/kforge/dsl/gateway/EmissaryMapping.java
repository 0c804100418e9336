package dev.kforge.dsl.gateway;

import dev.kforge.dsl.core.CustomObject;
import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.RawEdit;
import dev.kforge.dsl.network.ServiceBackend;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An Emissary-ingress 3 {@code Mapping} ({@code getambassador.io/v3alpha1}): requests whose path
 * starts with {@code prefix} (on {@code hostname}) go to a Service port. The target is a
 * {@link ServiceBackend} obtained from {@code service.backend(port)}, so a Mapping cannot name a
 * port the Service lacks; it is written as {@code service: <service>.<namespace>:<port>}.
 *
 * <pre>{@code
 * EmissaryMapping tgr = EmissaryMapping.named("tgr").prefix("/").to(service.backend(web))
 *         .withHostname("tgr.example.com")
 *         .withTimeout(Duration.ofSeconds(10))
 *         .withRetries(RetryPolicy.on(RetryPolicy.RetryOn.GATEWAY_ERROR, 2))
 *         .servedBy(gateway);
 * CanaryRoute canary = tgr.canary(next.backend(nextWeb), 10);   // 90/10
 * }</pre>
 *
 * @param prefix       the URL path prefix, starting with '/'
 * @param target       the Service port requests go to
 * @param rewrite      what replaces the prefix upstream; default Emissary's, {@code "/"}; {@code ""} keeps the path
 * @param hostname     the host (or {@code *.domain} glob) the Mapping serves; default every host, written as {@code hostname: "*"}
 *                     (Emissary 3 serves a Mapping without a hostname on no Host)
 * @param timeout      the whole request's timeout, written as {@code timeout_ms}; default Emissary's, {@link #DEFAULT_TIMEOUT}
 * @param retries      the retry policy; default no retries
 * @param cors         the CORS policy; default none
 * @param weight       the percentage of the prefix's traffic this Mapping takes; default a part of the rest, which the
 *                     Mappings of the prefix and host without a weight share ({@link RouteShares}). Set it through
 *                     {@link #canary}; the weights of a prefix and host must add up to 100, or leave a rest
 * @param ambassadorId the gateway that serves it; default the gateway without an {@code AMBASSADOR_ID}
 */
public record EmissaryMapping(Meta meta, String prefix, ServiceBackend target, Optional<String> rewrite,
                              Optional<String> hostname, Optional<Duration> timeout, Optional<RetryPolicy> retries,
                              Optional<Cors> cors, Optional<Integer> weight, Optional<AmbassadorId> ambassadorId)
        implements CustomObject<EmissaryMapping>, RouteMember {

    /** The whole request's timeout of a Mapping without {@code timeout_ms}, Emissary's default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private static final Pattern URL_PATH = Pattern.compile("/[A-Za-z0-9/_.~-]*");

    public EmissaryMapping {
        String subject = GatewayKinds.MAPPING + " " + meta.name();
        requirePath(subject, "prefix", prefix);
        if (target == null) {
            throw new InvalidDefinitionException(subject + ": target is missing. Route to a Service port: .to(service.backend(port)).");
        }
        rewrite.ifPresent(r -> {
            if (!r.isEmpty()) {
                requirePath(subject, "rewrite", r);
                PrefixRewrite.requireRewriteFits(subject, prefix, r);
            }
        });
        hostname.ifPresent(h -> requireHostname(subject, h));
        timeout.ifPresent(t -> Durations.requireMillis(subject, "timeout", t));
        if (timeout.isPresent() && retries.flatMap(RetryPolicy::perTryTimeout).isPresent()) {
            Duration perTry = retries.get().perTryTimeout().get();
            if (perTry.compareTo(timeout.get()) > 0) {
                throw InvalidDefinitionException.invalid(subject, "retry per_try_timeout", Durations.show(perTry),
                        "must not exceed the Mapping's timeout " + Durations.show(timeout.get()),
                        "Shorten the per-try timeout or lengthen the Mapping's timeout.");
            }
        }
        weight.ifPresent(w -> {
            if (w < 0 || w > 100) {
                throw InvalidDefinitionException.invalid(subject, "weight", w, "must be between 0 and 100 (a percentage)",
                        "Split traffic with canary(backend, percent).");
            }
        });
    }

    /** The first step: a Mapping needs a name, a prefix and a target. */
    public static PrefixStep named(String name) {
        return new PrefixStep(Meta.named(GatewayKinds.MAPPING, name));
    }

    /** The step that takes the prefix. */
    public record PrefixStep(Meta meta) {
        public TargetStep prefix(String prefix) {
            requirePath(GatewayKinds.MAPPING + " " + meta.name(), "prefix", prefix);
            return new TargetStep(meta, prefix);
        }
    }

    /** The step that takes the Service port requests go to. */
    public record TargetStep(Meta meta, String prefix) {
        /** Routes to {@code backend}, obtained from {@code service.backend(port)}. */
        public EmissaryMapping to(ServiceBackend backend) {
            return new EmissaryMapping(meta, prefix, backend, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    @Override
    public Kind kind() {
        return GatewayKinds.MAPPING;
    }

    @Override
    public EmissaryMapping withMeta(Meta meta) {
        return new EmissaryMapping(Given.value(describe(), "meta", meta), prefix, target, rewrite, hostname, timeout, retries, cors, weight, ambassadorId);
    }

    /** Custom resources have no fabric8 model to edit; every field is in {@link #body}. */
    @Override
    public List<RawEdit<?>> rawEdits() {
        return List.of();
    }

    /** A copy replacing the prefix with {@code rewrite} upstream, e.g. {@code "/v1/"}. */
    public EmissaryMapping withRewrite(String rewrite) {
        requirePath(describe(), "rewrite", rewrite);
        return new EmissaryMapping(meta, prefix, target, Optional.of(rewrite), hostname, timeout, retries, cors, weight, ambassadorId);
    }

    /** A copy that passes the request path upstream unchanged ({@code rewrite: ""}). */
    public EmissaryMapping withOriginalPath() {
        return new EmissaryMapping(meta, prefix, target, Optional.of(""), hostname, timeout, retries, cors, weight, ambassadorId);
    }

    /** A copy serving only {@code hostname} (a DNS name, {@code *.domain} or {@code *}). */
    public EmissaryMapping withHostname(String hostname) {
        return new EmissaryMapping(meta, prefix, target, rewrite, Optional.of(Given.optional(describe(), "hostname", hostname)), timeout, retries, cors, weight, ambassadorId);
    }

    /** A copy whose requests time out after {@code timeout} (whole milliseconds). */
    public EmissaryMapping withTimeout(Duration timeout) {
        return new EmissaryMapping(meta, prefix, target, rewrite, hostname, Optional.of(Given.optional(describe(), "timeout", timeout)), retries, cors, weight, ambassadorId);
    }

    public EmissaryMapping withRetries(RetryPolicy retries) {
        return new EmissaryMapping(meta, prefix, target, rewrite, hostname, timeout, Optional.of(Given.optional(describe(), "retries", retries)), cors, weight, ambassadorId);
    }

    public EmissaryMapping withCors(Cors cors) {
        return new EmissaryMapping(meta, prefix, target, rewrite, hostname, timeout, retries, Optional.of(Given.optional(describe(), "cors", cors)), weight, ambassadorId);
    }

    /**
     * A copy taking {@code percent} of the traffic of its prefix and host. Prefer {@link #canary},
     * which sets both weights of a split; the weights of all Mappings sharing a prefix and host
     * must add up to 100 ({@link GatewayReferencesCheck}).
     */
    public EmissaryMapping withWeight(int percent) {
        return new EmissaryMapping(meta, prefix, target, rewrite, hostname, timeout, retries, cors, Optional.of(percent), ambassadorId);
    }

    /** A copy read only by the gateway whose {@code AMBASSADOR_ID} is {@code id}. */
    public EmissaryMapping withAmbassadorId(AmbassadorId id) {
        return new EmissaryMapping(meta, prefix, target, rewrite, hostname, timeout, retries, cors, weight, Optional.of(Given.optional(describe(), "ambassadorId", id)));
    }

    /** A copy read by {@code gateway} (and no other); fails if that gateway does not read Mapping resources. */
    public EmissaryMapping servedBy(GatewayInstallation gateway) {
        return withAmbassadorId(Given.value(describe(), "gateway", gateway).resourceId(describe()));
    }

    /**
     * Splits this Mapping's traffic: {@code percent} goes to {@code canaryBackend} through a copy
     * named {@code <name>-canary}, the rest stays here. Both Mappings get their weight.
     *
     * @param percent 1 to 99
     */
    public CanaryRoute canary(ServiceBackend canaryBackend, int percent) {
        Given.value(describe(), "canary backend", canaryBackend);
        if (percent < 1 || percent > 99) {
            throw InvalidDefinitionException.invalid(describe(), "canary percent", percent, "must be between 1 and 99",
                    "Route all traffic to one backend with a single Mapping instead.");
        }
        if (weight.isPresent()) {
            throw InvalidDefinitionException.invalid(describe(), "weight", weight.get(), "is already set, so this Mapping is already split",
                    "Start the canary from the Mapping without a weight.");
        }
        if (canaryBackend.service().name().equals(target.service().name())) {
            throw InvalidDefinitionException.invalid(describe(), "canary backend", canaryBackend.address(),
                    "must be another Service than the primary's (" + target.service().name() + ")",
                    "Deploy the canary version behind its own Service.");
        }
        EmissaryMapping canary = new EmissaryMapping(Meta.named(GatewayKinds.MAPPING, meta.name() + "-canary"), prefix, canaryBackend,
                rewrite, hostname, timeout, retries, cors, Optional.of(percent), ambassadorId);
        return new CanaryRoute(withWeight(100 - percent), canary);
    }

    /** The host the Mapping serves, {@code "*"} when it serves every host. */
    public String effectiveHostname() {
        return hostname.orElse("*");
    }

    /** The {@code AMBASSADOR_ID} of the gateway that reads it, {@code default} without {@link #withAmbassadorId}. */
    @Override
    public List<String> gatewayIds() {
        return List.of(ambassadorId.orElse(AmbassadorId.DEFAULT).value());
    }

    @Override
    public KubeObject<?> source() {
        return this;
    }

    @Override
    public String label() {
        return name();
    }

    @Override
    public RoutingForm form() {
        return RoutingForm.MAPPING_RESOURCES;
    }

    @Override
    public Map<String, Object> body(String namespace) {
        Map<String, Object> spec = new LinkedHashMap<>();
        ambassadorId.ifPresent(id -> spec.put("ambassador_id", List.of(id.value())));
        spec.put("prefix", prefix);
        spec.put("service", target.service().name() + "." + namespace + ":" + target.port().port());
        rewrite.ifPresent(r -> spec.put("rewrite", r));
        // Always written: Emissary 3 serves a v3alpha1 Mapping without a hostname on no Host (it matches none), so every request 404s.
        spec.put("hostname", effectiveHostname());
        timeout.ifPresent(t -> spec.put("timeout_ms", (int) t.toMillis()));
        retries.ifPresent(r -> spec.put("retry_policy", r.fields()));
        cors.ifPresent(c -> spec.put("cors", c.fields()));
        weight.ifPresent(w -> spec.put("weight", w));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("spec", spec);
        return body;
    }

    private static void requirePath(String subject, String field, String path) {
        if (path == null || !URL_PATH.matcher(path).matches()) {
            throw InvalidDefinitionException.invalid(subject, field, path,
                    "must be a URL path starting with '/' (letters, digits, '/', '_', '.', '~', '-')", "For example \"/\" or \"/api/\".");
        }
    }

    static void requireHostname(String subject, String hostname) {
        if (!"*".equals(hostname) && !Names.isHostname(hostname)) {
            throw InvalidDefinitionException.invalid(subject, "hostname", hostname,
                    "must be a lower-case DNS name, \"*.\" and a DNS name, or \"*\" (no port)", "For example \"tgr.example.com\".");
        }
    }
}
