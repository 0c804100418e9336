package dev.kforge.dsl.gateway;

/** How routes reach the API gateway. */
public enum RoutingForm {
    /** A {@code getambassador.io/config} annotation on each Service (Ambassador 0.x/1.x, {@code ambassador/v1}). */
    ANNOTATION,
    /** Mapping custom resources with a Listener and a Host ({@code getambassador.io/v3alpha1}, Emissary-ingress 3). */
    MAPPING_RESOURCES
}
