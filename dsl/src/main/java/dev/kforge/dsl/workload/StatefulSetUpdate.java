package dev.kforge.dsl.workload;

/** How a StatefulSet replaces its pods when their template changes. */
public sealed interface StatefulSetUpdate {
    /** One pod at a time, from the highest number down (the default). */
    StatefulSetUpdate ROLLING = new Rolling(0);

    /** Rolls only pods numbered {@code partition} and up: a canary of the highest ones, the rest when it is lowered to 0. */
    static StatefulSetUpdate rollingFrom(int partition) {
        return new Rolling(partition);
    }

    /** Replaces a pod only when it is deleted by hand. */
    static StatefulSetUpdate onDelete() {
        return new OnDelete();
    }

    /** @param partition the lowest pod number rolled; 0: all of them */
    record Rolling(int partition) implements StatefulSetUpdate {
        public Rolling {
            if (partition < 0) {
                throw dev.kforge.dsl.core.InvalidDefinitionException.invalid("StatefulSetUpdate", "partition", partition, "must not be negative",
                        "Use 0 to roll every pod.");
            }
        }
    }

    record OnDelete() implements StatefulSetUpdate {
    }
}
