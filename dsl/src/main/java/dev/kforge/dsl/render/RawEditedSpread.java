package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw edits may add topology spread constraints (they only narrow where pods go), but not ones the API
 * server refuses (no topology key, a skew below 1, another whenUnsatisfiable than DoNotSchedule or
 * ScheduleAnyway, minDomains below 1 or beside ScheduleAnyway), nor one without a label selector, which
 * counts no pods and so spreads nothing. The DSL's own ({@code withZoneSpread}) are valid.
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
        for (TopologySpreadConstraint constraint : RawEditResultCheck.orEmpty(edited.getSpec().getTopologySpreadConstraints())) {
            List<String> faults = faults(constraint);
            if (!faults.isEmpty()) {
                String key = constraint.getTopologyKey() == null || constraint.getTopologyKey().isEmpty() ? "(no topologyKey)" : constraint.getTopologyKey();
                broken.add(key + ": " + String.join(", ", faults));
            }
        }
        if (!broken.isEmpty()) {
            throw new RawEditException(object, RawEditException.editsOf(object) + " added topology spread constraints the API server refuses, "
                    + "or that count no pods and spread nothing", String.join("; ", broken), "Give each a topologyKey, maxSkew 1 or more, "
                    + "whenUnsatisfiable DoNotSchedule or ScheduleAnyway (minDomains only with DoNotSchedule) and a labelSelector of the pods it spreads.",
                    object.meta().origin(), null);
        }
    }

    private static List<String> faults(TopologySpreadConstraint constraint) {
        List<String> faults = new ArrayList<>();
        if (constraint.getTopologyKey() == null || constraint.getTopologyKey().isEmpty()) {
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
