package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.onlyProblem;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.rbac.ApiResource;
import dev.kforge.dsl.rbac.ClusterRoleDef;
import dev.kforge.dsl.rbac.PolicyRule;
import dev.kforge.dsl.rbac.Verb;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A ClusterRole labelled aggregate-to-view adds its rules to the built-in view role, which every subject bound to view gets
 * in every namespace: view reads no Secrets and writes nothing, on purpose, and such a role may not give either.
 */
class ViewAggregationTest {
    private static final String VIEW = "rbac.authorization.k8s.io/aggregate-to-view";
    private static final ApiResource WIDGETS = ApiResource.of("example.com", "widgets");
    private static final String RISK = "so the cluster's controller adds its rules to the built-in view role, and through it to edit's and "
            + "admin's: every subject bound to view, in any namespace, may then do what view leaves out on purpose, read Secrets (the "
            + "passwords and tokens of the namespace's services and accounts) or write";
    private static final String FIX = " Remove the label and bind this role to the subjects that need it instead: "
            + "RoleBindingDef.named(..).granting(clusterRole).to(account) in their namespace.";

    @Test
    void a_cluster_role_aggregated_into_view_may_not_read_secrets() {
        ClusterRoleDef secrets = ClusterRoleDef.named("demo-prod-config", PolicyRule.allow(Verb.READ_ONLY)
                .on(ApiResource.CONFIG_MAPS, ApiResource.SECRETS)).withLabel(VIEW, "true");

        assertThat(onlyProblem(() -> stack(deployment(), secrets)))
                .isEqualTo("ERROR prod/ClusterRole demo-prod-config: is labelled " + VIEW + ": \"true\", " + RISK
                        + " (rule 1 reads Secrets: get, list, watch on configmaps, secrets)." + FIX);
        // An error in every environment: no environment wants its Secrets in view.
        assertThat(report(() -> stack(deployment(), secrets).withPolicy(Policy.RELAXED))).singleElement().asString()
                .startsWith("ERROR prod/ClusterRole demo-prod-config: is labelled " + VIEW);
    }

    @Test
    void a_cluster_role_aggregated_into_view_may_not_write() {
        ClusterRoleDef widgets = ClusterRoleDef.named("demo-prod-widgets", PolicyRule.allow(Verb.READ_ONLY).on(WIDGETS),
                PolicyRule.allow(Verb.CREATE, Verb.DELETE).on(WIDGETS, ApiResource.CONFIG_MAPS)).withLabel(VIEW, "true");

        assertThat(onlyProblem(() -> stack(deployment(), widgets)))
                .isEqualTo("ERROR prod/ClusterRole demo-prod-widgets: is labelled " + VIEW + ": \"true\", " + RISK
                        + " (rule 2 writes: create, delete on widgets (API group example.com); rule 2 writes: create, delete on configmaps)." + FIX);
    }

    @Test
    void reading_custom_resources_is_what_view_aggregation_is_for_and_edit_and_admin_read_secrets_already() {
        ClusterRoleDef widgets = ClusterRoleDef.named("demo-prod-widgets", PolicyRule.allow(Verb.READ_ONLY).on(WIDGETS, ApiResource.PODS))
                .withLabel(VIEW, "true");
        // Kubernetes' edit and admin roles read and write their namespace's Secrets: aggregating that into them adds nothing.
        ClusterRoleDef editors = ClusterRoleDef.named("demo-prod-editors", PolicyRule.allow(Verb.READ_ONLY).on(ApiResource.SECRETS),
                PolicyRule.allow(Verb.CREATE).on(WIDGETS)).withLabel("rbac.authorization.k8s.io/aggregate-to-edit", "true")
                .withLabel("rbac.authorization.k8s.io/aggregate-to-admin", "true");
        // The controller's selector asks for "true".
        ClusterRoleDef notAggregated = ClusterRoleDef.named("demo-prod-secrets", PolicyRule.allow(Verb.GET).on(ApiResource.SECRETS))
                .withLabel(VIEW, "false");
        // A custom resource of another group that happens to be called secrets is not Kubernetes' Secret.
        ClusterRoleDef vaultSecrets = ClusterRoleDef.named("demo-prod-vault", PolicyRule.allow(Verb.GET)
                .on(ApiResource.of("vault.example.com", "secrets"), ApiResource.CONFIG_MAPS)).withLabel(VIEW, "true");

        assertThat(report(() -> stack(deployment(), widgets, editors, notAggregated, vaultSecrets))).isEmpty();
    }

    @Test
    void a_raw_edit_that_aggregates_a_role_into_view_or_widens_an_aggregated_one_is_refused() {
        ClusterRoleDef labelled = ClusterRoleDef.named("demo-prod-secrets", PolicyRule.allow(Verb.GET).on(ApiResource.SECRETS))
                .withRawEdit("show in view", role -> role.getMetadata().getLabels().put(VIEW, "true"));
        ClusterRoleDef widened = ClusterRoleDef.named("demo-prod-widgets", PolicyRule.allow(Verb.READ_ONLY).on(WIDGETS)).withLabel(VIEW, "true")
                .withRawEdit("everything", role -> {
                    role.getRules().get(0).setApiGroups(List.of("*"));
                    role.getRules().get(0).setResources(List.of("*"));
                })
                .waive(PolicyCheck.RBAC_ESCALATION, "an operator's view of everything");

        assertThat(onlyProblem(() -> stack(deployment(), labelled)))
                .isEqualTo("ERROR prod/ClusterRole demo-prod-secrets: raw edit \"show in view\" left it labelled " + VIEW + ": \"true\", " + RISK
                        + " (rule 1 reads Secrets: get on secrets)." + FIX);
        assertThat(onlyProblem(() -> stack(deployment(), widened)))
                .isEqualTo("ERROR prod/ClusterRole demo-prod-widgets: raw edit \"everything\" left it labelled " + VIEW + ": \"true\", " + RISK
                        + " (rule 1 reads Secrets: get, list, watch on * (API group *))." + FIX);
        // Where the policy only warns of the wildcard, the role is still not written.
        ClusterRoleDef unwaived = ClusterRoleDef.named("demo-prod-widgets", PolicyRule.allow(Verb.READ_ONLY).on(WIDGETS)).withLabel(VIEW, "true")
                .withRawEdit("everything", role -> role.getRules().get(0).setVerbs(List.of("*")));
        assertThat(report(() -> stack(deployment(), unwaived).withPolicy(Policy.RELAXED)))
                .extracting(problem -> problem.substring(0, problem.indexOf(" (")))
                .containsExactly("WARNING prod/ClusterRole demo-prod-widgets: raw edit \"everything\" granted what the DSL's rules leave out, with "
                                + "which the role's holders can give themselves more than it says",
                        "ERROR prod/ClusterRole demo-prod-widgets: raw edit \"everything\" left it labelled " + VIEW + ": \"true\", so the "
                                + "cluster's controller adds its rules to the built-in view role, and through it to edit's and admin's: every "
                                + "subject bound to view, in any namespace, may then do what view leaves out on purpose, read Secrets");
    }
}
