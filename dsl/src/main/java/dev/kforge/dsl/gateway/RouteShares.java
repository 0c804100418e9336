package dev.kforge.dsl.gateway;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The share of a route's traffic (the Mappings of one host and prefix) that each of its Mappings takes, as Emissary
 * splits it: a Mapping with a weight takes that percentage, and the Mappings without one share what the weights leave
 * ("letting Ambassador assign that mapping all the traffic not otherwise spoken for", its canary documentation).
 * Emissary's {@code IRBaseMappingGroup.normalize_weights_in_mappings} gives each Mapping a cumulative weight, the weighted
 * ones first: each unweighted Mapping but the last adds the rest divided by their number, rounded as Python's
 * {@code round} does (half to even), and the last reaches 100; a request takes the first Mapping whose cumulative weight
 * is above its random number. So two unweighted Mappings split a route 50/50, and 5% to a canary beside two unweighted
 * Mappings leaves them 48% and 47%. A route whose weights add up to more than 100 Emissary refuses, and it has no shares
 * ({@link RouteWeights#refused()}).
 *
 * @param shares each Mapping of the route with its percentage, in the route's order
 */
record RouteShares(List<Share> shares) {

    /** A Mapping and the percentage of its route's requests it takes. */
    record Share(EmissaryMapping mapping, int percent) {
        /** {@code 10%}; for a Mapping without a weight, {@code 90% (no weight: what the weights leave)} or {@code 45% (no weight: one of 2 parts of what the weights leave, 90%)}. */
        String describe(RouteShares route) {
            if (mapping.weight().isPresent()) {
                return percent + "%";
            }
            long parts = route.unweighted();
            return percent + "% (no weight: " + (parts == 1 ? "what the weights leave"
                    : "one of " + parts + " parts of what the weights leave, " + route.leftByWeights() + "%") + ")";
        }

        /** As in the problems' actual values: {@code shop=90}, or {@code shop=unset (45%)}. */
        String weightAndShare() {
            return mapping.name() + "=" + mapping.weight().map(String::valueOf).orElse("unset (" + percent + "%)");
        }
    }

    /** The shares of {@code route}'s Mappings; empty when their weights add up to more than 100, which Emissary refuses. */
    static Optional<RouteShares> of(List<EmissaryMapping> route) {
        List<EmissaryMapping> weighted = route.stream().filter(mapping -> mapping.weight().isPresent()).toList();
        List<EmissaryMapping> unweighted = route.stream().filter(mapping -> mapping.weight().isEmpty()).toList();
        RouteWeights weights = RouteWeights.of(route);
        if (weights.refused()) {
            return Optional.empty();
        }
        Map<EmissaryMapping, Integer> percents = new IdentityHashMap<>();
        int cumulative = 0;
        int covered = 0;
        for (EmissaryMapping mapping : weighted) {
            cumulative += mapping.weight().get();
            covered = take(percents, mapping, cumulative, covered);
        }
        int part = unweighted.isEmpty() ? 0 : (int) Math.rint((double) (100 - weights.sum()) / unweighted.size());
        for (int i = 0; i < unweighted.size(); i++) {
            cumulative = i == unweighted.size() - 1 ? 100 : cumulative + part;
            covered = take(percents, unweighted.get(i), cumulative, covered);
        }
        List<Share> shares = new ArrayList<>();
        for (EmissaryMapping mapping : route) {
            shares.add(new Share(mapping, percents.get(mapping)));
        }
        return Optional.of(new RouteShares(shares));
    }

    /** Records what {@code mapping} takes, the requests below its cumulative weight no earlier Mapping took; returns what is taken now. */
    private static int take(Map<EmissaryMapping, Integer> percents, EmissaryMapping mapping, int cumulative, int covered) {
        int reach = Math.min(cumulative, 100);
        percents.put(mapping, Math.max(0, reach - covered));
        return Math.max(covered, reach);
    }

    /** The Mapping with the largest share, the first of them on a tie: the route's primary. */
    Share primary() {
        Share primary = shares.get(0);
        for (Share share : shares) {
            if (share.percent() > primary.percent()) {
                primary = share;
            }
        }
        return primary;
    }

    private long unweighted() {
        return shares.stream().filter(share -> share.mapping().weight().isEmpty()).count();
    }

    private int leftByWeights() {
        return 100 - shares.stream().mapToInt(share -> share.mapping().weight().orElse(0)).sum();
    }
}
