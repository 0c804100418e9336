package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The taints Kubernetes puts on nodes itself (kubernetes.io/docs/reference/labels-annotations-taints): a toleration of a key a
 * typo away from one of them, or with an effect or a value that taint never has, tolerates nothing, silently.
 */
final class WellKnownTaints {
    private static final Set<TaintEffect> NO_SCHEDULE = EnumSet.of(TaintEffect.NO_SCHEDULE);
    /**
     * Set by the node lifecycle controller from the node's conditions (and spec.unschedulable), without a value: NoSchedule for
     * each, and NoExecute too, which evicts, for a node not ready or unreachable.
     */
    private static final Map<String, Set<TaintEffect>> NODE_LIFECYCLE = Map.of(
            "node.kubernetes.io/not-ready", EnumSet.of(TaintEffect.NO_SCHEDULE, TaintEffect.NO_EXECUTE),
            "node.kubernetes.io/unreachable", EnumSet.of(TaintEffect.NO_SCHEDULE, TaintEffect.NO_EXECUTE),
            "node.kubernetes.io/unschedulable", NO_SCHEDULE,
            "node.kubernetes.io/memory-pressure", NO_SCHEDULE,
            "node.kubernetes.io/disk-pressure", NO_SCHEDULE,
            "node.kubernetes.io/pid-pressure", NO_SCHEDULE,
            "node.kubernetes.io/network-unavailable", NO_SCHEDULE);
    /** Set with NoSchedule alone by the kubelet of an external cloud provider and by the cloud node lifecycle controller. */
    private static final Map<String, Set<TaintEffect>> CLOUD_PROVIDER = Map.of(
            "node.cloudprovider.kubernetes.io/uninitialized", NO_SCHEDULE,
            "node.cloudprovider.kubernetes.io/shutdown", NO_SCHEDULE);
    /** Also well known, with an effect the administrator or the cluster's tools choose (kubeadm: control-plane:NoSchedule). */
    private static final List<String> CHOSEN_EFFECT = List.of("node.kubernetes.io/out-of-service", "node-role.kubernetes.io/control-plane",
            "node-role.kubernetes.io/master");
    private static final WellKnownKeys KEYS = new WellKnownKeys("taint Kubernetes puts on nodes", "it tolerates nothing: the pods stay off "
            + "the nodes with that taint, or are evicted when it appears", keys());

    private WellKnownTaints() {
    }

    /** Refuses a key a typo away from a taint Kubernetes puts on nodes. */
    static void requireKey(String subject, String key) {
        KEYS.require(subject, "key", key);
    }

    /** Refuses an effect, or a value, that the well-known taint {@code key} never has: the toleration would match nothing. */
    static void requireMatchable(String subject, String key, Optional<String> value, Optional<TaintEffect> effect) {
        Set<TaintEffect> effects = NODE_LIFECYCLE.getOrDefault(key, CLOUD_PROVIDER.get(key));
        if (effects != null && effect.isPresent() && !effects.contains(effect.get())) {
            throw InvalidDefinitionException.of(subject, "effect " + effect.get().apiValue() + " tolerates nothing of key " + key
                    + ", which Kubernetes puts on nodes with the " + join(effects, TaintEffect::apiValue, " or ") + " effect only. Write "
                    + join(effects, e -> ".effect(TaintEffect." + e.name() + ")", " or ") + ", or leave the effect out to tolerate every one.");
        }
        if (NODE_LIFECYCLE.containsKey(key) && value.isPresent()) {
            throw InvalidDefinitionException.invalid(subject, "value", value.get(), "tolerates nothing of key " + key
                    + ", which Kubernetes puts on nodes without a value", "Use Toleration.exists(\"" + key + "\").");
        }
    }

    private static List<String> keys() {
        // Map.of's order varies between runs; a typo's suggestion must not, so the keys are sorted.
        return Stream.of(NODE_LIFECYCLE.keySet().stream(), CLOUD_PROVIDER.keySet().stream(), CHOSEN_EFFECT.stream())
                .flatMap(keys -> keys).sorted().toList();
    }

    private static String join(Set<TaintEffect> effects, Function<TaintEffect, String> shown, String separator) {
        return effects.stream().map(shown).collect(Collectors.joining(separator));
    }
}
