package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.HTTP;
import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.IngressPath;
import dev.kforge.dsl.network.IngressRule;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.workload.DeploymentDef;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ingress-nginx writes a snippet annotation's text into the configuration of the controller every namespace shares
 * (CVE-2021-25742): whoever writes an Ingress could read the Secrets of every namespace through it.
 */
class NginxSnippetCheckTest {
    /** What either report says of the annotation, and how to fix it. */
    private static final String RISK = "an ingress-nginx snippet annotation, whose text the controller every namespace shares writes into "
            + "its nginx configuration: whoever writes the Ingress can make it read the Secrets of every namespace (CVE-2021-25742), and "
            + "ingress-nginx 1.9 and later refuse the Ingress unless the platform team allows snippets";
    private static final String FIX = "Use a typed option where the DSL has one (withRewriteTarget, withTls) or ingress-nginx's own "
            + "annotation for the setting, or ask the platform team to set it in the controller's configuration. "
            + "Or waive it with .waive(PolicyCheck.NGINX_SNIPPET, \"<why>\").";

    private final DeploymentDef web = deployment();
    private final ServiceDef service = ServiceDef.named("web").selecting(web).withPort(ServicePort.to(HTTP));
    private final IngressDef shop = IngressDef.named("shop").withIngressClassName("nginx")
            .withRule(IngressRule.host("shop.example.com").withPath(IngressPath.prefix("/", service.backend(ServicePort.to(HTTP)))));

    private List<String> snippetProblems(IngressDef ingress, Policy policy) {
        return report(() -> stack(web, service, ingress).withPolicy(policy)).stream().filter(line -> line.contains("snippet")).toList();
    }

    @Test
    void a_snippet_annotation_is_an_error_under_strict_naming_the_ingress_the_annotation_and_the_fix() {
        IngressDef injected = shop.withAnnotation("nginx.ingress.kubernetes.io/configuration-snippet", "more_set_headers \"X-Shop: 1\";");

        assertThat(snippetProblems(injected, Policy.STRICT)).containsExactly("ERROR prod/Ingress shop: sets " + RISK
                + " (nginx.ingress.kubernetes.io/configuration-snippet). " + FIX);
        assertThat(snippetProblems(injected, Policy.RELAXED)).singleElement().asString()
                .startsWith("WARNING prod/Ingress shop: sets an ingress-nginx snippet annotation");
        assertThat(snippetProblems(injected.waive(PolicyCheck.NGINX_SNIPPET, "our own controller, snippets allowed"), Policy.STRICT)).isEmpty();
    }

    @Test
    void every_snippet_annotation_is_named_and_other_annotations_of_the_controller_pass() {
        IngressDef injected = shop.withAnnotation("nginx.ingress.kubernetes.io/server-snippet", "location /x {}")
                .withAnnotation("nginx.ingress.kubernetes.io/auth-snippet", "proxy_set_header A b;")
                .withAnnotation("nginx.ingress.kubernetes.io/stream-snippet", "server {}")
                .withAnnotation("nginx.ingress.kubernetes.io/modsecurity-snippet", "SecRuleEngine Off")
                .withAnnotation("nginx.ingress.kubernetes.io/proxy-read-timeout", "30");

        assertThat(snippetProblems(injected, Policy.STRICT)).singleElement().asString().contains("(nginx.ingress.kubernetes.io/auth-snippet, "
                + "nginx.ingress.kubernetes.io/modsecurity-snippet, nginx.ingress.kubernetes.io/server-snippet, "
                + "nginx.ingress.kubernetes.io/stream-snippet)");
        assertThat(snippetProblems(shop.withAnnotation("nginx.ingress.kubernetes.io/proxy-read-timeout", "30"), Policy.STRICT)).isEmpty();
    }

    @Test
    void a_snippet_a_raw_edit_adds_is_reported_with_the_policy_severity_and_waived_alike() {
        IngressDef edited = shop.withRawEdit("debug header", ingress -> ingress.getMetadata().getAnnotations()
                .put("nginx.ingress.kubernetes.io/server-snippet", "location /debug { return 200; }"));

        assertThat(snippetProblems(edited, Policy.STRICT)).containsExactly("ERROR prod/Ingress shop: raw edit \"debug header\" set " + RISK
                + " (nginx.ingress.kubernetes.io/server-snippet). " + FIX);
        assertThat(snippetProblems(edited, Policy.RELAXED)).singleElement().asString()
                .startsWith("WARNING prod/Ingress shop: raw edit \"debug header\" set an ingress-nginx snippet annotation");
        assertThat(snippetProblems(edited.waive(PolicyCheck.NGINX_SNIPPET, "our own controller, snippets allowed"), Policy.STRICT)).isEmpty();
    }
}
