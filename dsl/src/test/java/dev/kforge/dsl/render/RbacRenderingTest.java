package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.manifest;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.rbac.ApiResource;
import dev.kforge.dsl.rbac.ClusterRoleBindingDef;
import dev.kforge.dsl.rbac.ClusterRoleDef;
import dev.kforge.dsl.rbac.ExternalServiceAccount;
import dev.kforge.dsl.rbac.PolicyRule;
import dev.kforge.dsl.rbac.RoleBindingDef;
import dev.kforge.dsl.rbac.RoleDef;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.rbac.Verb;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import org.junit.jupiter.api.Test;

class RbacRenderingTest {
    private final ServiceAccountDef robot = ServiceAccountDef.named("robot");

    @Test
    void renders_a_rule_mixing_api_groups_as_one_rule_per_group() {
        RoleDef role = RoleDef.named("deployer", PolicyRule.allow(Verb.GET, Verb.LIST).on(ApiResource.PODS, ApiResource.DEPLOYMENTS, ApiResource.POD_LOGS));

        RenderedEnvironment rendered = render(role);

        assertThat(file(rendered, "21-role-deployer.yaml")).endsWith("""
                rules:
                - apiGroups:
                  - ""
                  resources:
                  - pods
                  - pods/log
                  verbs:
                  - get
                  - list
                - apiGroups:
                  - apps
                  resources:
                  - deployments
                  verbs:
                  - get
                  - list
                """);
        assertThat(manifest(rendered, Role.class, "deployer").getRules()).hasSize(2)
                .allSatisfy(rule -> assertThat(rule.getApiGroups()).hasSize(1));
    }

    @Test
    void renders_a_cluster_role_with_resource_names_and_without_namespace() {
        ClusterRoleDef reader = ClusterRoleDef.named("demo-test-ns-reader",
                PolicyRule.allow(Verb.READ_ONLY).on(ApiResource.NAMESPACES).onlyNamed("demo-test"));

        RenderedEnvironment rendered = render(reader);

        ClusterRole role = manifest(rendered, ClusterRole.class, "demo-test-ns-reader");
        assertThat(role.getMetadata().getNamespace()).isNull();
        assertThat(role.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getResourceNames()).containsExactly("demo-test");
            assertThat(rule.getVerbs()).containsExactly("get", "list", "watch");
        });
        assertThat(file(rendered, "21-clusterrole-demo-test-ns-reader.yaml")).doesNotContain("namespace:");
    }

    @Test
    void renders_a_role_binding_of_a_cluster_role_with_local_and_external_subjects() {
        ClusterRoleDef podsList = ClusterRoleDef.named("demo-test-pods-list", PolicyRule.allow(Verb.LIST).on(ApiResource.PODS));
        RoleBindingDef binding = RoleBindingDef.named("pods-list").granting(podsList)
                .to(robot, ExternalServiceAccount.of("monitoring", "prometheus"));

        RenderedEnvironment rendered = render(robot, podsList, binding);

        RoleBinding rendered2 = manifest(rendered, RoleBinding.class, "pods-list");
        assertThat(rendered2.getMetadata().getNamespace()).isEqualTo("demo-test");
        assertThat(rendered2.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(rendered2.getSubjects()).extracting(Subject::getNamespace).containsExactly("demo-test", "monitoring");
        assertThat(file(rendered, "22-rolebinding-pods-list.yaml")).endsWith("""
                roleRef:
                  kind: ClusterRole
                  name: demo-test-pods-list
                  apiGroup: rbac.authorization.k8s.io
                subjects:
                - kind: ServiceAccount
                  name: robot
                  namespace: demo-test
                - kind: ServiceAccount
                  name: prometheus
                  namespace: monitoring
                """);
    }

    @Test
    void renders_a_role_binding_of_a_role() {
        RoleDef role = RoleDef.named("pods-reader", PolicyRule.allow(Verb.READ_ONLY).on(ApiResource.PODS));

        RoleBinding binding = manifest(render(robot, role, RoleBindingDef.named("read-pods").granting(role).to(robot)), RoleBinding.class, "read-pods");

        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo("pods-reader");
        assertThat(binding.getRoleRef().getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
    }

    @Test
    void renders_a_cluster_role_binding_without_namespace_and_with_namespaced_subjects() {
        ClusterRoleDef reader = ClusterRoleDef.named("demo-test-reader", PolicyRule.allow(Verb.LIST).on(ApiResource.NAMESPACES));
        ClusterRoleBindingDef binding = ClusterRoleBindingDef.named("demo-test-reader").granting(reader).to(robot);

        RenderedEnvironment rendered = render(robot, reader, binding);

        ClusterRoleBinding object = manifest(rendered, ClusterRoleBinding.class, "demo-test-reader");
        assertThat(object.getMetadata().getNamespace()).isNull();
        assertThat(object.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getName()).isEqualTo("robot");
            assertThat(subject.getNamespace()).isEqualTo("demo-test");
        });
        assertThat(file(rendered, "22-clusterrolebinding-demo-test-reader.yaml")).startsWith("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata:
                  name: demo-test-reader
                  labels:
                """);
    }

    @Test
    void renders_service_accounts_without_an_automounted_token() {
        RenderedEnvironment rendered = render(robot);

        assertThat(manifest(rendered, ServiceAccount.class, "robot").getAutomountServiceAccountToken()).isFalse();
        assertThat(file(rendered, "20-serviceaccount-robot.yaml")).isEqualTo("""
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: robot
                  namespace: demo-test
                  labels:
                    app.kubernetes.io/instance: demo-test
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/part-of: demo
                    kforge.dev/environment: test
                automountServiceAccountToken: false
                """);
    }
}
