package dev.kforge.dsl.gateway;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.Scope;

/**
 * The Emissary-ingress 3 custom resources the DSL renders ({@code getambassador.io/v3alpha1}).
 *
 * <p>Their files sort after Services (40), Deployments (50) and Ingresses (60), so that
 * {@code kubectl apply -f out/<env>} creates what they route to first. The CRDs themselves are a
 * cluster prerequisite, installed once per cluster before the first apply, together with the
 * {@code emissary-apiext} conversion webhook they need:
 *
 * <pre>
 * kubectl apply -f https://app.getambassador.io/yaml/emissary/3.10.0/emissary-crds.yaml
 * kubectl wait --timeout=90s --for=condition=available deployment emissary-apiext -n emissary-system
 * </pre>
 */
public final class GatewayKinds {
    /** The API group and version of every Emissary 3 resource here. */
    public static final String API_VERSION = "getambassador.io/v3alpha1";
    /** The apply order of the Emissary resources: after Services, Deployments and Ingresses. */
    public static final int APPLY_ORDER = 70;

    /** A route from a URL prefix (and host) to a Service port. */
    public static final Kind MAPPING = new Kind(API_VERSION, "Mapping", Scope.NAMESPACED, APPLY_ORDER, Names.Rule.DNS1123_SUBDOMAIN);
    /** A host name the gateway serves, with its TLS certificate and what to do with cleartext requests. */
    public static final Kind HOST = new Kind(API_VERSION, "Host", Scope.NAMESPACED, APPLY_ORDER, Names.Rule.DNS1123_SUBDOMAIN);
    /** A port the gateway's Envoy listens on. */
    public static final Kind LISTENER = new Kind(API_VERSION, "Listener", Scope.NAMESPACED, APPLY_ORDER, Names.Rule.DNS1123_SUBDOMAIN);

    private GatewayKinds() {
    }
}
