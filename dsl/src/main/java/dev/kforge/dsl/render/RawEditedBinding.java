package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The role a binding grants and the subjects it grants it to are what the access checks read from its
 * definition (the role and accounts are in the stack, no role for a {@code default} account, tokens only
 * for accounts with a role): a raw edit may not change them, or it could bind {@code cluster-admin} or
 * every pod's account unseen.
 */
final class RawEditedBinding {
    private RawEditedBinding() {
    }

    /** Throws a {@link RawEditException} naming the role or subjects the edits of {@code object} changed. */
    static void check(KubeObject<?> object, HasMetadata unedited, HasMetadata edited) {
        List<String> changes = new ArrayList<>();
        compare("roleRef", roleRef(unedited), roleRef(edited), changes);
        compare("subjects", subjects(unedited), subjects(edited), changes);
        if (!changes.isEmpty()) {
            String them = changes.size() == 1 ? "it" : "them";
            throw new RawEditException(object, RawEditException.editsOf(object) + " changed what the checks read from the definition",
                    String.join(", ", changes), "Set " + them + " in the definition instead (granting(role) and to(subjects)), where the checks see "
                    + them + ".", object.meta().origin(), null);
        }
    }

    private static void compare(String field, String before, String after, List<String> changes) {
        if (!Objects.equals(before, after)) {
            changes.add(field + ": " + before + " -> " + after);
        }
    }

    private static String roleRef(HasMetadata binding) {
        RoleRef role = binding instanceof RoleBinding namespaced ? namespaced.getRoleRef() : ((ClusterRoleBinding) binding).getRoleRef();
        return role == null ? "none" : role.getKind() + " " + role.getName();
    }

    private static String subjects(HasMetadata binding) {
        List<Subject> subjects = binding instanceof RoleBinding namespaced ? namespaced.getSubjects() : ((ClusterRoleBinding) binding).getSubjects();
        return RawEditResultCheck.orEmpty(subjects).stream()
                .map(subject -> subject.getKind() + " " + (subject.getNamespace() == null ? "" : subject.getNamespace() + "/") + subject.getName())
                .toList().toString();
    }
}
