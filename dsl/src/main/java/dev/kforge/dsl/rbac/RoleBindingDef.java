package dev.kforge.dsl.rbac;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A RoleBinding: grants a Role, or a ClusterRole's rules limited to the stack's namespace, to
 * ServiceAccounts. Start with {@code RoleBindingDef.named("tgr-pods").granting(role).to(account)}.
 */
public record RoleBindingDef(Meta meta, RoleReference role, List<Subject> subjects, List<RawEdit<RoleBinding>> rawEdits)
        implements KubeObject<RoleBindingDef> {

    public RoleBindingDef {
        Given.value(Kind.ROLE_BINDING + " " + meta.name(), "role", role);
        subjects = List.copyOf(subjects);
        rawEdits = List.copyOf(rawEdits);
        if (subjects.isEmpty()) {
            throw new InvalidDefinitionException(Kind.ROLE_BINDING + " " + meta.name() + ": no subjects. Bind the role to at least one ServiceAccount.");
        }
        if (role instanceof ClusterRoleDef clusterRole) {
            requireSomethingNamespaced(meta.name(), clusterRole);
        }
    }

    /**
     * A RoleBinding grants a ClusterRole's rules within its own namespace only, so one whose every resource belongs to no
     * namespace ({@code nodes}, {@code persistentvolumes}...) grants nothing, and the API server takes it without a word.
     */
    private static void requireSomethingNamespaced(String name, ClusterRoleDef role) {
        List<ApiResource> resources = role.rules().stream().flatMap(rule -> rule.resources().stream()).toList();
        List<String> namespaceless = resources.stream().map(BuiltInResources::namespaceless).flatMap(Optional::stream).distinct().toList();
        if (resources.stream().allMatch(resource -> BuiltInResources.namespaceless(resource).isPresent())) {
            throw InvalidDefinitionException.invalid(Kind.ROLE_BINDING + " " + name, "role", Kind.CLUSTER_ROLE + " " + role.name(),
                    "grants nothing: a RoleBinding grants a ClusterRole's rules only within its namespace, and every resource of this one ("
                            + String.join(", ", namespaceless) + ") belongs to no namespace",
                    "Bind it with ClusterRoleBindingDef.named(\"" + name + "\").granting(role).to(...).");
        }
    }

    public static RoleStep named(String name) {
        return new RoleStep(Meta.named(Kind.ROLE_BINDING, name));
    }

    /** The step that takes the role. */
    public record RoleStep(Meta meta) {
        public SubjectStep granting(RoleReference role) {
            return new SubjectStep(meta, role);
        }
    }

    /** The step that takes the subjects. */
    public record SubjectStep(Meta meta, RoleReference role) {
        public RoleBindingDef to(Subject first, Subject... more) {
            List<Subject> all = Given.atLeastOne(Kind.ROLE_BINDING + " " + meta.name(), "subject", first, more);
            return new RoleBindingDef(meta, role, all, List.of());
        }
    }

    @Override
    public Kind kind() {
        return Kind.ROLE_BINDING;
    }

    @Override
    public RoleBindingDef withMeta(Meta meta) {
        return new RoleBindingDef(Given.value(describe(), "meta", meta), role, subjects, rawEdits);
    }

    public RoleBindingDef withRawEdit(String reason, Consumer<RoleBinding> edit) {
        return new RoleBindingDef(meta, role, subjects, Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }
}
