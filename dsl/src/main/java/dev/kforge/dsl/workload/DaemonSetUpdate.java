package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;

/** How a DaemonSet replaces its pods, node by node, when their template changes. */
public sealed interface DaemonSetUpdate {
    /** One node's pod at a time, the old one stopped first (the default: {@code maxUnavailable} 1). */
    DaemonSetUpdate ROLLING = new Rolling(IntOrPercent.count(1), IntOrPercent.count(0));

    /** Replaces up to {@code maxUnavailable} nodes' pods at once, e.g. {@code IntOrPercent.percent(10)} on a large cluster. */
    static DaemonSetUpdate rolling(IntOrPercent maxUnavailable) {
        return new Rolling(maxUnavailable, IntOrPercent.count(0));
    }

    /** Starts the new pod on up to {@code maxSurge} nodes before stopping the old one: no gap in what the agent does. */
    static DaemonSetUpdate surge(IntOrPercent maxSurge) {
        return new Rolling(IntOrPercent.count(0), maxSurge);
    }

    /** Replaces a node's pod only when it is deleted by hand. */
    static DaemonSetUpdate onDelete() {
        return new OnDelete();
    }

    /**
     * Exactly one of the two is above 0, as the API server requires.
     *
     * @param maxUnavailable how many nodes may be without a ready pod during the update
     * @param maxSurge       how many nodes may run an old and a new pod at once
     */
    record Rolling(IntOrPercent maxUnavailable, IntOrPercent maxSurge) implements DaemonSetUpdate {
        public Rolling {
            if (maxUnavailable == null || maxSurge == null || maxUnavailable.isZero() == maxSurge.isZero()) {
                throw InvalidDefinitionException.invalid("DaemonSetUpdate", "maxUnavailable and maxSurge", maxUnavailable + " and " + maxSurge,
                        "must have exactly one above 0 (the API server refuses both, and with neither no pod is ever replaced)",
                        "Use DaemonSetUpdate.rolling(IntOrPercent.count(1)), the default, or DaemonSetUpdate.surge(IntOrPercent.count(1)).");
            }
        }
    }

    record OnDelete() implements DaemonSetUpdate {
    }
}
