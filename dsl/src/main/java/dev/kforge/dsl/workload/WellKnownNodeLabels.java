package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The node labels Kubernetes sets itself, which node selectors, requirements and spreads name: a key a typo away from one of
 * them, or an os or architecture written otherwise than the kubelet writes it, matches no node, and the pods stay Pending.
 */
final class WellKnownNodeLabels {
    /** Set by the kubelet, the cloud provider or kubeadm (kubernetes.io/docs/reference/labels-annotations-taints). */
    private static final WellKnownKeys KEYS = new WellKnownKeys("label Kubernetes gives nodes", "no node matches and the pods stay Pending",
            List.of("kubernetes.io/hostname", "kubernetes.io/os", "kubernetes.io/arch", "topology.kubernetes.io/zone",
                    "topology.kubernetes.io/region", "node.kubernetes.io/instance-type", "node-role.kubernetes.io/control-plane",
                    "node.kubernetes.io/windows-build", "beta.kubernetes.io/os", "beta.kubernetes.io/arch", "beta.kubernetes.io/instance-type",
                    "failure-domain.beta.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/region"));
    private static final Set<String> OS_KEYS = Set.of("kubernetes.io/os", "beta.kubernetes.io/os");
    private static final Set<String> ARCH_KEYS = Set.of("kubernetes.io/arch", "beta.kubernetes.io/arch");
    private static final Set<String> OPERATING_SYSTEMS = Set.of("linux", "windows");
    /** Go's GOARCH values, which the kubelet writes. */
    private static final Set<String> ARCHITECTURES = Set.of("386", "amd64", "arm", "arm64", "loong64", "mips", "mips64", "mips64le",
            "mipsle", "ppc64", "ppc64le", "riscv64", "s390x");
    /** What {@code uname -m} and distributions call an architecture Go names otherwise. */
    private static final Map<String, String> ARCHITECTURE_ALIASES = Map.of("x86_64", "amd64", "x86-64", "amd64", "x64", "amd64",
            "aarch64", "arm64", "armv7l", "arm", "armhf", "arm", "i386", "386", "i686", "386", "x86", "386");

    private WellKnownNodeLabels() {
    }

    /** Refuses a key a typo away from a label Kubernetes gives nodes. */
    static String requireKey(String subject, String key) {
        return KEYS.require(subject, "node label key", key);
    }

    /** Refuses the key's typo, as {@link #requireKey}, and an os or architecture the kubelet never writes. */
    static void requireLabel(String subject, String key, String value) {
        requireKey(subject, key);
        String lower = value.toLowerCase(Locale.ROOT);
        if (OS_KEYS.contains(key) && !OPERATING_SYSTEMS.contains(value)) {
            throw InvalidDefinitionException.invalid(subject, "node label " + key + " value", value, "must be linux or windows, as the "
                    + "kubelet writes it (Go's GOOS), or no node matches and the pods stay Pending",
                    OPERATING_SYSTEMS.contains(lower) ? "Write \"" + lower + "\"." : "");
        }
        if (ARCH_KEYS.contains(key) && !ARCHITECTURES.contains(value)) {
            String meant = ARCHITECTURE_ALIASES.getOrDefault(lower, ARCHITECTURES.contains(lower) ? lower : "");
            throw InvalidDefinitionException.invalid(subject, "node label " + key + " value", value, "must be an architecture as Go "
                    + "names it (GOARCH: amd64, arm64, arm, 386, ppc64le, s390x, riscv64...), as the kubelet writes it, or no node "
                    + "matches and the pods stay Pending", meant.isEmpty() ? "" : "Write \"" + meant + "\".");
        }
    }

    /** Refuses, in node expressions, what {@link #requireLabel} refuses in a node selector. */
    static void requireExpressions(String subject, List<LabelExpression> expressions) {
        for (LabelExpression expression : expressions) {
            if (expression == null) {
                continue; // refused where the expressions are taken, with its own message
            }
            requireKey(subject, expression.key());
            expression.values().forEach(value -> requireLabel(subject, expression.key(), value));
        }
    }
}
