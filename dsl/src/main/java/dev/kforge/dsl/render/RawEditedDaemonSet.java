package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import java.util.ArrayList;
import java.util.List;

/** What raw edits may set on a DaemonSet that the API server refuses: the fields DaemonSetDef's own types keep valid. */
final class RawEditedDaemonSet {
    private RawEditedDaemonSet() {
    }

    static void check(KubeObject<?> object, DaemonSetSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec.getMinReadySeconds() != null && spec.getMinReadySeconds() < 0
                || spec.getRevisionHistoryLimit() != null && spec.getRevisionHistoryLimit() < 0) {
            problems.add("minReadySeconds: " + spec.getMinReadySeconds() + ", revisionHistoryLimit: " + spec.getRevisionHistoryLimit());
        }
        DaemonSetUpdateStrategy update = spec.getUpdateStrategy();
        if (update != null) {
            boolean rolling = update.getType() == null || "RollingUpdate".equals(update.getType());
            RollingUpdateDaemonSet limits = update.getRollingUpdate();
            if (!rolling && !"OnDelete".equals(update.getType()) || !rolling && limits != null) {
                problems.add("updateStrategy: " + update.getType());
            } else if (limits != null) {
                // Unset, maxUnavailable is 1 and maxSurge 0 (the API server's defaults).
                Integer unavailable = limits.getMaxUnavailable() == null ? Integer.valueOf(1) : amount(limits.getMaxUnavailable());
                Integer surge = limits.getMaxSurge() == null ? Integer.valueOf(0) : amount(limits.getMaxSurge());
                if (unavailable == null || surge == null || (unavailable == 0) == (surge == 0)) {
                    problems.add("maxUnavailable: " + text(limits.getMaxUnavailable()) + ", maxSurge: " + text(limits.getMaxSurge())
                            + " (exactly one above 0, each a count or a percentage up to 100%)");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RawEditException(object, "raw edits set what the API server refuses for a DaemonSet", String.join("; ", problems),
                    "Set the update with DaemonSetDef.withUpdate(DaemonSetUpdate.rolling(..) or surge(..) or onDelete()).",
                    object.meta().origin(), null);
        }
    }

    /** The count or percentage, or null when it is neither a non-negative count nor a percentage of 0-100. */
    private static Integer amount(IntOrString value) {
        if (value.getIntVal() != null) {
            return value.getIntVal() < 0 ? null : value.getIntVal();
        }
        String text = value.getStrVal();
        if (text == null || !text.matches("[0-9]{1,3}%")) {
            return null;
        }
        int percent = Integer.parseInt(text.substring(0, text.length() - 1));
        return percent > 100 ? null : percent;
    }

    private static String text(IntOrString value) {
        return value == null ? "unset" : value.getIntVal() != null ? value.getIntVal().toString() : value.getStrVal();
    }
}
