package dev.kforge.dsl.rbac;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.util.List;
import java.util.function.Consumer;

/**
 * A ClusterRoleBinding: grants a ClusterRole in every namespace. Prefer a {@link RoleBindingDef}
 * when the subject only needs its own namespace. Start with
 * {@code ClusterRoleBindingDef.named("x").granting(clusterRole).to(account)}.
 */
public record ClusterRoleBindingDef(Meta meta, ClusterRoleDef role, List<Subject> subjects,
                                    List<RawEdit<ClusterRoleBinding>> rawEdits)
        implements KubeObject<ClusterRoleBindingDef> {

    public ClusterRoleBindingDef {
        Given.value(Kind.CLUSTER_ROLE_BINDING + " " + meta.name(), "role", role);
        subjects = List.copyOf(subjects);
        rawEdits = List.copyOf(rawEdits);
        ClusterRbacNames.requireOwn(Kind.CLUSTER_ROLE_BINDING, meta.name());
        if (subjects.isEmpty()) {
            throw new InvalidDefinitionException(Kind.CLUSTER_ROLE_BINDING + " " + meta.name() + ": no subjects. Bind the role to at least one ServiceAccount.");
        }
    }

    public static RoleStep named(String name) {
        return new RoleStep(Meta.named(Kind.CLUSTER_ROLE_BINDING, name));
    }

    /** The step that takes the ClusterRole. */
    public record RoleStep(Meta meta) {
        public SubjectStep granting(ClusterRoleDef role) {
            return new SubjectStep(meta, role);
        }
    }

    /** The step that takes the subjects. */
    public record SubjectStep(Meta meta, ClusterRoleDef role) {
        public ClusterRoleBindingDef to(Subject first, Subject... more) {
            List<Subject> all = Given.atLeastOne(Kind.CLUSTER_ROLE_BINDING + " " + meta.name(), "subject", first, more);
            return new ClusterRoleBindingDef(meta, role, all, List.of());
        }
    }

    @Override
    public Kind kind() {
        return Kind.CLUSTER_ROLE_BINDING;
    }

    @Override
    public ClusterRoleBindingDef withMeta(Meta meta) {
        return new ClusterRoleBindingDef(Given.value(describe(), "meta", meta), role, subjects, rawEdits);
    }

    public ClusterRoleBindingDef withRawEdit(String reason, Consumer<ClusterRoleBinding> edit) {
        return new ClusterRoleBindingDef(meta, role, subjects, Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }
}
