package dev.kforge.dsl.workload;

/** Where two pods count as together, for {@link PodAffinity}: on one node, or in one zone. */
public enum Topology {
    NODE(NodeSpread.NODE_TOPOLOGY_KEY, "node"),
    ZONE(ZoneSpread.ZONE_TOPOLOGY_KEY, "zone");

    private final String key;
    private final String noun;

    Topology(String key, String noun) {
        this.key = key;
        this.noun = noun;
    }

    /** The node label that names the node or zone ({@code topologyKey}). */
    public String key() {
        return key;
    }

    /** Whether two pods together in {@code narrower} are also together in this: a zone holds its nodes. */
    public boolean covers(Topology narrower) {
        return this == narrower || this == ZONE;
    }

    /** {@code node} or {@code zone}, in messages. */
    public String noun() {
        return noun;
    }
}
