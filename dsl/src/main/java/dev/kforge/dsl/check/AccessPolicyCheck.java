package dev.kforge.dsl.check;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.rbac.ClusterRoleBindingDef;
import dev.kforge.dsl.rbac.RoleBindingDef;
import dev.kforge.dsl.rbac.Subject;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/** API access: tokens only where a role is granted, never to {@code default}, cluster-wide only when needed. */
final class AccessPolicyCheck implements StackCheck {

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<String> boundAccounts = new ArrayList<>();
        for (RoleBindingDef binding : index.all(RoleBindingDef.class)) {
            checkSubjects(stack, problems, binding, binding.subjects(), boundAccounts);
        }
        for (ClusterRoleBindingDef binding : index.all(ClusterRoleBindingDef.class)) {
            checkSubjects(stack, problems, binding, binding.subjects(), boundAccounts);
            PolicyReporter.report(stack, binding, PolicyCheck.CLUSTER_ROLE_BINDING,
                    "grants ClusterRole " + binding.role().name() + " in every namespace", "ClusterRoleBinding",
                    "If the subjects only need namespace " + stack.namespace().name()
                            + ", use RoleBindingDef.named(..).granting(clusterRole) instead.", problems);
        }
        for (Workload<?> workload : index.workloads()) {
            if (!workload.mountServiceAccountToken()) {
                continue;
            }
            String account = workload.serviceAccount().map(a -> a.name()).orElse("default");
            if (!boundAccounts.contains(account)) {
                PolicyReporter.report(stack, workload, PolicyCheck.TOKEN_MOUNT,
                        "mounts an API token, but ServiceAccount " + account + " has no role in the stack", "automountServiceAccountToken: true",
                        "Use withServiceAccount (no token) unless the pods call the API; then bind a role to the account.", problems);
            }
        }
    }

    private static void checkSubjects(Stack stack, Problems problems, KubeObject<?> binding, List<Subject> subjects,
                                      List<String> boundAccounts) {
        for (Subject subject : subjects) {
            boundAccounts.add(subject.name());
            if (subject.name().equals("default")) {
                PolicyReporter.report(stack, binding, PolicyCheck.DEFAULT_ACCOUNT_BINDING,
                        "grants a role to a default ServiceAccount, which every pod of its namespace runs as", subject.name(),
                        "Define a dedicated ServiceAccountDef and run only the pods that need the role with it.", problems);
            }
        }
    }
}
