package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.quota.StorageQuota;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ScopeSelector;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Raw edits may add to a ResourceQuota or LimitRange what the checks do not count (object counts,
 * extended resources, limits of other types), but not change what they read from the definition: the CPU,
 * memory, ephemeral-storage, pod and claim storage limits of a quota and the pods it applies to, and what a LimitRange does to containers. Beside
 * a quota's PriorityClass scope, they may add only what the API server takes there.
 */
final class RawEditedQuota {
    /**
     * The quota entries the checks read, with their other names: {@code cpu}, {@code memory} and {@code ephemeral-storage} for the
     * requests, {@code count/pods}.
     */
    private static final Set<String> COUNTED = Set.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory",
            "requests.ephemeral-storage", "limits.ephemeral-storage", "pods", "cpu", "memory", "ephemeral-storage", "count/pods");

    /** The quota entries of the API server's own names that it takes beside a PriorityClass scope. */
    private static final Set<String> SCOPED = Set.of("pods", "cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory");

    private RawEditedQuota() {
    }

    static void check(KubeObject<?> object, HasMetadata rendered, HasMetadata edited) {
        if (edited instanceof ResourceQuota quota) {
            ResourceQuota before = (ResourceQuota) rendered;
            Map<String, ?> was = before.getSpec().getHard();
            Map<String, ?> now = quota.getSpec() == null || quota.getSpec().getHard() == null ? Map.of() : quota.getSpec().getHard();
            Set<String> keys = new TreeSet<>(was.keySet());
            keys.addAll(now.keySet());
            for (String key : keys) {
                if (StorageQuota.isStorageKey(key) && !Objects.equals(was.get(key), now.get(key))) {
                    throw changed(object, "hard[" + key + "]", "claims", was.get(key) + " -> " + now.get(key),
                            "Set them with withStorage, withMaxClaims, withStorageOfClass and withMaxClaimsOfClass.");
                }
                if (COUNTED.contains(key) && !Objects.equals(was.get(key), now.get(key))) {
                    throw changed(object, "hard[" + key + "]", "pods", was.get(key) + " -> " + now.get(key),
                            "Set them with withRequests, withLimits, withEphemeralStorageRequests, withEphemeralStorageLimits and "
                                    + "withMaxPods, which the checks of the stack's pods read.");
                }
            }
            List<String> scopes = quota.getSpec() == null || quota.getSpec().getScopes() == null ? List.of() : quota.getSpec().getScopes();
            ScopeSelector selector = quota.getSpec() == null ? null : quota.getSpec().getScopeSelector();
            if (!scopes.isEmpty() || !Objects.equals(before.getSpec().getScopeSelector(), selector)) {
                throw changed(object, "the pods it applies to", "pods", "scopes: " + scopes + ", scopeSelector: " + shown(selector),
                        "Scope it with forPriorityClass or forClusterPriorityClass, which the checks read; leave the other scopes out.");
            }
            if (selector != null) {
                requirePodLimitsOnly(object, new TreeSet<>(now.keySet()));
            }
        } else if (edited instanceof LimitRange limitRange) {
            List<LimitRangeItem> was = containerItems((LimitRange) rendered);
            List<LimitRangeItem> now = containerItems(limitRange);
            if (now.size() != 1 || !sameLimits(was.get(0), now.get(0))) {
                throw changed(object, "what it gives or allows containers", "pods", now.stream().map(item -> "default: " + item.getDefault()
                                + ", defaultRequest: " + item.getDefaultRequest() + ", min: " + item.getMin() + ", max: " + item.getMax()
                                + ", maxLimitRequestRatio: " + item.getMaxLimitRequestRatio()).toList().toString(),
                        "Set the defaults with withContainerDefaults, which the checks read; a maximum would also become the default limit.");
            }
        }
    }

    /**
     * Beside a PriorityClass scope the API server refuses every quota entry of its own names (no '/') but the pods, cpu and
     * memory ones; the entries of other names (object counts, extended resources) it takes.
     */
    private static void requirePodLimitsOnly(KubeObject<?> object, Set<String> keys) {
        List<String> refused = keys.stream().filter(key -> key.indexOf('/') < 0 && !SCOPED.contains(key)).toList();
        if (!refused.isEmpty()) {
            throw new RawEditException(object, "raw edits added entries that the API server refuses beside a PriorityClass scope", "hard: "
                    + String.join(", ", refused), "Limit those in a quota without scope; beside the scope go only " + String.join(", ",
                    new TreeSet<>(SCOPED)) + ", and names with a '/', such as count/pods.", object.meta().origin(), null);
        }
    }

    /** {@code null}, or each expression as {@code PriorityClass In [a, b]}. */
    private static String shown(ScopeSelector selector) {
        if (selector == null || selector.getMatchExpressions() == null) {
            return String.valueOf(selector);
        }
        return selector.getMatchExpressions().stream().map(expression -> expression.getScopeName() + " " + expression.getOperator()
                + (expression.getValues() == null ? "" : " " + expression.getValues())).toList().toString();
    }

    private static List<LimitRangeItem> containerItems(LimitRange limitRange) {
        List<LimitRangeItem> items = limitRange.getSpec() == null || limitRange.getSpec().getLimits() == null ? List.of()
                : limitRange.getSpec().getLimits();
        return items.stream().filter(item -> "Container".equals(item.getType())).toList();
    }

    /** The same container limits, an empty map being no map (fabric8 starts some as empty maps). */
    private static boolean sameLimits(LimitRangeItem a, LimitRangeItem b) {
        return same(a.getDefault(), b.getDefault()) && same(a.getDefaultRequest(), b.getDefaultRequest()) && same(a.getMin(), b.getMin())
                && same(a.getMax(), b.getMax()) && same(a.getMaxLimitRequestRatio(), b.getMaxLimitRequestRatio());
    }

    private static boolean same(Map<String, ?> a, Map<String, ?> b) {
        return Objects.equals(a == null ? Map.of() : a, b == null ? Map.of() : b);
    }

    /** Refuses an edit of {@code what}, which the checks of the stack's {@code counted} (pods, claims) read from the definition. */
    private static RawEditException changed(KubeObject<?> object, String what, String counted, String actual, String hint) {
        return new RawEditException(object, "raw edits changed " + what + ", which the checks of the stack's " + counted + " read from the definition",
                actual, hint, object.meta().origin(), null);
    }
}
