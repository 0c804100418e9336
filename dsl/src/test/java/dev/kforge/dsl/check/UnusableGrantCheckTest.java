package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.rbac.ApiResource;
import dev.kforge.dsl.rbac.ClusterRoleBindingDef;
import dev.kforge.dsl.rbac.ClusterRoleDef;
import dev.kforge.dsl.rbac.PolicyRule;
import dev.kforge.dsl.rbac.RoleBindingDef;
import dev.kforge.dsl.rbac.RoleDef;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.rbac.Verb;
import dev.kforge.dsl.workload.DeploymentDef;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnusableGrantCheckTest {
    private final ServiceAccountDef account = ServiceAccountDef.named("web");
    private final RoleDef readConfig = RoleDef.named("web-read-config", PolicyRule.allow(Verb.GET, Verb.LIST).on(ApiResource.CONFIG_MAPS));
    private final RoleBindingDef binding = RoleBindingDef.named("web-read-config").granting(readConfig).to(account);

    private static List<String> grantWarnings(List<String> report) {
        return report.stream().filter(line -> line.contains("mount no API token")).toList();
    }

    @Test
    void a_role_granted_to_an_account_whose_pods_mount_no_token_is_a_warning() {
        // withServiceAccount runs the pods as the account without its token: they cannot call the API the role opens.
        DeploymentDef web = deployment().withServiceAccount(account);

        assertThat(grantWarnings(report(() -> stack(web, account, readConfig, binding)))).containsExactly("WARNING prod/RoleBinding "
                + "web-read-config: grants Role web-read-config to ServiceAccount web, whose pods (Deployment web) mount no API token, so "
                + "they cannot use it (automountServiceAccountToken: false). Run them with withApiAccessAs(account) instead of "
                + "withServiceAccount(account) if they call the API, or drop the binding if they do not.");
    }

    @Test
    void a_cluster_role_binding_is_judged_the_same_way() {
        DeploymentDef web = deployment().withServiceAccount(account);
        ClusterRoleDef nodes = ClusterRoleDef.named("demo-nodes", PolicyRule.allow(Verb.LIST).on(ApiResource.NAMESPACES));
        ClusterRoleBindingDef clusterBinding = ClusterRoleBindingDef.named("demo-nodes").granting(nodes).to(account);

        assertThat(grantWarnings(report(() -> stack(web, account, nodes, clusterBinding)))).singleElement().asString()
                .startsWith("WARNING prod/ClusterRoleBinding demo-nodes: grants ClusterRole demo-nodes to ServiceAccount web, whose pods "
                        + "(Deployment web) mount no API token");
    }

    @Test
    void passes_when_a_workload_of_the_account_mounts_its_token_or_none_runs_as_it() {
        DeploymentDef caller = deployment().withApiAccessAs(account);
        DeploymentDef other = DeploymentDef.named("other").running(LinterParity.container()).withReplicas(2).withServiceAccount(account);

        assertThat(grantWarnings(report(() -> stack(caller, account, readConfig, binding)))).isEmpty();
        assertThat(grantWarnings(report(() -> stack(caller, other, account, readConfig, binding)))).isEmpty();
        // No pod of the stack runs as it: the subject may be a CI job's or a person's, which the stack does not show.
        assertThat(grantWarnings(report(() -> stack(deployment(), account, readConfig, binding)))).isEmpty();
    }
}
