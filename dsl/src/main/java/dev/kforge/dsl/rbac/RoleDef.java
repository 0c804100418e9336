package dev.kforge.dsl.rbac;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import java.util.function.Consumer;

/** A Role: rules that apply within the stack's namespace. */
public record RoleDef(Meta meta, List<PolicyRule> rules, List<RawEdit<Role>> rawEdits)
        implements KubeObject<RoleDef>, RoleReference {

    public RoleDef {
        rules = List.copyOf(rules);
        rawEdits = List.copyOf(rawEdits);
        for (PolicyRule rule : rules) {
            for (ApiResource resource : rule.resources()) {
                BuiltInResources.namespaceless(resource).ifPresent(type -> {
                    throw InvalidDefinitionException.invalid(Kind.ROLE + " " + meta.name(), "resource",
                            resource.group().isEmpty() ? resource.plural() : resource.group() + "/" + resource.plural(),
                            "must belong to a namespace: a Role grants only within its namespace, and " + type
                                    + " belong to none, so the rule would grant nothing",
                            "Grant it with a ClusterRoleDef bound by a ClusterRoleBindingDef.");
                });
            }
        }
    }

    /** A Role with at least one rule. */
    public static RoleDef named(String name, PolicyRule rule, PolicyRule... more) {
        List<PolicyRule> rules = Given.atLeastOne(Kind.ROLE + " " + name, "rule", rule, more);
        return new RoleDef(Meta.named(Kind.ROLE, name), rules, List.of());
    }

    @Override
    public String name() {
        return meta.name();
    }

    @Override
    public Kind kind() {
        return Kind.ROLE;
    }

    @Override
    public RoleDef withMeta(Meta meta) {
        return new RoleDef(Given.value(describe(), "meta", meta), rules, rawEdits);
    }

    public RoleDef withRawEdit(String reason, Consumer<Role> edit) {
        return new RoleDef(meta, rules, Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }
}
