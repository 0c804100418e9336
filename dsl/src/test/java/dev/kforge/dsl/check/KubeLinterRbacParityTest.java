package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.onlyProblem;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.rbac.ApiResource;
import dev.kforge.dsl.rbac.ClusterRoleBindingDef;
import dev.kforge.dsl.rbac.ClusterRoleDef;
import dev.kforge.dsl.rbac.PolicyRule;
import dev.kforge.dsl.rbac.RoleBindingDef;
import dev.kforge.dsl.rbac.RoleDef;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.rbac.Verb;
import dev.kforge.dsl.testing.Rendering;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.AggregationRuleBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kube-linter's checks of API access (RBAC and tokens). The DSL's verbs and resources are typed, without
 * wildcards or the verbs that escalate; bindings take role and account objects of the stack. A raw edit is
 * the only route around them, and is judged too. See docs/linter-parity.md.
 */
class KubeLinterRbacParityTest {
    private static final PolicyRule READ_PODS = PolicyRule.allow(Verb.GET).on(ApiResource.PODS);

    /** A Role whose raw edit replaces its rule's verbs, resources and groups with the given ones. */
    private static RoleDef editedRole(List<String> verbs, List<String> resources, List<String> groups) {
        return RoleDef.named("pods-reader", READ_PODS).withRawEdit("controller", role -> {
            role.getRules().get(0).setVerbs(verbs);
            role.getRules().get(0).setResources(resources);
            role.getRules().get(0).setApiGroups(groups);
        });
    }

    /** Asserts that the one problem of Role pods-reader edited to grant {@code verbs} on {@code resources} of {@code groups} is rbac-escalation's. */
    private static void assertEscalation(List<String> verbs, List<String> resources, List<String> groups, String actual) {
        assertThat(onlyProblem(() -> stack(deployment(), editedRole(verbs, resources, groups))))
                .isEqualTo("ERROR prod/Role pods-reader: raw edit \"controller\" granted what the DSL's rules leave out, with which the role's holders can "
                        + "give themselves more than it says (" + actual + "). Grant named verbs on named resources in the definition, e.g. "
                        + "PolicyRule.allow(Verb.GET).on(ApiResource.PODS); a controller that needs it waives the rule with its reason: "
                        + ".waive(PolicyCheck.RBAC_ESCALATION, \"<why>\").");
    }

    @Test
    void kubeLinter_wildcardInRules() {
        assertEscalation(List.of("*"), List.of("pods"), List.of(""), "rule 1: verb *");
        assertEscalation(List.of("get"), List.of("*"), List.of("*"), "rule 1: resource *, API group *");
    }

    @Test
    void kubeLinter_wildcardResourceVerbCombo() {
        assertEscalation(List.of("*"), List.of("*"), List.of("*"), "rule 1: verb *, resource *, API group *");
    }

    @Test
    void kubeLinter_escalateVerbInRole() {
        assertEscalation(List.of("escalate"), List.of("roles"), List.of("rbac.authorization.k8s.io"), "rule 1: verb escalate");
    }

    @Test
    void kubeLinter_bindVerbInRole() {
        assertEscalation(List.of("bind"), List.of("clusterroles"), List.of("rbac.authorization.k8s.io"), "rule 1: verb bind");
    }

    @Test
    void kubeLinter_impersonateWithoutResourceNames() {
        assertEscalation(List.of("impersonate"), List.of("serviceaccounts"), List.of(""), "rule 1: verb impersonate");
    }

    @Test
    void kubeLinter_approveSignersWithoutResourceNames() {
        assertEscalation(List.of("approve"), List.of("signers"), List.of("certificates.k8s.io"), "rule 1: verb approve");
    }

