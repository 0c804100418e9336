package dev.kforge.dsl.gateway;

import java.util.List;

/**
 * The weights of a route's Mappings (those of one host and prefix, resources or annotations) in all. Emissary refuses a route whose weights add up to more
 * than 100 ("Total weight of mappings exceed 100"): such a route has no shares ({@link RouteShares}) and is a problem
 * ({@link GatewayReferencesCheck}), both asking {@link #refused()}.
 *
 * @param sum      the weights added up, 0 when no Mapping has one
 * @param weighted how many of the route's Mappings have a weight
 * @param mappings how many Mappings the route has
 */
record RouteWeights(int sum, int weighted, int mappings) {

    static RouteWeights of(List<? extends RouteMember> route) {
        int sum = 0;
        int weighted = 0;
        for (RouteMember mapping : route) {
            if (mapping.weight().isPresent()) {
                sum += mapping.weight().get();
                weighted++;
            }
        }
        return new RouteWeights(sum, weighted, route.size());
    }

    /** Whether Emissary refuses the route: its weights add up to more than 100. */
    boolean refused() {
        return sum > 100;
    }

    boolean allWeighted() {
        return weighted == mappings;
    }
}
