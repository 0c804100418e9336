package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Names;
import java.util.Optional;

/**
 * Lets pods run on nodes with a matching taint, e.g. a DaemonSet's agent on control-plane nodes:
 * {@code Toleration.exists("node-role.kubernetes.io/control-plane").effect(TaintEffect.NO_SCHEDULE)}.
 *
 * @param key     the taint's key; empty with {@code Exists}: every taint
 * @param value   the taint's value, for {@code Equal}; empty for {@code Exists}
 * @param effect  the taint effect tolerated; empty: every effect
 * @param seconds for {@link TaintEffect#NO_EXECUTE}, how long a pod stays after the taint appears; empty: for ever
 */
public record Toleration(Optional<String> key, Optional<String> value, Optional<TaintEffect> effect, Optional<Long> seconds) {
    private static final String SUBJECT = "Toleration";

    public Toleration {
        key.ifPresent(k -> {
            Names.requireQualifiedKey(SUBJECT, "key", k);
            WellKnownTaints.requireKey(SUBJECT, k);
        });
        value.ifPresent(v -> {
            if (!Names.isLabelValue(v)) {
                throw InvalidDefinitionException.invalid(SUBJECT, "value", v,
                        "must be at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric", v.isEmpty() && key.isPresent()
                                ? "A taint without a value, such as " + key.get() + ":NoSchedule, is tolerated by Toleration.exists(\"" + key.get()
                                        + "\"), which takes any value of the key." : "");
            }
        });
        if (value.isPresent() && key.isEmpty()) {
            throw InvalidDefinitionException.invalid(SUBJECT, "value", value.get(), "needs a key to compare with",
                    "Use Toleration.equal(key, value), or Toleration.exists(key) for any value.");
        }
        key.ifPresent(k -> WellKnownTaints.requireMatchable(SUBJECT, k, value, effect));
        seconds.ifPresent(s -> {
            if (s < 0) {
                throw InvalidDefinitionException.invalid(SUBJECT, "tolerationSeconds", s, "must be 0 or more (Kubernetes reads a negative "
                        + "value as 0: evicted at once)", "Write forSeconds(0) to be evicted at once, or leave the seconds out to stay for ever.");
            }
            if (effect.orElse(null) != TaintEffect.NO_EXECUTE) {
                throw InvalidDefinitionException.invalid(SUBJECT, "tolerationSeconds", s, "applies only to the NoExecute effect",
                        "Add .effect(TaintEffect.NO_EXECUTE), or drop the seconds.");
            }
        });
    }

    /** Tolerates the taint {@code key} whatever its value ({@code operator: Exists}). */
    public static Toleration exists(String key) {
        return new Toleration(Optional.of(Given.value("Toleration", "key", key)), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Tolerates the taint {@code key=value} ({@code operator: Equal}). */
    public static Toleration equal(String key, String value) {
        return new Toleration(Optional.of(Given.value("Toleration", "key", key)), Optional.of(Given.value("Toleration " + key, "value", value)),
                Optional.empty(), Optional.empty());
    }

    /** Tolerates every taint: for agents that must run on every node, whatever is wrong with it. */
    public static Toleration everything() {
        return new Toleration(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Only for taints with {@code effect}. */
    public Toleration effect(TaintEffect effect) {
        return new Toleration(key, value, Optional.of(Given.optional("Toleration", "effect", effect)), seconds);
    }

    /** With {@link TaintEffect#NO_EXECUTE}: the pod is evicted {@code seconds} after the taint appears. */
    public Toleration forSeconds(long seconds) {
        return new Toleration(key, value, effect, Optional.of(seconds));
    }

    /** {@code Exists} or {@code Equal}, as written to {@code operator}. */
    public String operator() {
        return value.isPresent() ? "Equal" : "Exists";
    }
}