    @Test
    void impersonate_and_approve_limited_to_named_identities_and_signers_are_not_escalation() {
        RoleDef oneAccount = editedRole(List.of("impersonate"), List.of("serviceaccounts"), List.of(""))
                .withRawEdit("one account", role -> role.getRules().get(0).setResourceNames(List.of("deployer")));
        RoleDef oneSigner = editedRole(List.of("approve"), List.of("signers"), List.of("certificates.k8s.io"))
                .withRawEdit("one signer", role -> role.getRules().get(0).setResourceNames(List.of("example.com/internal")));
        RoleDef namedRoles = editedRole(List.of("bind", "escalate"), List.of("roles"), List.of("rbac.authorization.k8s.io"))
                .withRawEdit("named roles", role -> role.getRules().get(0).setResourceNames(List.of("pods-reader")));

        assertThat(report(() -> stack(deployment(), oneAccount))).isEmpty();
        assertThat(report(() -> stack(deployment(), oneSigner))).isEmpty();
        // Binding or editing a named role still reaches whatever that role grants, now or later.
        assertThat(onlyProblem(() -> stack(deployment(), namedRoles))).contains("(rule 1: verb bind, verb escalate)");
    }

    @Test
    void impersonate_and_approve_named_but_reaching_any_identity_stay_escalation() {
        // Impersonating the group system:masters is every permission; approving for a signer domain's wildcard or the API
        // server's client signer signs certificates of any user and group, system:masters among them.
        RoleDef masters = editedRole(List.of("impersonate"), List.of("groups"), List.of(""))
                .withRawEdit("the admins", role -> role.getRules().get(0).setResourceNames(List.of("developers", "system:masters")));
        RoleDef anySigner = editedRole(List.of("approve"), List.of("signers"), List.of("certificates.k8s.io"))
                .withRawEdit("our signers", role -> role.getRules().get(0).setResourceNames(List.of("example.com/*")));
        RoleDef clientSigner = editedRole(List.of("approve"), List.of("signers"), List.of("certificates.k8s.io"))
                .withRawEdit("client certificates", role -> role.getRules().get(0).setResourceNames(List.of("kubernetes.io/kube-apiserver-client")));

        assertThat(onlyProblem(() -> stack(deployment(), masters))).contains("(rule 1: verb impersonate of system:masters)");
        assertThat(onlyProblem(() -> stack(deployment(), anySigner))).contains("(rule 1: verb approve of example.com/*)");
        assertThat(onlyProblem(() -> stack(deployment(), clientSigner))).contains("(rule 1: verb approve of kubernetes.io/kube-apiserver-client)");
    }

    @Test
    void an_aggregation_rule_added_by_a_raw_edit_is_escalation() {
        // The controller replaces an aggregated ClusterRole's rules with those of every ClusterRole its selectors match: an
        // empty selector matches them all, cluster-admin's * included; a label of the cluster's admin role takes its rules.
        ClusterRoleDef everyRole = ClusterRoleDef.named("demo-prod-pods", READ_PODS).withRawEdit("aggregate", role -> role.setAggregationRule(
                new AggregationRuleBuilder().addNewClusterRoleSelector().endClusterRoleSelector().build()));
        ClusterRoleDef admins = ClusterRoleDef.named("demo-prod-pods", READ_PODS).withRawEdit("aggregate", role -> role.setAggregationRule(
                new AggregationRuleBuilder().addNewClusterRoleSelector().addToMatchLabels("rbac.authorization.k8s.io/aggregate-to-admin", "true")
                        .endClusterRoleSelector().build()));

        assertThat(onlyProblem(() -> stack(deployment(), everyRole)))
                .isEqualTo("ERROR prod/ClusterRole demo-prod-pods: raw edit \"aggregate\" granted what the DSL's rules leave out, with which the "
                        + "role's holders can give themselves more than it says (aggregationRule: the rules of every ClusterRole, cluster-admin's "
                        + "included, which the cluster's controller writes over the role's own). Grant named verbs on named resources in the "
                        + "definition, e.g. PolicyRule.allow(Verb.GET).on(ApiResource.PODS); a controller that needs it waives the rule with its "
                        + "reason: .waive(PolicyCheck.RBAC_ESCALATION, \"<why>\").");
        assertThat(onlyProblem(() -> stack(deployment(), admins))).contains("(aggregationRule: the rules of every ClusterRole labelled "
                + "rbac.authorization.k8s.io/aggregate-to-admin=true, which the cluster's controller writes over the role's own)");
        assertThat(report(() -> stack(deployment(), everyRole.waive(PolicyCheck.RBAC_ESCALATION, "an aggregated role of our CRDs")))).isEmpty();
    }

