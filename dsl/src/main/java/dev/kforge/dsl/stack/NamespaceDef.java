package dev.kforge.dsl.stack;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A Namespace; every stack has exactly one, holding its namespaced objects. It enforces a Pod
 * Security Standard (labels {@code pod-security.kubernetes.io/enforce}, {@code warn} and
 * {@code audit}), {@link PodSecurityStandard#RESTRICTED} unless relaxed with
 * {@link #withPodSecurityStandard}; the checks refuse a workload whose pods it would reject. The namespaces
 * every cluster has, and names of the prefix {@code kube-} it reserves for its own, are not a stack's to own.
 */
public record NamespaceDef(Meta meta, PodSecurityStandard podSecurityStandard, List<RawEdit<Namespace>> rawEdits)
        implements KubeObject<NamespaceDef> {

    /** The namespaces every cluster has, which other workloads share. */
    private static final Set<String> SHARED = Set.of("default", "kube-system", "kube-public", "kube-node-lease");
    /** The prefix of the names Kubernetes keeps for its system namespaces. */
    private static final String RESERVED_PREFIX = "kube-";

    public NamespaceDef {
        rawEdits = List.copyOf(rawEdits);
        Given.value(Kind.NAMESPACE + " " + meta.name(), "podSecurityStandard", podSecurityStandard);
        if (SHARED.contains(meta.name())) {
            throw InvalidDefinitionException.invalid("Namespace", "name", meta.name(), "is one every cluster has, which other workloads share: "
                            + "applying the stack's Namespace would relabel it with the stack's Pod Security Standard and prune labels",
                    "Give the stack a namespace of its own, e.g. \"<service>-<environment>\".");
        }
        // Kubernetes' Namespaces page reserves the prefix; Gatekeeper's documented Config exempts "kube-*" from every policy.
        if (meta.name().startsWith(RESERVED_PREFIX)) {
            throw InvalidDefinitionException.invalid("Namespace", "name", meta.name(), "has the prefix " + RESERVED_PREFIX + ", which Kubernetes "
                            + "reserves for its system namespaces: a cluster or a later Kubernetes release may create or own it, and admission policies "
                            + "often exempt kube-* namespaces from the rules they hold other namespaces to",
                    "Give the stack a namespace of its own, e.g. \"" + meta.name().substring(RESERVED_PREFIX.length()) + "\".");
        }
    }

    public static NamespaceDef named(String name) {
        return new NamespaceDef(Meta.named(Kind.NAMESPACE, name), PodSecurityStandard.RESTRICTED, List.of());
    }

    @Override
    public Kind kind() {
        return Kind.NAMESPACE;
    }

    @Override
    public NamespaceDef withMeta(Meta meta) {
        return new NamespaceDef(Given.value(describe(), "meta", meta), podSecurityStandard, rawEdits);
    }

    /** A copy enforcing {@code standard} on the pods of the namespace. */
    public NamespaceDef withPodSecurityStandard(PodSecurityStandard standard) {
        return new NamespaceDef(meta, standard, rawEdits);
    }

    public NamespaceDef withRawEdit(String reason, Consumer<Namespace> edit) {
        return new NamespaceDef(meta, podSecurityStandard, Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }
}
