package dev.kforge.dsl.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.Set;
import java.util.List;
import org.junit.jupiter.api.Test;

class RbacDefinitionsTest {

    @Test
    void lists_the_api_groups_of_a_rule_in_first_use_order() {
        PolicyRule rule = PolicyRule.allow(Verb.GET).on(ApiResource.DEPLOYMENTS, ApiResource.PODS, ApiResource.INGRESSES, ApiResource.SERVICES);

        assertThat(rule.groups()).containsExactly("apps", "", "networking.k8s.io");
    }

    @Test
    void keeps_verbs_in_api_order_and_resource_names_sorted() {
        PolicyRule rule = PolicyRule.allow(Verb.WATCH, Verb.GET).on(ApiResource.CONFIG_MAPS).onlyNamed("zeta", "alpha");

        assertThat(rule.verbs()).containsExactly(Verb.GET, Verb.WATCH);
        assertThat(rule.resourceNames()).containsExactly("alpha", "zeta");
    }

    @Test
    void refuses_resource_names_on_verbs_authorized_by_no_name() {
        assertThatThrownBy(() -> PolicyRule.allow(Verb.GET, Verb.UPDATE, Verb.CREATE).on(ApiResource.LEASES).onlyNamed("shop-leader"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("PolicyRule: verb \"create\" is invalid with resourceNames [shop-leader]: the API server authorizes create and "
                        + "deletecollection requests by no object name, so the rule would never grant it. Allow create in a rule of its "
                        + "own, without onlyNamed: PolicyRule.allow(Verb.CREATE).on(...).");
        assertThatThrownBy(() -> PolicyRule.allow(Verb.DELETE_COLLECTION).on(ApiResource.PODS).onlyNamed("a"))
                .hasMessageStartingWith("PolicyRule: verb \"deletecollection\" is invalid with resourceNames [a]");
        assertThat(PolicyRule.allow(Verb.GET, Verb.UPDATE).on(ApiResource.LEASES).onlyNamed("shop-leader").resourceNames()).containsExactly("shop-leader");
    }

    @Test
    void refuses_verbs_other_than_create_on_exec_attach_and_port_forward() {
        assertThatThrownBy(() -> PolicyRule.allow(Verb.GET).on(ApiResource.PODS, ApiResource.of("", "pods/exec")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("PolicyRule: verbs on pods/exec \"get\" is invalid: must be create: the API server authorizes pods/exec as "
                        + "create (get only for a WebSocket upgrade, and no longer from Kubernetes 1.35), so the rule grants nothing, or "
                        + "on older clusters exec through WebSockets alone. Allow create: PolicyRule.allow(Verb.CREATE).on(ApiResource.of(\"\", \"pods/exec\")).");
        assertThatThrownBy(() -> PolicyRule.allow(Verb.READ_ONLY).on(ApiResource.of("", "pods/portforward")))
                .hasMessageStartingWith("PolicyRule: verbs on pods/portforward \"get, list, watch\" is invalid");
        assertThatThrownBy(() -> PolicyRule.allow(Verb.CREATE, Verb.DELETE).on(ApiResource.of("", "pods/attach")))
                .hasMessageStartingWith("PolicyRule: verbs on pods/attach \"create, delete\" is invalid");

        assertThat(PolicyRule.allow(Verb.CREATE).on(ApiResource.of("", "pods/exec")).verbs()).containsExactly(Verb.CREATE);
        assertThat(PolicyRule.allow(Verb.GET, Verb.CREATE).on(ApiResource.of("", "pods/exec")).verbs()).containsExactly(Verb.GET, Verb.CREATE);
        assertThat(PolicyRule.allow(Verb.GET).on(ApiResource.POD_LOGS).verbs()).containsExactly(Verb.GET);
    }

    @Test
    void a_role_refuses_a_resource_that_belongs_to_no_namespace() {
        assertThatThrownBy(() -> RoleDef.named("node-reader", PolicyRule.allow(Verb.GET).on(ApiResource.PODS),
                PolicyRule.allow(Verb.GET, Verb.LIST).on(ApiResource.of("", "nodes/proxy"))))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Role node-reader: resource \"nodes/proxy\" is invalid: must belong to a namespace: a Role grants only within its "
                        + "namespace, and nodes belong to none, so the rule would grant nothing. Grant it with a ClusterRoleDef bound by "
                        + "a ClusterRoleBindingDef.");
        assertThatThrownBy(() -> RoleDef.named("admin", PolicyRule.allow(Verb.GET).on(ApiResource.of("rbac.authorization.k8s.io", "clusterroles"))))
                .hasMessageStartingWith("Role admin: resource \"rbac.authorization.k8s.io/clusterroles\" is invalid: must belong to a namespace");
        // A Role may grant its own namespace object, which the API server authorizes within that namespace.
        assertThat(RoleDef.named("ns-reader", PolicyRule.allow(Verb.GET).on(ApiResource.NAMESPACES)).rules()).hasSize(1);
        assertThat(ClusterRoleDef.named("node-reader", PolicyRule.allow(Verb.GET).on(ApiResource.of("", "nodes"))).rules()).hasSize(1);
    }

    @Test
    void rejects_rule_without_verbs() {
        assertThatThrownBy(() -> PolicyRule.allow(Set.of()).on(ApiResource.PODS))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("PolicyRule: no verbs. Allow at least one, e.g. PolicyRule.allow(Verb.GET).");
    }

    @Test
    void rejects_api_group_in_upper_case() {
        assertThatThrownBy(() -> ApiResource.of("Apps", "deployments"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ApiResource: group \"Apps\" is invalid: must be empty (core) or a DNS subdomain. For example \"apps\".");
    }

    @Test
    void rejects_resource_that_is_not_a_lower_case_plural() {
        assertThatThrownBy(() -> ApiResource.of("apps", "Deployments"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ApiResource: resource \"Deployments\" is invalid: must be a lower-case plural, optionally with a subresource. "
                        + "For example \"pods\" or \"pods/log\".");
    }

    @Test
    void a_custom_resource_plural_may_hold_dashes_as_its_definition_may() {
        // Multus's NetworkAttachmentDefinition: a CRD plural is a DNS-1035 label.
        assertThat(ApiResource.of("k8s.cni.cncf.io", "network-attachment-definitions").plural()).isEqualTo("network-attachment-definitions");
        assertThatThrownBy(() -> ApiResource.of("example.com", "widgets-")).hasMessageContaining("must be a lower-case plural");
        assertThatThrownBy(() -> ApiResource.of("example.com", "-widgets")).hasMessageContaining("must be a lower-case plural");
    }

    @Test
    void a_resource_of_a_built_in_group_that_the_group_lacks_is_refused() {
        // Such a rule grants nothing, and the API server says nothing about it.
        assertThatThrownBy(() -> ApiResource.of("", "configmap")).hasMessage("ApiResource: resource \"configmap\" is not a resource of the core "
                + "group: resources are plural, e.g. \"configmaps\". A rule for it would grant nothing.");
        assertThatThrownBy(() -> ApiResource.of("apps", "configmaps")).hasMessage("ApiResource: resource \"apps/configmaps\" is not a resource of "
                + "group apps: \"configmaps\" is in the core group (\"\"). A rule for it would grant nothing.");
        assertThatThrownBy(() -> ApiResource.of("core", "pods")).hasMessageContaining("names no API group: the core group is written \"\"");
        assertThatThrownBy(() -> ApiResource.of("", "ingresses")).hasMessageContaining("\"ingresses\" is in group networking.k8s.io");
        assertThatThrownBy(() -> ApiResource.of("", "ingress")).hasMessageContaining("\"ingresses\" is in group networking.k8s.io");
        assertThatThrownBy(() -> ApiResource.of("networking.k8s.io", "networkpolicy")).hasMessageContaining("plural, e.g. \"networkpolicies\"");
        assertThatThrownBy(() -> ApiResource.of("batch", "tasks")).hasMessageContaining("is not a resource of group batch (cronjobs, jobs)");
        // A subresource stays in the suggestion.
        assertThatThrownBy(() -> ApiResource.of("apps", "deployment/scale")).hasMessageContaining("plural, e.g. \"deployments/scale\"");
        assertThatThrownBy(() -> ApiResource.of("", "deployments/scale")).hasMessageContaining("\"deployments/scale\" is in group apps");
        // A subresource the resource lacks grants nothing either; the group Kubernetes stopped serving, neither.
        assertThatThrownBy(() -> ApiResource.of("", "pods/logs")).hasMessage("ApiResource: resource \"pods/logs\" is not a subresource of pods "
                + "(status, attach, binding, ephemeralcontainers, eviction, exec, log, portforward, proxy, resize). A rule for it would grant nothing.");
        assertThatThrownBy(() -> ApiResource.of("", "configmaps/log")).hasMessageContaining("is not a subresource of configmaps, which has none");
        assertThatThrownBy(() -> ApiResource.of("", "secrets/status")).hasMessageContaining("is not a subresource of secrets, which has none");
        assertThatThrownBy(() -> ApiResource.of("", "serviceaccounts/status")).hasMessageContaining("not a subresource of serviceaccounts (token)");
        assertThat(ApiResource.of("", "pods/status").plural()).isEqualTo("pods/status");
        assertThatThrownBy(() -> ApiResource.of("extensions", "deployments")).hasMessageContaining("which Kubernetes no longer serves (since 1.22)");
        assertThat(ApiResource.of("apps", "deployments/status").plural()).isEqualTo("deployments/status");
        assertThat(ApiResource.of("", "serviceaccounts/token").plural()).isEqualTo("serviceaccounts/token");
        // The kubelet asks the API server about nodes/<subresource> for its own API (Prometheus and metrics-server need
        // nodes/metrics and nodes/stats; configz, healthz and pods are KEP-2862's fine-grained ones, beta in 1.33): QA.
        for (String kubelet : List.of("metrics", "stats", "log", "spec", "proxy", "checkpoint", "configz", "healthz", "pods")) {
            assertThat(ApiResource.of("", "nodes/" + kubelet).plural()).isEqualTo("nodes/" + kubelet);
        }
        // Subresources, and groups that are not built in, are taken as written.
        assertThat(ApiResource.of("", "pods/exec").plural()).isEqualTo("pods/exec");
        assertThat(ApiResource.of("getambassador.io", "mappings").group()).isEqualTo("getambassador.io");
        assertThat(ApiResource.of("apps", "deployments/scale").plural()).isEqualTo("deployments/scale");
    }

    @Test
    void rejects_external_service_account_in_an_invalid_namespace() {
        assertThatThrownBy(() -> ExternalServiceAccount.of("Kube_System", "default"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ExternalServiceAccount: namespace \"Kube_System\" is invalid: must be a DNS-1123 label (lowercase letters, "
                        + "digits and '-', starting and ending with a letter or digit, at most 63 characters). Try \"kube-system\".");
    }

    @Test
    void a_role_binding_refuses_a_cluster_role_of_resources_that_belong_to_no_namespace() {
        ServiceAccountDef robot = ServiceAccountDef.named("robot");
        ClusterRoleDef nodes = ClusterRoleDef.named("node-reader", PolicyRule.allow(Verb.READ_ONLY).on(ApiResource.of("", "nodes")),
                PolicyRule.allow(Verb.GET).on(ApiResource.of("", "persistentvolumes"), ApiResource.of("", "nodes/metrics")));

        assertThatThrownBy(() -> RoleBindingDef.named("node-reader").granting(nodes).to(robot))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("RoleBinding node-reader: role \"ClusterRole node-reader\" grants nothing: a RoleBinding grants a ClusterRole's "
                        + "rules only within its namespace, and every resource of this one (nodes, persistentvolumes) belongs to no namespace. "
                        + "Bind it with ClusterRoleBindingDef.named(\"node-reader\").granting(role).to(...).");
        assertThat(ClusterRoleBindingDef.named("node-reader").granting(nodes).to(robot).role()).isEqualTo(nodes);
        ClusterRoleDef definitions = ClusterRoleDef.named("crd-reader", PolicyRule.allow(Verb.READ_ONLY)
                .on(ApiResource.of("apiextensions.k8s.io", "customresourcedefinitions")));
        assertThatThrownBy(() -> RoleBindingDef.named("crd-reader").granting(definitions).to(robot))
                .hasMessageContaining("every resource of this one (customresourcedefinitions) belongs to no namespace");
        // Its namespace object is granted within the namespace, and a rule of pods beside nodes still grants those.
        assertThat(RoleBindingDef.named("ns").granting(ClusterRoleDef.named("ns-reader", PolicyRule.allow(Verb.GET).on(ApiResource.NAMESPACES)))
                .to(robot).subjects()).hasSize(1);
        assertThat(RoleBindingDef.named("mixed").granting(ClusterRoleDef.named("mixed", PolicyRule.allow(Verb.GET).on(ApiResource.of("", "nodes"),
                ApiResource.PODS))).to(robot).subjects()).hasSize(1);
    }

    @Test
    void binds_a_cluster_role_or_a_role() {
        ServiceAccountDef robot = ServiceAccountDef.named("robot");
        ClusterRoleDef clusterRole = ClusterRoleDef.named("reader", PolicyRule.allow(Verb.READ_ONLY).on(ApiResource.PODS));
        RoleDef role = RoleDef.named("reader", PolicyRule.allow(Verb.READ_ONLY).on(ApiResource.PODS));

        assertThat(RoleBindingDef.named("a").granting(clusterRole).to(robot).role().kind().kind()).isEqualTo("ClusterRole");
        assertThat(RoleBindingDef.named("b").granting(role).to(robot, ExternalServiceAccount.of("default", "default")).subjects())
                .extracting(Subject::name).containsExactly("robot", "default");
    }
}
