package dev.kforge.dsl.rbac;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import java.util.List;
import java.util.function.Consumer;

/**
 * A ClusterRole. It is cluster-scoped, so its name must be unique across every environment that
 * shares a cluster: include the environment in it. The cluster's own roles ({@code cluster-admin},
 * {@code admin}, {@code edit}, {@code view}, {@code system:*}) are not a stack's to define.
 */
public record ClusterRoleDef(Meta meta, List<PolicyRule> rules, List<RawEdit<ClusterRole>> rawEdits)
        implements KubeObject<ClusterRoleDef>, RoleReference {

    public ClusterRoleDef {
        rules = List.copyOf(rules);
        rawEdits = List.copyOf(rawEdits);
        ClusterRbacNames.requireOwn(Kind.CLUSTER_ROLE, meta.name());
    }

    /** A ClusterRole with at least one rule. */
    public static ClusterRoleDef named(String name, PolicyRule rule, PolicyRule... more) {
        List<PolicyRule> rules = Given.atLeastOne(Kind.CLUSTER_ROLE + " " + name, "rule", rule, more);
        return new ClusterRoleDef(Meta.named(Kind.CLUSTER_ROLE, name), rules, List.of());
    }

    @Override
    public String name() {
        return meta.name();
    }

    @Override
    public Kind kind() {
        return Kind.CLUSTER_ROLE;
    }

    @Override
    public ClusterRoleDef withMeta(Meta meta) {
        return new ClusterRoleDef(Given.value(describe(), "meta", meta), rules, rawEdits);
    }

    public ClusterRoleDef withRawEdit(String reason, Consumer<ClusterRole> edit) {
        return new ClusterRoleDef(meta, rules, Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }
}
