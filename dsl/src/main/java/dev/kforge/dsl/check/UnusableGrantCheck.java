package dev.kforge.dsl.check;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.rbac.ClusterRoleBindingDef;
import dev.kforge.dsl.rbac.RoleBindingDef;
import dev.kforge.dsl.rbac.RoleReference;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.rbac.Subject;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Workload;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A role granted to a ServiceAccount whose pods all run without its API token ({@code withServiceAccount} rather than
 * {@code withApiAccessAs}) grants them nothing they can use: their client finds no token and every API call fails. An
 * account no pod of the stack runs as is not judged, since a CI job or a person may use it.
 */
final class UnusableGrantCheck implements StackCheck {
    static final String ID = "unusable-grant";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (RoleBindingDef binding : index.all(RoleBindingDef.class)) {
            checkBinding(stack, index, binding, binding.role(), binding.subjects(), problems);
        }
        for (ClusterRoleBindingDef binding : index.all(ClusterRoleBindingDef.class)) {
            checkBinding(stack, index, binding, binding.role(), binding.subjects(), problems);
        }
    }

    private static void checkBinding(Stack stack, StackIndex index, KubeObject<?> binding, RoleReference role, List<Subject> subjects,
                                     Problems problems) {
        for (Subject subject : subjects) {
            if (!(subject instanceof ServiceAccountDef account)) {
                continue;
            }
            List<Workload<?>> pods = index.workloads().stream()
                    .filter(workload -> workload.serviceAccount().map(ServiceAccountDef::name).orElse("default").equals(account.name()))
                    .toList();
            if (!pods.isEmpty() && pods.stream().noneMatch(Workload::mountServiceAccountToken)) {
                problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), binding, "grants " + role.kind() + " " + role.name()
                                + " to ServiceAccount " + account.name() + ", whose pods ("
                                + pods.stream().map(Workload::describe).collect(Collectors.joining(", "))
                                + ") mount no API token, so they cannot use it", "automountServiceAccountToken: false",
                        "Run them with withApiAccessAs(account) instead of withServiceAccount(account) if they call the API, "
                                + "or drop the binding if they do not."));
            }
        }
    }
}
