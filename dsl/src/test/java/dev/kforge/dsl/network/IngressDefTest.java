package dev.kforge.dsl.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;
import org.junit.jupiter.api.Test;

class IngressDefTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final ServicePort WEB = ServicePort.of(80, HTTP);
    private final ServiceDef service = ServiceDef.named("web")
            .selecting(DeploymentDef.named("app").running(ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0")).withPort(HTTP)))
            .withPort(WEB);
    private final IngressRule rule = IngressRule.host("app.example.com").withPath(IngressPath.prefix("/", service.backend(WEB)));
    private final IngressDef ingress = IngressDef.named("web").withRule(rule);

    @Test
    void rejects_tls_secret_that_is_not_a_tls_secret() {
        SecretDef opaque = SecretDef.opaque("cert", "CERT");

        assertThatThrownBy(() -> ingress.withTls(opaque, "app.example.com"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("IngressTls: secret \"cert\" is invalid: must be a kubernetes.io/tls Secret, not Opaque. Declare it with SecretDef.tls(\"cert\").");
    }

    @Test
    void rejects_tls_host_without_rule() {
        assertThatThrownBy(() -> ingress.withTls(SecretDef.tls("cert"), "other.example.com"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Ingress web: tls host \"other.example.com\" has no rule. Add the rule first, or fix the host name.");
    }

    @Test
    void a_wildcard_tls_host_for_rules_of_named_hosts_is_refused_naming_them() {
        // Kubernetes: "hosts in the tls section need to explicitly match the host in the rules section"; a wildcard certificate may serve them.
        IngressDef two = ingress.withRule(IngressRule.host("api.example.com").withPath(IngressPath.prefix("/", service.backend(WEB))));

        assertThatThrownBy(() -> two.withTls(SecretDef.tls("wildcard"), "*.example.com"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Ingress web: tls host \"*.example.com\" has no rule. A TLS host names a rule's host, whatever names the "
                        + "certificate covers: write withTls(secret, \"app.example.com\", \"api.example.com\").");
    }

    @Test
    void rejects_tls_without_hosts() {
        assertThatThrownBy(() -> ingress.withTls(SecretDef.tls("cert")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("IngressTls: no hosts. Name the hosts the certificate covers.");
    }

    @Test
    void rejects_a_second_rule_for_the_same_host() {
        assertThatThrownBy(() -> ingress.withRule(IngressRule.host("app.example.com").withPath(IngressPath.exact("/x", service.backend(WEB)))))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Ingress web: rule for host \"app.example.com\" is defined twice. Put all paths of a host in one rule.");
    }

    @Test
    void rejects_rule_without_paths() {
        assertThatThrownBy(() -> ingress.withRule(IngressRule.host("empty.example.com")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Ingress web: rule for host \"empty.example.com\" has no paths. "
                        + "Add one with withPath(IngressPath.prefix(\"/\", service.backend(port))).");
    }

    @Test
    void an_empty_host_points_at_any_host_and_any_host_has_one_rule() {
        assertThatThrownBy(() -> IngressRule.host(""))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("IngressRule: host \"\" is invalid: must be a DNS name. For example \"tgr.example.com\", "
                        + "or IngressRule.anyHost() for every host.");
        IngressDef catchAll = IngressDef.named("all").withRule(IngressRule.anyHost().withPath(IngressPath.prefix("/", service.backend(WEB))));
        assertThatThrownBy(() -> catchAll.withRule(IngressRule.anyHost().withPath(IngressPath.prefix("/x", service.backend(WEB)))))
                .hasMessage("Ingress all: rule for host \"any host\" is defined twice. Put all paths of a host in one rule.");
    }

    @Test
    void rejects_host_with_a_port() {
        assertThatThrownBy(() -> IngressRule.host("app.example.com:443"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("IngressRule: host \"app.example.com:443\" is invalid: must be a lower-case DNS name, optionally starting with \"*.\" "
                        + "(no IP address, no port). For example \"tgr.example.com\".");
    }

    @Test
    void an_upper_case_host_is_refused_with_its_lower_case_form() {
        assertThatThrownBy(() -> IngressRule.host("Notifier.Example.com"))
                .hasMessage("IngressRule: host \"Notifier.Example.com\" is invalid: must be a lower-case DNS name, optionally starting with \"*.\" "
                        + "(no IP address, no port). Try \"notifier.example.com\".");
    }

    @Test
    void rejects_path_without_leading_slash() {
        assertThatThrownBy(() -> IngressPath.prefix("api", service.backend(WEB)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("IngressPath: path \"api\" is invalid: must start with '/'. Try \"/api\".");
        assertThatThrownBy(() -> IngressPath.prefix("https://shop.example.com/cart", service.backend(WEB)))
                .hasMessage("IngressPath: path \"https://shop.example.com/cart\" is invalid: must start with '/'. "
                        + "Give the path alone, without scheme and host: \"/cart\".");
        assertThatThrownBy(() -> IngressPath.prefix(null, service.backend(WEB)))
                .hasMessage("IngressPath: path null is invalid: must start with '/'. For example \"/\" or \"/api\".");
    }

    @Test
    void rejects_a_wildcard_or_a_query_in_a_prefix_or_exact_path() {
        assertThatThrownBy(() -> IngressPath.prefix("/api/*", service.backend(WEB)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("IngressPath: path \"/api/*\" is invalid: must be a plain URL path for pathType Prefix, where '*' matches only "
                        + "itself. A Prefix path matches every path under it already: write \"/api\".");
        assertThatThrownBy(() -> IngressPath.exact("/search?q=1", service.backend(WEB)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("IngressPath: path \"/search?q=1\" is invalid: must be a plain URL path for pathType Exact, without a query: "
                        + "a query string is not part of the path matched. Write \"/search\".");
        assertThatThrownBy(() -> IngressPath.prefix("/*", service.backend(WEB))).hasMessageEndingWith("write \"/\".");
        assertThatThrownBy(() -> IngressPath.prefix("/files/*.png", service.backend(WEB)))
                .hasMessage("IngressPath: path \"/files/*.png\" is invalid: must be a plain URL path for pathType Prefix, where '*' matches "
                        + "only itself. Use PathType.IMPLEMENTATION_SPECIFIC for the controller's patterns (ingress-nginx: a regular expression).");
    }

    @Test
    void rejects_regular_expression_in_a_prefix_path() {
        assertThatThrownBy(() -> IngressPath.prefix("/api/[a-z]+", service.backend(WEB)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("IngressPath: path \"/api/[a-z]+\" is invalid: must be a plain URL path for pathType Prefix. "
                        + "Use PathType.IMPLEMENTATION_SPECIFIC for regular expressions.");
    }

    @Test
    void rejects_the_same_path_twice_in_a_rule() {
        assertThatThrownBy(() -> rule.withPath(IngressPath.prefix("/", service.backend(WEB))))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("IngressRule app.example.com: path \"/\" is routed twice. Keep one backend per path.");
    }

    @Test
    void rejects_rewrite_target_without_leading_slash() {
        assertThatThrownBy(() -> ingress.withRewriteTarget("$2"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Ingress web: rewrite-target \"$2\" is invalid: must start with '/'. For example \"/\" or \"/$2\".");
    }

    @Test
    void lists_every_backend_including_the_default() {
        IngressDef withDefault = ingress.withDefaultBackend(service.backend(WEB));

        assertThat(withDefault.backends()).hasSize(2).allSatisfy(backend -> assertThat(backend.address()).isEqualTo("web:80"));
    }
}
