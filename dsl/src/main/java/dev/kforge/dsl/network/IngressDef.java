package dev.kforge.dsl.network;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.RawEdit;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An Ingress (networking.k8s.io/v1). Backends are Service ports obtained from
 * {@link ServiceDef#backend(ServicePort)}, so a rule cannot point at a port the Service lacks.
 *
 * @param ingressClassName the controller's class; default the cluster's default class
 * @param rules            host rules, in order
 * @param tls              TLS sections; every TLS host must have a rule
 * @param defaultBackend   where unmatched requests go; default the controller's
 */
public record IngressDef(Meta meta, Optional<String> ingressClassName, List<IngressRule> rules, List<IngressTls> tls,
                         Optional<ServiceBackend> defaultBackend, List<RawEdit<Ingress>> rawEdits)
        implements KubeObject<IngressDef> {

    /** The ingress-nginx annotation that rewrites the matched path. */
    public static final String REWRITE_TARGET = "nginx.ingress.kubernetes.io/rewrite-target";
    /** The class annotation before Kubernetes 1.18's {@code spec.ingressClassName}, deprecated since. */
    public static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";

    public IngressDef {
        // Here, so that annotations are held to these rules whichever way they come: withAnnotation, withMeta
        requireAnnotations(Kind.INGRESS + " " + meta.name(), meta.annotations().entries());
        rules = List.copyOf(rules);
        tls = List.copyOf(tls);
        rawEdits = List.copyOf(rawEdits);
    }

    public static IngressDef named(String name) {
        return new IngressDef(Meta.named(Kind.INGRESS, name), Optional.empty(), List.of(), List.of(), Optional.empty(), List.of());
    }

    @Override
    public Kind kind() {
        return Kind.INGRESS;
    }

    @Override
    public IngressDef withMeta(Meta meta) {
        return new IngressDef(Given.value(describe(), "meta", meta), ingressClassName, rules, tls, defaultBackend, rawEdits);
    }

    public IngressDef withIngressClassName(String className) {
        Names.require(Names.Rule.DNS1123_SUBDOMAIN, describe(), "ingressClassName", className);
        return new IngressDef(meta, Optional.of(className), rules, tls, defaultBackend, rawEdits);
    }

    /** A copy with one more host rule; each host may have one rule. */
    public IngressDef withRule(IngressRule rule) {
        Given.value(describe(), "rule", rule);
        if (rule.paths().isEmpty()) {
            throw InvalidDefinitionException.invalid(describe(), "rule for host", rule.describeHost(), "has no paths",
                    "Add one with withPath(IngressPath.prefix(\"/\", service.backend(port))).");
        }
        if (rules.stream().anyMatch(r -> r.host().equals(rule.host()))) {
            throw InvalidDefinitionException.invalid(describe(), "rule for host", rule.describeHost(), "is defined twice",
                    "Put all paths of a host in one rule.");
        }
        List<IngressRule> copy = new ArrayList<>(rules);
        copy.add(rule);
        return new IngressDef(meta, ingressClassName, copy, tls, defaultBackend, rawEdits);
    }

    /** A copy serving {@code hosts} over TLS with the certificate in {@code secret}. */
    public IngressDef withTls(SecretDef secret, String... hosts) {
        IngressTls section = new IngressTls(Given.all(describe(), "tls hosts", hosts), Given.value(describe(), "tls secret", secret));
        for (String host : section.hosts()) {
            if (rules.stream().noneMatch(r -> r.host().equals(host))) {
                throw InvalidDefinitionException.invalid(describe(), "tls host", host, "has no rule", wildcardHint(host)
                        .orElse("Add the rule first, or fix the host name."));
            }
        }
        List<IngressTls> copy = new ArrayList<>(tls);
        copy.add(section);
        return new IngressDef(meta, ingressClassName, rules, copy, defaultBackend, rawEdits);
    }

    /** For {@code *.example.com}, the rule hosts it would cover: Kubernetes matches TLS hosts to rule hosts as written. */
    private Optional<String> wildcardHint(String host) {
        if (!host.startsWith("*.")) {
            return Optional.empty();
        }
        String domain = host.substring(1);
        List<String> covered = rules.stream().map(IngressRule::host)
                .filter(ruleHost -> ruleHost.endsWith(domain) && ruleHost.indexOf('.') == ruleHost.length() - domain.length()).toList();
        return covered.isEmpty() ? Optional.empty() : Optional.of("A TLS host names a rule's host, whatever names the certificate covers: "
                + "write withTls(secret, " + String.join(", ", covered.stream().map(h -> "\"" + h + "\"").toList()) + ").");
    }

    public IngressDef withDefaultBackend(ServiceBackend backend) {
        return new IngressDef(meta, ingressClassName, rules, tls, Optional.of(Given.optional(describe(), "default backend", backend)), rawEdits);
    }

    /**
     * ingress-nginx's rewrite-target, for every path of this Ingress: the whole request path becomes {@code target},
     * in which {@code $1}, {@code $2} are the groups an ImplementationSpecific path captures. To strip a prefix, capture
     * what follows it: path {@code "/cart(/|$)(.*)"}, target {@code "/$2"} (a constant target on a prefix sends every
     * request under it to that one path; the checks warn).
     */
    public IngressDef withRewriteTarget(String target) {
        requireRewriteTarget(describe(), target);
        return withAnnotation(REWRITE_TARGET, target);
    }

    private static void requireAnnotations(String subject, Map<String, String> annotations) {
        annotations.forEach((key, value) -> NginxAnnotations.require(subject, key, value));
        String legacyClass = annotations.get(CLASS_ANNOTATION);
        if (legacyClass != null) {
            // The checks of routes per class read ingressClassName only; the API server refuses the Ingress if the two differ.
            throw InvalidDefinitionException.invalid(subject, "annotation", CLASS_ANNOTATION, "is deprecated since Kubernetes 1.18 for "
                    + "spec.ingressClassName, which the checks read (and the API server refuses an Ingress whose annotation differs from it)",
                    "Use withIngressClassName(\"" + legacyClass + "\") instead.");
        }
        String rewriteTarget = annotations.get(REWRITE_TARGET);
        if (rewriteTarget != null) {
            requireRewriteTarget(subject, rewriteTarget);
        }
    }

    private static void requireRewriteTarget(String subject, String target) {
        if (target == null || !target.startsWith("/")) {
            throw InvalidDefinitionException.invalid(subject, "rewrite-target", target, "must start with '/'",
                    "For example \"/\" or \"/$2\".");
        }
    }

    public IngressDef withRawEdit(String reason, Consumer<Ingress> edit) {
        return new IngressDef(meta, ingressClassName, rules, tls, defaultBackend, Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }

    /** Every backend of the rules and the default backend. */
    public List<ServiceBackend> backends() {
        List<ServiceBackend> all = new ArrayList<>();
        rules.forEach(rule -> rule.paths().forEach(path -> all.add(path.backend())));
        defaultBackend.ifPresent(all::add);
        return all;
    }
}
