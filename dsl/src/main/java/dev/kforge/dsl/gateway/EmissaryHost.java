package dev.kforge.dsl.gateway;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretType;
import dev.kforge.dsl.core.CustomObject;
import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Emissary-ingress 3 {@code Host} ({@code getambassador.io/v3alpha1}): a host name the gateway
 * serves, the certificate it presents, and what happens to cleartext requests. Mappings with the
 * same {@code hostname} (or none) are served on it. Start with
 * {@code EmissaryHost.named("tgr").hostname("tgr.example.com")}.
 *
 * @param hostname       a DNS name, {@code *.domain} or {@code *}
 * @param tlsSecret      the {@code kubernetes.io/tls} Secret of the same namespace; default none (cleartext only,
 *                       and certificate automation is switched off with {@code acmeProvider.authority: none})
 * @param insecureAction what cleartext requests get; default {@link InsecureAction#ROUTE}, and
 *                       {@link InsecureAction#REDIRECT} once a TLS secret is set
 * @param ambassadorId   the gateway that serves it; default the gateway without an {@code AMBASSADOR_ID}
 */
public record EmissaryHost(Meta meta, String hostname, Optional<SecretDef> tlsSecret, InsecureAction insecureAction,
                           Optional<AmbassadorId> ambassadorId) implements CustomObject<EmissaryHost> {

    /** What the gateway does with a request that did not arrive over TLS ({@code requestPolicy.insecure.action}). */
    public enum InsecureAction {
        /** Answer with a redirect to HTTPS. */
        REDIRECT("Redirect"),
        /** Route it like a secure request. */
        ROUTE("Route"),
        /** Refuse it (404). */
        REJECT("Reject");

        private final String apiValue;

        InsecureAction(String apiValue) {
            this.apiValue = apiValue;
        }

        public String apiValue() {
            return apiValue;
        }
    }

    public EmissaryHost {
        String subject = GatewayKinds.HOST + " " + meta.name();
        EmissaryMapping.requireHostname(subject, hostname);
        tlsSecret.ifPresent(secret -> {
            if (secret.type() != SecretType.TLS) {
                throw InvalidDefinitionException.invalid(subject, "tlsSecret", secret.name(),
                        "must be a " + SecretType.TLS.apiValue() + " Secret, not " + secret.type().apiValue(),
                        "Declare it with SecretDef.tls(\"" + secret.name() + "\").");
            }
        });
        if (insecureAction == null) {
            throw new InvalidDefinitionException(subject + ": insecure action is missing. Use InsecureAction.REDIRECT, ROUTE or REJECT.");
        }
    }

    /** The first step: a Host needs a name and a host name. */
    public static HostnameStep named(String name) {
        return new HostnameStep(Meta.named(GatewayKinds.HOST, name));
    }

    /** The step that takes the host name. */
    public record HostnameStep(Meta meta) {
        /** Serves {@code hostname} in cleartext, routing every request. */
        public EmissaryHost hostname(String hostname) {
            return new EmissaryHost(meta, hostname, Optional.empty(), InsecureAction.ROUTE, Optional.empty());
        }
    }

    @Override
    public Kind kind() {
        return GatewayKinds.HOST;
    }

    @Override
    public EmissaryHost withMeta(Meta meta) {
        return new EmissaryHost(Given.value(describe(), "meta", meta), hostname, tlsSecret, insecureAction, ambassadorId);
    }

    /** Custom resources have no fabric8 model to edit; every field is in {@link #body}. */
    @Override
    public List<RawEdit<?>> rawEdits() {
        return List.of();
    }

    /** A copy terminating TLS with {@code secret} (a {@code kubernetes.io/tls} Secret) and redirecting cleartext to HTTPS. */
    public EmissaryHost withTls(SecretDef secret) {
        return new EmissaryHost(meta, hostname, Optional.of(Given.optional(describe(), "tls secret", secret)), InsecureAction.REDIRECT, ambassadorId);
    }

    public EmissaryHost withInsecureAction(InsecureAction action) {
        return new EmissaryHost(meta, hostname, tlsSecret, action, ambassadorId);
    }

    /** A copy read only by the gateway whose {@code AMBASSADOR_ID} is {@code id}. */
    public EmissaryHost withAmbassadorId(AmbassadorId id) {
        return new EmissaryHost(meta, hostname, tlsSecret, insecureAction, Optional.of(Given.optional(describe(), "ambassadorId", id)));
    }

    /** A copy read by {@code gateway} (and no other); fails if that gateway does not read Host resources. */
    public EmissaryHost servedBy(GatewayInstallation gateway) {
        return withAmbassadorId(Given.value(describe(), "gateway", gateway).resourceId(describe()));
    }

    @Override
    public Map<String, Object> body(String namespace) {
        Map<String, Object> spec = new LinkedHashMap<>();
        ambassadorId.ifPresent(id -> spec.put("ambassador_id", List.of(id.value())));
        spec.put("hostname", hostname);
        if (tlsSecret.isPresent()) {
            spec.put("tlsSecret", Map.of("name", tlsSecret.get().name()));
        } else {
            spec.put("acmeProvider", Map.of("authority", "none"));
        }
        spec.put("requestPolicy", Map.of("insecure", Map.of("action", insecureAction.apiValue())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("spec", spec);
        return body;
    }
}
