package dev.kforge.dsl.workload;

/** How a DaemonSet replaces its pods, node by node, when their template changes. */
public sealed interface DaemonSetUpdate {
    /** One node's pod at a time (the default: {@code maxUnavailable} 1). */
    DaemonSetUpdate ROLLING = new Rolling(IntOrPercent.count(1));

    /** Replaces up to {@code maxUnavailable} nodes' pods at once, e.g. {@code IntOrPercent.percent(10)} on a large cluster. */
    static DaemonSetUpdate rolling(IntOrPercent maxUnavailable) {
        return new Rolling(maxUnavailable);
    }

    /** Replaces a node's pod only when it is deleted by hand. */
    static DaemonSetUpdate onDelete() {
        return new OnDelete();
    }

    /** @param maxUnavailable how many nodes may be without a ready pod during the update; not 0 */
    record Rolling(IntOrPercent maxUnavailable) implements DaemonSetUpdate {
        public Rolling {
            if (maxUnavailable == null || maxUnavailable.isZero()) {
                throw dev.kforge.dsl.core.InvalidDefinitionException.invalid("DaemonSetUpdate", "maxUnavailable", String.valueOf(maxUnavailable),
                        "must be above 0, or no node's pod could ever be replaced", "Use IntOrPercent.count(1), the default.");
            }
        }
    }

    record OnDelete() implements DaemonSetUpdate {
    }
}
