package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.onlyProblem;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A custom object (README, Extending) of one of Kubernetes' own API groups: no check reads its body, so a ClusterRoleBinding
 * of cluster-admin to system:unauthenticated, a privileged Pod or a webhook that sees every pod would pass unchecked.
 */
class KubernetesKindCheckTest {
    private static final Kind CLUSTER_ROLE_BINDING = new Kind("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", Scope.CLUSTER, 22,
            Names.Rule.PATH_SEGMENT);
    private static final Kind POD = new Kind("v1", "Pod", Scope.NAMESPACED, 50, Names.Rule.DNS1123_SUBDOMAIN);
    private static final Kind WEBHOOK = new Kind("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", Scope.CLUSTER, 70,
            Names.Rule.DNS1123_SUBDOMAIN);
    private static final Kind INGRESS_CLASS = new Kind("networking.k8s.io/v1", "IngressClass", Scope.CLUSTER, 60, Names.Rule.DNS1123_SUBDOMAIN);
    private static final Kind HTTP_ROUTE = new Kind("gateway.networking.k8s.io/v1", "HTTPRoute", Scope.NAMESPACED, 70, Names.Rule.DNS1123_SUBDOMAIN);

    @Test
    void a_custom_object_of_a_kind_the_library_builds_is_refused_naming_its_builder() {
        Manifest anonymousAdmin = Manifest.of(CLUSTER_ROLE_BINDING, "demo-prod-everyone", Map.of(
                "roleRef", Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name", "cluster-admin"),
                "subjects", List.of(Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "Group", "name", "system:unauthenticated"))));

        assertThat(onlyProblem(() -> stack(deployment(), anonymousAdmin)))
                .isEqualTo("ERROR prod/ClusterRoleBinding demo-prod-everyone: is a custom object of a kind the library builds, so no check "
                        + "reads what it grants or runs (rbac.authorization.k8s.io/v1 ClusterRoleBinding). Build it with ClusterRoleBindingDef "
                        + "(withRawEdit for a field it lacks), whose checks judge it.");
        // Not even with a waiver of the rule that judges the other Kubernetes kinds, which is then told it waives nothing.
        assertThat(report(() -> stack(deployment(), anonymousAdmin.waive(PolicyCheck.KUBERNETES_KIND, "bootstrap"))))
                .anyMatch(line -> line.startsWith("ERROR prod/ClusterRoleBinding demo-prod-everyone: is a custom object of a kind the library builds"))
                .anyMatch(line -> line.startsWith("WARNING prod/ClusterRoleBinding demo-prod-everyone: waives kubernetes-kind, which finds nothing"));
    }

    @Test
    void a_custom_object_of_another_kind_of_kubernetes_is_a_policy_problem_until_waived() {
        Manifest privileged = Manifest.of(POD, "debug", Map.of("spec", Map.of("hostPID", true,
                "containers", List.of(Map.of("name", "shell", "image", "alpine:3.20", "securityContext", Map.of("privileged", true))))));
        Manifest webhook = Manifest.of(WEBHOOK, "demo-prod-inject", Map.of("webhooks", List.of(Map.of("name", "inject.example.com"))));
        Manifest ingressClass = Manifest.of(INGRESS_CLASS, "demo-prod-nginx", Map.of("spec", Map.of("controller", "k8s.io/ingress-nginx")));

        assertThat(onlyProblem(() -> stack(deployment(), privileged)))
                .isEqualTo("ERROR prod/Pod debug: is a custom object of Kubernetes' own API, whose body no check reads: what it grants, "
                        + "runs or admits passes unjudged (v1 Pod). Run pods with the DSL's workloads (DeploymentDef, JobDef...); a kind "
                        + "they lack that grants, runs and admits nothing (an IngressClass, a StorageClass) waives the rule with its reason. "
                        + "Or waive it with .waive(PolicyCheck.KUBERNETES_KIND, \"<why>\").");
        assertThat(onlyProblem(() -> stack(deployment(), webhook)))
                .startsWith("ERROR prod/MutatingWebhookConfiguration demo-prod-inject: is a custom object of Kubernetes' own API")
                .contains("(admissionregistration.k8s.io/v1 MutatingWebhookConfiguration)");
        assertThat(report(() -> stack(deployment(), ingressClass).withPolicy(Policy.RELAXED))).singleElement().asString()
                .startsWith("WARNING prod/IngressClass demo-prod-nginx: is a custom object of Kubernetes' own API");
        assertThat(report(() -> stack(deployment(), ingressClass.waive(PolicyCheck.KUBERNETES_KIND, "the class of our own controller")))).isEmpty();
    }

    @Test
    void a_custom_resource_of_a_k8s_io_named_group_is_not_kubernetes_own() {
        // The Gateway API's groups end in k8s.io, but a CRD serves them: they are custom resources like any other.
        assertThat(report(() -> stack(deployment(), Manifest.of(HTTP_ROUTE, "web", Map.of("spec", Map.of()))))).isEmpty();
    }
}