    @Test
    void rbac_escalation_is_a_policy_rule_a_controller_waives() {
        RoleDef everything = editedRole(List.of("*"), List.of("*"), List.of("*"));

        assertThat(report(() -> stack(deployment(), everything).withPolicy(Policy.RELAXED))).singleElement().asString()
                .startsWith("WARNING prod/Role pods-reader: raw edit \"controller\" granted what the DSL's rules leave out");
        assertThat(report(() -> stack(deployment(), everything.waive(PolicyCheck.RBAC_ESCALATION, "an operator of every resource kind")))).isEmpty();
        // An edit that grants only what the DSL could is not escalation.
        assertThat(report(() -> stack(deployment(), editedRole(List.of("get", "list"), List.of("pods"), List.of(""))))).isEmpty();
    }

    @Test
    void kubeLinter_automountServiceAccountToken() {
        ServiceAccountDef account = ServiceAccountDef.named("web");

        // Pods mount no token unless the definition asks for one; then its account needs a role.
        assertThat(Rendering.manifest(Renderer.render(stack(deployment())), Deployment.class, "web").getSpec().getTemplate().getSpec()
                .getAutomountServiceAccountToken()).isFalse();
        assertThat(onlyProblem(() -> stack(deployment().withApiAccessAs(account), account)))
                .startsWith("ERROR prod/Deployment web: mounts an API token, but ServiceAccount web has no role in the stack "
                        + "(automountServiceAccountToken: true).");
    }

    @Test
    void kubeLinter_defaultServiceAccount() {
        ServiceAccountDef byDefault = ServiceAccountDef.named("default");
        RoleDef reader = RoleDef.named("pods-reader", PolicyRule.allow(Verb.GET).on(ApiResource.PODS));

        assertThat(report(() -> stack(deployment(), byDefault, reader, RoleBindingDef.named("default-pods").granting(reader).to(byDefault))))
                .contains("ERROR prod/RoleBinding default-pods: grants a role to a default ServiceAccount, which every pod of its namespace runs as "
                        + "(default). Define a dedicated ServiceAccountDef and run only the pods that need the role with it. "
                        + "Or waive it with .waive(PolicyCheck.DEFAULT_ACCOUNT_BINDING, \"<why>\").");
    }

    @Test
    void kubeLinter_clusterWideSecretsAccess() {
        ServiceAccountDef account = ServiceAccountDef.named("web");
        ClusterRoleDef secrets = ClusterRoleDef.named("demo-prod-secrets", PolicyRule.allow(Verb.GET).on(ApiResource.SECRETS));

        assertThat(onlyProblem(() -> stack(deployment().withApiAccessAs(account), account, secrets,
                ClusterRoleBindingDef.named("demo-prod-secrets").granting(secrets).to(account))))
                .isEqualTo("WARNING prod/ClusterRoleBinding demo-prod-secrets: grants ClusterRole demo-prod-secrets in every namespace "
                        + "(ClusterRoleBinding). If the subjects only need namespace demo-prod, use RoleBindingDef.named(..).granting(clusterRole) "
                        + "instead. Or waive it with .waive(PolicyCheck.CLUSTER_ROLE_BINDING, \"<why>\").");
    }

