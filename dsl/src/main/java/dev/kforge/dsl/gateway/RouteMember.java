package dev.kforge.dsl.gateway;

import dev.kforge.dsl.core.KubeObject;
import java.util.List;
import java.util.Optional;

/**
 * A Mapping as the route it belongs to counts it, in either routing form: a Mapping resource, or a Mapping in a Service's
 * {@value AmbassadorMapping#ANNOTATION} annotation. A gateway groups the Mappings of one host and prefix into one route and
 * splits its traffic between them by weight, in both forms, so one rule judges both ({@link GatewayReferencesCheck}).
 */
interface RouteMember {
    String prefix();

    /** The host it serves, {@code "*"} for every host. */
    String effectiveHostname();

    /** Its percentage of the route's traffic; empty for a part of what the weights leave ({@link RouteShares}). */
    Optional<Integer> weight();

    /** The {@code AMBASSADOR_ID}s of the gateways that read it: its {@code ambassador_id}, {@code default} without one. */
    List<String> gatewayIds();

    /** The object that declares it, which problems name: the Mapping resource, or the annotated Service. */
    KubeObject<?> source();

    /** How problems' actual values name it: {@code shop}, or {@code shop_mapping of Service shop}. */
    String label();

    RoutingForm form();
}
