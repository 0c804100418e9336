package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Spelling;
import java.util.List;
import java.util.Set;

/**
 * Keys Kubernetes itself puts on nodes (labels, taints): a key a typo away from one of them matches nothing, silently, so it is
 * refused where it is written, naming the key meant.
 */
final class WellKnownKeys {
    /** Keys other tools write that are a typo away from a well-known one: Rancher's RKE labels and taints control plane nodes so. */
    private static final Set<String> VENDOR_KEYS = Set.of("node-role.kubernetes.io/controlplane");

    private final String what;
    private final String consequence;
    private final List<String> keys;

    /**
     * @param what        what the keys are, after "is no": {@code label Kubernetes gives nodes}
     * @param consequence what a typo does, after "so": {@code no node matches and the pods stay Pending}
     */
    WellKnownKeys(String what, String consequence, List<String> keys) {
        this.what = what;
        this.consequence = consequence;
        this.keys = List.copyOf(keys);
    }

    /** Refuses a key a typo away from a well-known one (case counts: keys are case-sensitive); returns it. */
    String require(String subject, String field, String key) {
        if (VENDOR_KEYS.contains(key)) {
            return key;
        }
        Spelling.closest(key, keys).ifPresent(meant -> {
            throw InvalidDefinitionException.invalid(subject, field, key, "is no " + what + ", but a typo of \"" + meant + "\", so "
                    + consequence, "Write \"" + meant + "\".");
        });
        return key;
    }
}
