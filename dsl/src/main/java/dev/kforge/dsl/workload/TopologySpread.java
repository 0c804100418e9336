package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Names;
import java.util.List;
import java.util.Optional;

/**
 * A topology spread constraint over any node label, counting the workload's own pods (its derived selector, and per
 * ReplicaSet for a Deployment, as its zone spread): {@code TopologySpread.requiredOver("topology.kubernetes.io/region")}
 * or {@code TopologySpread.preferredOver("example.com/rack").withMaxSkew(2)}, given to {@code withTopologySpread}.
 * The zone spread every Deployment and StatefulSet gets is {@code withZoneSpread}; this is for other keys, or other settings.
 *
 * @param topologyKey        the node label whose values are the domains (a region, a rack); nodes without it are not counted
 * @param required           {@code DoNotSchedule}: a pod that would break the skew stays Pending; else {@code ScheduleAnyway}
 * @param maxSkew            the most pods one domain may have above the least-filled one, at least 1; default 1
 * @param minDomains         with {@code DoNotSchedule} only: the domains to count as existing even when fewer have nodes, so that
 *                           pods wait for new domains instead of piling into the existing ones; default none
 * @param nodeAffinityPolicy whether only nodes the pods' node selector and affinity admit count; default the API's (Honor)
 * @param nodeTaintsPolicy   whether only nodes whose taints the pods tolerate count; default the API's (Ignore)
 */
public record TopologySpread(String topologyKey, boolean required, int maxSkew, Optional<Integer> minDomains,
                             Optional<NodeInclusionPolicy> nodeAffinityPolicy, Optional<NodeInclusionPolicy> nodeTaintsPolicy) {

    public TopologySpread {
        String subject = "TopologySpread " + topologyKey;
        Names.requireQualifiedKey(subject, "topologyKey", topologyKey);
        WellKnownNodeLabels.requireKey(subject, topologyKey);
        Given.value(subject, "minDomains", minDomains);
        Given.value(subject, "nodeAffinityPolicy", nodeAffinityPolicy);
        Given.value(subject, "nodeTaintsPolicy", nodeTaintsPolicy);
        if (maxSkew < 1) {
            throw InvalidDefinitionException.invalid(subject, "maxSkew", maxSkew, "must be at least 1",
                    "Give the most pods one domain may have above the least-filled one, e.g. withMaxSkew(1).");
        }
        minDomains.ifPresent(domains -> {
            if (domains < 1) {
                throw InvalidDefinitionException.invalid(subject, "minDomains", domains, "must be at least 1",
                        "Give how many domains the pods need, e.g. withMinDomains(3), or leave it unset.");
            }
            if (!required) {
                throw InvalidDefinitionException.invalid(subject, "minDomains", domains, "needs whenUnsatisfiable DoNotSchedule, "
                        + "not ScheduleAnyway (the API server refuses it)", "Use TopologySpread.requiredOver(\"" + topologyKey + "\"), or drop minDomains.");
            }
        });
    }

    /** At most one pod of difference between the domains of {@code topologyKey}, or the pod stays Pending ({@code DoNotSchedule}). */
    public static TopologySpread requiredOver(String topologyKey) {
        return new TopologySpread(topologyKey, true, 1, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** At most one pod of difference between the domains of {@code topologyKey} where the scheduler can ({@code ScheduleAnyway}). */
    public static TopologySpread preferredOver(String topologyKey) {
        return new TopologySpread(topologyKey, false, 1, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** {@link #requiredOver(String)} over the nodes or zones. */
    public static TopologySpread requiredOver(Topology topology) {
        return requiredOver(Given.value("TopologySpread", "topology", topology).key());
    }

    /** {@link #preferredOver(String)} over the nodes or zones. */
    public static TopologySpread preferredOver(Topology topology) {
        return preferredOver(Given.value("TopologySpread", "topology", topology).key());
    }

    /** A copy that lets one domain have up to {@code skew} pods more than the least-filled one. */
    public TopologySpread withMaxSkew(int skew) {
        return new TopologySpread(topologyKey, required, skew, minDomains, nodeAffinityPolicy, nodeTaintsPolicy);
    }

    /** A copy that counts {@code domains} domains even when fewer have nodes (a required spread only). */
    public TopologySpread withMinDomains(int domains) {
        return new TopologySpread(topologyKey, required, maxSkew, Optional.of(domains), nodeAffinityPolicy, nodeTaintsPolicy);
    }

    /** A copy whose count takes in the nodes the pods' node selector and affinity do not admit ({@code IGNORE}) or not ({@code HONOR}). */
    public TopologySpread withNodeAffinityPolicy(NodeInclusionPolicy policy) {
        return new TopologySpread(topologyKey, required, maxSkew, minDomains,
                Optional.of(Given.optional("TopologySpread " + topologyKey, "nodeAffinityPolicy", policy)), nodeTaintsPolicy);
    }

    /** A copy whose count takes in the nodes with taints the pods do not tolerate ({@code IGNORE}) or not ({@code HONOR}). */
    public TopologySpread withNodeTaintsPolicy(NodeInclusionPolicy policy) {
        return new TopologySpread(topologyKey, required, maxSkew, minDomains, nodeAffinityPolicy,
                Optional.of(Given.optional("TopologySpread " + topologyKey, "nodeTaintsPolicy", policy)));
    }

    /** {@code DoNotSchedule} or {@code ScheduleAnyway}. */
    public String whenUnsatisfiable() {
        return (required ? ZoneSpread.REQUIRED : ZoneSpread.PREFERRED).whenUnsatisfiable();
    }

    /**
     * Refuses two spreads of one topologyKey and whenUnsatisfiable among {@code spreads} and the zone spread, which the API
     * server refuses as duplicates.
     */
    static void requireDistinct(String subject, ZoneSpread zoneSpread, List<TopologySpread> spreads) {
        String why = "the API server refuses two spread constraints of one topologyKey and whenUnsatisfiable";
        for (int i = 0; i < spreads.size(); i++) {
            TopologySpread spread = spreads.get(i);
            if (spread.topologyKey().equals(ZoneSpread.ZONE_TOPOLOGY_KEY) && spread.whenUnsatisfiable().equals(zoneSpread.whenUnsatisfiable())) {
                throw InvalidDefinitionException.invalid(subject, "topology spread", spread, "is also the zone spread's (withZoneSpread(ZoneSpread."
                        + zoneSpread + ")), and " + why, "Call withZoneSpread(ZoneSpread.NONE) before withTopologySpread to replace it.");
            }
            for (TopologySpread other : spreads.subList(0, i)) {
                if (other.topologyKey().equals(spread.topologyKey()) && other.required() == spread.required()) {
                    throw InvalidDefinitionException.invalid(subject, "topology spread", spread, "is given twice, and " + why,
                            "Keep one of them.");
                }
            }
        }
    }

    /** As in messages: {@code example.com/rack (ScheduleAnyway)}. */
    @Override
    public String toString() {
        return topologyKey + " (" + whenUnsatisfiable() + ")";
    }
}
