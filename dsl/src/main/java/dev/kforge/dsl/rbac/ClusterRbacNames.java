package dev.kforge.dsl.rbac;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import java.util.Set;

/**
 * The names of the ClusterRoles and ClusterRoleBindings every cluster has: the user-facing roles and
 * {@code cluster-admin}, and those of the control plane ({@code system:} prefixed). A stack defining one
 * would replace the cluster's own on apply (the cluster-admin binding is what makes system:masters
 * admins), and pruning would delete it once the stack no longer defined it.
 */
final class ClusterRbacNames {
    private static final Set<String> ROLES = Set.of("cluster-admin", "admin", "edit", "view");
    private static final Set<String> BINDINGS = Set.of("cluster-admin");

    private ClusterRbacNames() {
    }

    /** Refuses {@code name} for an object of {@code kind} (ClusterRole or ClusterRoleBinding) when the cluster already has one of it. */
    static void requireOwn(Kind kind, String name) {
        Set<String> builtIn = kind.is(Kind.CLUSTER_ROLE) ? ROLES : BINDINGS;
        if (builtIn.contains(name) || name.startsWith("system:")) {
            throw InvalidDefinitionException.invalid(kind.kind(), "name", name, "is one every cluster has: applying it would replace the cluster's "
                    + "own " + (kind.is(Kind.CLUSTER_ROLE) ? "rules" : "grants") + ", and pruning would delete it",
                    kind.is(Kind.CLUSTER_ROLE) ? "Define a ClusterRole of your own with the rules the subjects need: kforge binds only roles the stack defines."
                            : "Name the binding after what it grants, e.g. \"<namespace>-<purpose>\".");
        }
    }
}
