package dev.kforge.dsl.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.rbac.ClusterRoleDef;
import dev.kforge.dsl.rbac.PolicyRule;
import dev.kforge.dsl.rbac.RoleDef;
import dev.kforge.dsl.rbac.ApiResource;
import dev.kforge.dsl.rbac.Verb;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import org.junit.jupiter.api.Test;

/** Object names follow the API server's rule for their kind, checked where the name is given. */
class NamesTest {
    static final String DNS1123_LABEL = "a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)";
    static final String DNS1035_LABEL = "a DNS-1035 label (lowercase letters, digits and '-', starting with a letter, ending with a letter or digit, at most 63 characters)";
    static final String DNS1123_SUBDOMAIN = "a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)";
    static final String PATH_SEGMENT = "a path segment name (no '/' or '%', not \".\" or \"..\", at most 253 characters)";

    private static final PolicyRule LIST_PODS = PolicyRule.allow(Verb.LIST).on(ApiResource.PODS);

    @Test
    void accepts_exactly_the_host_names_the_kubernetes_pattern_accepts() {
        // The pattern IngressRule and EmissaryMapping used before the hand-written rule.
        java.util.regex.Pattern hostPattern = java.util.regex.Pattern.compile(
                "(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
        java.util.List<String> hosts = new java.util.ArrayList<>(java.util.List.of("tgr.example.com", "*.example.com", "a", "a-b.c", "1.2.3.4",
                "", "*", "*.", "**.a", "*.*.a", "a.*.b", "Tgr.example.com", "tgr.example.com:80", "tgr.example.com.", ".a", "-a.com", "a-.com",
                "a..b", "a.-b", "a_b", "x".repeat(253), "x".repeat(254), "*." + "x".repeat(251), "a b", "é.com"));
        java.util.Random random = new java.util.Random(7);
        String alphabet = "ab0-.*:A_";
        for (int i = 0; i < 5000; i++) {
            StringBuilder host = new StringBuilder();
            for (int length = random.nextInt(8); length > 0; length--) {
                host.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            hosts.add(host.toString());
        }

        for (String host : hosts) {
            boolean expected = host.length() <= 253 && hostPattern.matcher(host).matches();
            assertThat(Names.isHostname(host)).as("\"%s\"", host).isEqualTo(expected);
        }
        assertThat(Names.isHostname(null)).isFalse();
    }

    @Test
    void accepts_a_dns_1123_subdomain_for_a_deployment_and_a_config_map() {
        assertThat(ConfigMapDef.named("tgr.config-v1").name()).isEqualTo("tgr.config-v1");
        assertThat(DeploymentDef.named("tgr.api").meta().name()).isEqualTo("tgr.api");
    }

    @Test
    void rejects_deployment_whose_name_has_upper_case_letters() {
        assertThatThrownBy(() -> DeploymentDef.named("Tgr"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment: name \"Tgr\" is invalid: must be " + DNS1123_SUBDOMAIN + ". Try \"tgr\".");
    }

    @Test
    void rejects_config_map_whose_name_is_missing() {
        assertThatThrownBy(() -> ConfigMapDef.named(null))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ConfigMap: name is missing. It must be " + DNS1123_SUBDOMAIN + ".");
    }

    @Test
    void rejects_config_map_whose_name_is_longer_than_253() {
        String name = "a".repeat(254);

        assertThatThrownBy(() -> ConfigMapDef.named(name))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ConfigMap: name \"" + name + "\" is invalid: must be " + DNS1123_SUBDOMAIN + ". Try \"" + "a".repeat(253) + "\".");
    }

    @Test
    void rejects_namespace_whose_name_has_a_dot() {
        assertThatThrownBy(() -> NamespaceDef.named("tgr.dev"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Namespace: name \"tgr.dev\" is invalid: must be " + DNS1123_LABEL + ". Try \"tgr-dev\".");
    }

    @Test
    void rejects_namespace_whose_name_is_longer_than_63() {
        String name = "a".repeat(64);

        assertThatThrownBy(() -> NamespaceDef.named(name))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Namespace: name \"" + name + "\" is invalid: must be " + DNS1123_LABEL + ". Try \"" + "a".repeat(63) + "\".");
    }

    @Test
    void accepts_a_namespace_name_of_exactly_63() {
        assertThat(NamespaceDef.named("a".repeat(63)).name()).hasSize(63);
    }

    @Test
    void rejects_service_whose_name_starts_with_a_digit() {
        assertThatThrownBy(() -> ServiceDef.named("1tgr"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service: name \"1tgr\" is invalid: must be " + DNS1035_LABEL + ". Try \"s-1tgr\".");
    }

    @Test
    void rejects_service_whose_name_has_a_dot_although_a_deployment_may() {
        assertThat(DeploymentDef.named("tgr.api").meta().name()).isEqualTo("tgr.api");

        assertThatThrownBy(() -> ServiceDef.named("tgr.api"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service: name \"tgr.api\" is invalid: must be " + DNS1035_LABEL + ". Try \"tgr-api\".");
    }

    @Test
    void rejects_service_whose_name_ends_with_a_dash() {
        assertThatThrownBy(() -> ServiceDef.named("tgr-"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service: name \"tgr-\" is invalid: must be " + DNS1035_LABEL + ". Try \"tgr\".");
    }

    @Test
    void rejects_container_whose_name_has_an_underscore() {
        assertThatThrownBy(() -> ContainerDef.named("my_container"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Container: name \"my_container\" is invalid: must be " + DNS1123_LABEL + ". Try \"my-container\".");
    }

    @Test
    void accepts_any_path_segment_for_rbac_objects() {
        assertThat(ClusterRoleDef.named("demo:pods-reader", LIST_PODS).name()).isEqualTo("demo:pods-reader");
        assertThat(RoleDef.named("Pods Reader", LIST_PODS).name()).isEqualTo("Pods Reader");
    }

    @Test
    void rejects_role_whose_name_has_a_slash() {
        assertThatThrownBy(() -> RoleDef.named("pods/reader", LIST_PODS))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Role: name \"pods/reader\" is invalid: must be " + PATH_SEGMENT + ". Try \"pods-reader\".");
    }

    @Test
    void rejects_cluster_role_named_dot_dot() {
        assertThatThrownBy(() -> ClusterRoleDef.named("..", LIST_PODS))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ClusterRole: name \"..\" is invalid: must be " + PATH_SEGMENT + ".");
    }

    @Test
    void rejects_stack_whose_environment_is_not_a_dns_label() {
        assertThatThrownBy(() -> Stack.named("tgr").environment("Prod"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Stack tgr: environment \"Prod\" is invalid: must be " + DNS1123_LABEL + ". Try \"prod\".");
    }

    @Test
    void rejects_a_second_namespace_in_a_stack() {
        Stack stack = Stack.named("tgr").environment("dev").namespace(NamespaceDef.named("tgr-dev"));

        assertThatThrownBy(() -> stack.with(NamespaceDef.named("other")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Stack tgr: object \"Namespace other\" is a second namespace. "
                        + "A stack has one namespace; define another stack for another namespace.");
    }
}
