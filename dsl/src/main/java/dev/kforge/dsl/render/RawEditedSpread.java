package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw edits may add topology spread constraints (they only narrow where pods go), but not ones the API
 * server refuses (no topology key, a skew below 1, another whenUnsatisfiable than DoNotSchedule or
 * ScheduleAnyway, minDomains below 1 or beside ScheduleAnyway, a second one of a topology key and
 * whenUnsatisfiable), nor one without a label selector, which counts no pods and so spreads nothing. The
 * DSL's own ({@code withZoneSpread}, {@code withTopologySpread}) are valid; the hint names the latter.
 */
final class RawEditedSpread {
    private RawEditedSpread() {
    }

    /** Throws a {@link RawEditException} naming each spread constraint of the edited pods that is refused or spreads nothing. */
    static void check(KubeObject<?> object, PodTemplateSpec edited) {
        if (edited.getSpec() == null) {
            return;
        }
        List<String> broken = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        TopologySpreadConstraint first = null;
        for (TopologySpreadConstraint constraint : RawEditResultCheck.orEmpty(edited.getSpec().getTopologySpreadConstraints())) {
            List<String> faults = faults(constraint);
            String pair = constraint.getTopologyKey() + " " + constraint.getWhenUnsatisfiable();
            if (seen.contains(pair)) {
                faults.add("a second one with whenUnsatisfiable " + constraint.getWhenUnsatisfiable());
            }
            seen.add(pair);
            if (!faults.isEmpty()) {
                String key = hasKey(constraint) ? constraint.getTopologyKey() : "(no topologyKey)";
                broken.add(key + ": " + String.join(", ", faults));
                first = first == null ? constraint : first;
            }
        }
        if (first != null) {
            throw new RawEditException(object, RawEditException.editsOf(object) + " added topology spread constraints the API server refuses, "
                    + "or that count no pods and spread nothing", String.join("; ", broken), "Declare it in the definition instead, "
                    + step(first) + ", which counts the workload's own pods and is checked where it is made; or give each a topologyKey, "
                    + "maxSkew 1 or more, whenUnsatisfiable DoNotSchedule or ScheduleAnyway (minDomains only with DoNotSchedule), a labelSelector "
                    + "of the pods it spreads, and one topologyKey and whenUnsatisfiable only once.", object.meta().origin(), null);
        }
    }

    /** {@code withTopologySpread(TopologySpread.requiredOver("example.com/rack"))}, with the edit's key and whenUnsatisfiable. */
    private static String step(TopologySpreadConstraint constraint) {
        String factory = "DoNotSchedule".equals(constraint.getWhenUnsatisfiable()) ? "requiredOver" : "preferredOver";
        String key = hasKey(constraint) ? constraint.getTopologyKey() : "<topology key>";
        return "withTopologySpread(TopologySpread." + factory + "(\"" + key + "\"))";
    }

    private static boolean hasKey(TopologySpreadConstraint constraint) {
        return constraint.getTopologyKey() != null && !constraint.getTopologyKey().isEmpty();
    }

    private static List<String> faults(TopologySpreadConstraint constraint) {
        List<String> faults = new ArrayList<>();
        if (!hasKey(constraint)) {
            faults.add("no topologyKey");
        }
        if (constraint.getMaxSkew() == null || constraint.getMaxSkew() < 1) {
            faults.add("maxSkew " + constraint.getMaxSkew());
        }
        String when = constraint.getWhenUnsatisfiable();
        if (!"DoNotSchedule".equals(when) && !"ScheduleAnyway".equals(when)) {
            faults.add("whenUnsatisfiable " + when);
        }
        if (constraint.getMinDomains() != null && constraint.getMinDomains() < 1) {
            faults.add("minDomains " + constraint.getMinDomains());
        } else if (constraint.getMinDomains() != null && !"DoNotSchedule".equals(when)) {
            faults.add("minDomains without DoNotSchedule");
        }
        if (constraint.getLabelSelector() == null) {
            faults.add("no labelSelector");
        }
        return faults;
    }
}
