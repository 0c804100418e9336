package dev.kforge.dsl.gateway;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.network.ServiceDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Mapping read back from a Service's {@value AmbassadorMapping#ANNOTATION} annotation, as {@link AmbassadorMapping} writes
 * it or as one writes it by hand: the documents of kind {@code Mapping} with a {@code prefix}, their top-level
 * {@code name}, {@code host} (default every host, {@code "*"}), {@code weight} and {@code ambassador_id}.
 *
 * @param service    the Service whose annotation holds it
 * @param gatewayIds the {@code AMBASSADOR_ID}s of the gateways that read it ({@link AnnotationDocument#gatewayIds()})
 */
record AnnotatedMapping(ServiceDef service, String name, String prefix, String effectiveHostname, Optional<Integer> weight,
                        List<String> gatewayIds) implements RouteMember {

    /** The keys of a Mapping that narrow its route beyond prefix and host. */
    private static final List<String> NARROWING = List.of("method", "method_regex", "headers", "regex_headers", "query_parameters",
            "regex_query_parameters", "prefix_regex", "host_regex");

    /** The Mappings of {@code service}'s annotation, in its order; none without one. */
    static List<AnnotatedMapping> of(ServiceDef service) {
        String annotation = service.meta().annotations().get(AmbassadorMapping.ANNOTATION);
        List<AnnotatedMapping> mappings = new ArrayList<>();
        if (annotation == null || !annotation.contains("Mapping")) {
            return mappings;
        }
        for (AnnotationDocument document : AnnotationDocument.of(annotation)) {
            Map<String, String> fields = document.fields();
            // A Mapping that also matches on method, headers, query or a regex shares its prefix's route only with Mappings
            // matching alike, which this reading cannot tell: not judged, rather than reported wrongly.
            if ("Mapping".equals(fields.get("kind")) && fields.containsKey("prefix") && NARROWING.stream().noneMatch(fields::containsKey)) {
                mappings.add(new AnnotatedMapping(service, fields.getOrDefault("name", "(unnamed)"), fields.get("prefix"),
                        fields.getOrDefault("host", "*"), weight(fields.get("weight")), document.gatewayIds()));
            }
        }
        return mappings;
    }

    /** A weight Ambassador reads; empty for none, or for one that is not a whole number. */
    private static Optional<Integer> weight(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public KubeObject<?> source() {
        return service;
    }

    @Override
    public String label() {
        return name + " of " + service.describe();
    }

    @Override
    public RoutingForm form() {
        return RoutingForm.ANNOTATION;
    }
}
