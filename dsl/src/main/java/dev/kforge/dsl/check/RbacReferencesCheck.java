package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.rbac.ClusterRoleBindingDef;
import dev.kforge.dsl.rbac.RoleBindingDef;
import dev.kforge.dsl.rbac.RoleReference;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.rbac.Subject;
import dev.kforge.dsl.stack.Stack;
import java.util.List;

/** Bindings grant a role of the stack to ServiceAccounts of the stack (or named external ones). */
final class RbacReferencesCheck implements StackCheck {
    static final String ID = "binding-reference";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (RoleBindingDef binding : index.all(RoleBindingDef.class)) {
            checkBinding(stack, index, problems, binding, binding.role(), binding.subjects());
        }
        for (ClusterRoleBindingDef binding : index.all(ClusterRoleBindingDef.class)) {
            checkBinding(stack, index, problems, binding, binding.role(), binding.subjects());
        }
    }

    private static void checkBinding(Stack stack, StackIndex index, Problems problems, KubeObject<?> binding,
                                     RoleReference role, List<Subject> subjects) {
        if (index.find(role.kind(), role.name(), RoleReference.class).isEmpty()) {
            problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), binding,
                    "grants " + role.kind() + " " + role.name() + ", which is not in the stack", role.name(),
                    "Add the " + role.kind() + " to the stack."));
        }
        for (Subject subject : subjects) {
            if (subject instanceof ServiceAccountDef account
                    && index.find(Kind.SERVICE_ACCOUNT, account.name(), ServiceAccountDef.class).isEmpty()) {
                problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), binding,
                        "binds ServiceAccount " + account.name() + ", which is not in the stack", account.name(),
                        "Add the ServiceAccount to the stack, or use ExternalServiceAccount.of(namespace, name)."));
            }
        }
    }
}