    @Test
    void kubeLinter_clusterAdminRoleBinding() {
        // Binding the cluster's cluster-admin would take a ClusterRole of that name in the stack: which would replace the cluster's own.
        assertThat(onlyProblem(() -> {
            ServiceAccountDef account = ServiceAccountDef.named("web");
            ClusterRoleDef admin = ClusterRoleDef.named("cluster-admin", PolicyRule.allow(Verb.GET).on(ApiResource.PODS));
            return stack(deployment().withApiAccessAs(account), account, admin, ClusterRoleBindingDef.named("web-admin").granting(admin).to(account));
        })).isEqualTo("ERROR prod/definition: ClusterRole: name \"cluster-admin\" is one every cluster has: applying it would replace the "
                + "cluster's own rules, and pruning would delete it. Define a ClusterRole of your own with the rules the subjects need: "
                + "kforge binds only roles the stack defines.");
        for (String builtIn : List.of("admin", "edit", "view", "system:node")) {
            assertThat(onlyProblem(() -> stack(deployment(), ClusterRoleDef.named(builtIn, PolicyRule.allow(Verb.GET).on(ApiResource.PODS)))))
                    .startsWith("ERROR prod/definition: ClusterRole: name \"" + builtIn + "\" is one every cluster has");
        }
        // Nor may the stack replace the binding that makes system:masters cluster admins.
        assertThat(onlyProblem(() -> {
            ServiceAccountDef account = ServiceAccountDef.named("web");
            ClusterRoleDef reader = ClusterRoleDef.named("demo-prod-read", PolicyRule.allow(Verb.GET).on(ApiResource.PODS));
            return stack(deployment(), account, reader, ClusterRoleBindingDef.named("cluster-admin").granting(reader).to(account));
        })).startsWith("ERROR prod/definition: ClusterRoleBinding: name \"cluster-admin\" is one every cluster has: applying it would replace "
                + "the cluster's own");
    }

    @Test
    void kubeLinter_clusterAdminRoleBinding_throughARawEdit() {
        ServiceAccountDef account = ServiceAccountDef.named("web");
        RoleDef reader = RoleDef.named("pods-reader", PolicyRule.allow(Verb.GET).on(ApiResource.PODS));
        RoleBindingDef binding = RoleBindingDef.named("web-pods").granting(reader).to(account).withRawEdit("needs more", b -> {
            b.getRoleRef().setKind("ClusterRole");
            b.getRoleRef().setName("cluster-admin");
        });

        assertThat(onlyProblem(() -> stack(deployment().withApiAccessAs(account), account, reader, binding)))
                .isEqualTo("ERROR prod/RoleBinding web-pods: raw edit \"needs more\" changed what the checks read from the definition "
                        + "(roleRef: Role pods-reader -> ClusterRole cluster-admin). Set it in the definition instead (granting), where the checks "
                        + "see it.");
    }

    @Test
    void kubeLinter_defaultServiceAccount_throughARawEdit() {
        ServiceAccountDef account = ServiceAccountDef.named("web");
        ClusterRoleDef reader = ClusterRoleDef.named("demo-prod-read", PolicyRule.allow(Verb.GET).on(ApiResource.PODS));
        ClusterRoleBindingDef binding = ClusterRoleBindingDef.named("demo-prod-read").granting(reader).to(account)
                .withRawEdit("every pod", b -> b.getSubjects().get(0).setName("default"))
                .waive(PolicyCheck.CLUSTER_ROLE_BINDING, "reads every namespace's pods");

        assertThat(onlyProblem(() -> stack(deployment().withApiAccessAs(account), account, reader, binding)))
                .isEqualTo("ERROR prod/ClusterRoleBinding demo-prod-read: raw edit \"every pod\" changed what the checks read from the definition "
                        + "(subjects: [ServiceAccount demo-prod/web] -> [ServiceAccount demo-prod/default]). Set it in the definition instead "
                        + "(to), where the checks see it.");
    }
}
