package dev.kforge.dsl.network;

/** How an Ingress path matches a request path. */
public enum PathType {
    /** Matches the path and everything below it, element by element. */
    PREFIX("Prefix"),
    /** Matches the path exactly. */
    EXACT("Exact"),
    /** Left to the Ingress controller. */
    IMPLEMENTATION_SPECIFIC("ImplementationSpecific");

    private final String apiValue;

    PathType(String apiValue) {
        this.apiValue = apiValue;
    }

    public String apiValue() {
        return apiValue;
    }
}
