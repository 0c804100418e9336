package dev.kforge.dsl.check;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.rbac.ClusterRoleBindingDef;
import dev.kforge.dsl.rbac.ExternalServiceAccount;
import dev.kforge.dsl.rbac.RoleBindingDef;
import dev.kforge.dsl.rbac.Subject;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ProjectedSource;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** API access: tokens only where a role is granted, never to {@code default}, cluster-wide only when needed. */
final class AccessPolicyCheck implements StackCheck {

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<String> boundAccounts = new ArrayList<>();
        Map<String, String> boundElsewhere = new HashMap<>();
        for (RoleBindingDef binding : index.all(RoleBindingDef.class)) {
            checkSubjects(stack, problems, binding, binding.subjects(), boundAccounts, boundElsewhere);
        }
        for (ClusterRoleBindingDef binding : index.all(ClusterRoleBindingDef.class)) {
            checkSubjects(stack, problems, binding, binding.subjects(), boundAccounts, boundElsewhere);
            PolicyReporter.report(stack, binding, PolicyCheck.CLUSTER_ROLE_BINDING,
                    "grants ClusterRole " + binding.role().name() + " in every namespace", "ClusterRoleBinding",
                    "If the subjects only need namespace " + stack.namespace().name()
                            + ", use RoleBindingDef.named(..).granting(clusterRole) instead.", problems);
        }
        for (Workload<?> workload : index.workloads()) {
            checkProjectedTokens(stack, workload, problems);
            if (!workload.mountServiceAccountToken()) {
                continue;
            }
            String account = workload.serviceAccount().map(a -> a.name()).orElse("default");
            if (boundAccounts.contains(account)) {
                continue;
            }
            String elsewhere = boundElsewhere.get(account);
            if (elsewhere == null) {
                PolicyReporter.report(stack, workload, PolicyCheck.TOKEN_MOUNT,
                        "mounts an API token, but ServiceAccount " + account + " has no role in the stack", "automountServiceAccountToken: true",
                        "Use withServiceAccount (no token) unless the pods call the API; then bind a role to the account.", problems);
            } else {
                PolicyReporter.report(stack, workload, PolicyCheck.TOKEN_MOUNT,
                        "mounts an API token, but ServiceAccount " + account + " has no role in the stack: " + elsewhere + ", another account",
                        "automountServiceAccountToken: true",
                        "If the pods call the API, bind this namespace's account object: .to(account). Else use withServiceAccount (no token).",
                        problems);
            }
        }
    }

    /**
     * A projected token names the pods' account to the service that reads it (Vault, a cloud's identity federation): as the
     * namespace's default account, it names every pod of the namespace that has no account of its own, which that service
     * then cannot tell apart, as a role bound to default grants them all.
     */
    private static void checkProjectedTokens(Stack stack, Workload<?> workload, Problems problems) {
        String account = workload.serviceAccount().map(a -> a.name()).orElse("default");
        if (!account.equals("default")) {
            return;
        }
        for (VolumeDef volume : workload.volumes()) {
            if (volume instanceof VolumeDef.Projected projected) {
                for (ProjectedSource source : projected.sources()) {
                    if (source instanceof ProjectedSource.ServiceAccountToken token) {
                        PolicyReporter.report(stack, workload, PolicyCheck.DEFAULT_ACCOUNT_BINDING, "projects a token for " + token.audience()
                                        + " as the default ServiceAccount, which every pod of its namespace without an account of its own runs as: "
                                        + token.audience() + " cannot tell them apart", "volume " + projected.name() + ", serviceAccountToken "
                                        + token.audience(), "Run the pods as an account of their own: withServiceAccount(ServiceAccountDef.named(\""
                                        + workload.name() + "\")), in the stack too.", problems);
                    }
                }
            }
        }
    }

    /**
     * Collects the accounts of the stack's namespace that a binding grants a role, and, by name, those of other namespaces:
     * a binding to {@code web} of another namespace (an environment's name copied from another) grants this one's nothing.
     */
    private static void checkSubjects(Stack stack, Problems problems, KubeObject<?> binding, List<Subject> subjects,
                                      List<String> boundAccounts, Map<String, String> boundElsewhere) {
        for (Subject subject : subjects) {
            if (subject instanceof ExternalServiceAccount external && !external.namespace().equals(stack.namespace().name())) {
                boundElsewhere.putIfAbsent(external.name(), binding.describe() + " binds ServiceAccount " + external.name()
                        + " of namespace " + external.namespace());
            } else {
                boundAccounts.add(subject.name());
            }
            if (subject.name().equals("default")) {
                PolicyReporter.report(stack, binding, PolicyCheck.DEFAULT_ACCOUNT_BINDING,
                        "grants a role to a default ServiceAccount, which every pod of its namespace runs as", subject.name(),
                        "Define a dedicated ServiceAccountDef and run only the pods that need the role with it.", problems);
            }
        }
    }
}
