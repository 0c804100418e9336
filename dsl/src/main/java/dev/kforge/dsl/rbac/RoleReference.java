package dev.kforge.dsl.rbac;

import dev.kforge.dsl.core.Kind;
import java.util.List;

/** A Role or ClusterRole, as a binding refers to it. */
public sealed interface RoleReference permits RoleDef, ClusterRoleDef {

    String name();

    Kind kind();

    List<PolicyRule> rules();
}
