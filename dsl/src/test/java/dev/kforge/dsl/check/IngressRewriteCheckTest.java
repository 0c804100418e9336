package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.HTTP;
import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.IngressPath;
import dev.kforge.dsl.network.IngressRule;
import dev.kforge.dsl.network.ServiceBackend;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.workload.DeploymentDef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's Ingress (002): rewrite-target "/" on /cart and /payment sends /cart/items to the backend as "/". */
class IngressRewriteCheckTest {
    private final DeploymentDef web = deployment();
    private final ServiceDef cart = ServiceDef.named("cart").selecting(web).withPort(ServicePort.to(HTTP));
    private final ServiceBackend backend = cart.backend(ServicePort.to(HTTP));

    private List<String> rewriteWarnings(IngressRule rule, String target) {
        IngressDef ingress = IngressDef.named("shop").withIngressClassName("nginx").withRule(rule).withRewriteTarget(target);
        return report(() -> stack(web, cart, ingress)).stream().filter(line -> line.contains("rewrite-target")).toList();
    }

    @Test
    void a_constant_target_on_prefix_paths_is_a_warning_naming_every_path_and_the_fix() {
        IngressRule shop = IngressRule.host("shop.example.com").withPath(IngressPath.prefix("/cart", backend))
                .withPath(IngressPath.prefix("/payment", backend));

        assertThat(rewriteWarnings(shop, "/")).containsExactly("WARNING prod/Ingress shop: rewrite-target \"/\" sends every request under a "
                + "path to that one path: ingress-nginx replaces the whole request path, not the matched prefix (a request for /cart/items "
                + "reaches Service cart as /) (/cart Prefix, /payment Prefix). To strip a prefix, capture what follows it and name the group: "
                + "IngressPath.implementationSpecific(\"/cart(/|$)(.*)\", backend) with withRewriteTarget(\"/$2\"). The annotation "
                + "applies to every path of the Ingress: route paths that need another rewrite, or none, from an Ingress of their own.");
    }

    @Test
    void a_target_set_with_with_annotation_is_checked_as_with_rewrite_target_and_a_raw_edit_may_not_set_it() {
        IngressRule shop = IngressRule.host("shop.example.com").withPath(IngressPath.prefix("/cart", backend));
        IngressDef annotated = IngressDef.named("shop").withIngressClassName("nginx").withRule(shop)
                .withAnnotation(IngressDef.REWRITE_TARGET, "/");

        assertThat(report(() -> stack(web, cart, annotated))).filteredOn(line -> line.contains("rewrite-target"))
                .containsExactlyElementsOf(rewriteWarnings(shop, "/")).hasSize(1);
        assertThatThrownBy(() -> IngressDef.named("shop").withAnnotation(IngressDef.REWRITE_TARGET, "cart"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Ingress shop: rewrite-target \"cart\" is invalid: must start with '/'. For example \"/\" or \"/$2\".");
        // So is one the metadata brings along whole
        IngressDef plain = IngressDef.named("shop");
        assertThatThrownBy(() -> plain.withMeta(plain.meta().withAnnotation(IngressDef.REWRITE_TARGET, "cart")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Ingress shop: rewrite-target \"cart\" is invalid: must start with '/'. For example \"/\" or \"/$2\".");

        IngressDef edited = IngressDef.named("shop").withIngressClassName("nginx").withRule(shop)
                .withRawEdit("strip", ingress -> ingress.getMetadata().getAnnotations().put(IngressDef.REWRITE_TARGET, "/"));
        assertThat(report(() -> stack(web, cart, edited))).filteredOn(line -> line.contains("rewrite-target")).containsExactly(
                "ERROR prod/Ingress shop: raw edit \"strip\" changed what the checks read from the definition "
                        + "(metadata.annotations[nginx.ingress.kubernetes.io/rewrite-target]: unset -> /). Set it in the definition instead "
                        + "(withRewriteTarget), where the checks see it.");
        // Another annotation of the controller is the edit's to write.
        assertThat(report(() -> stack(web, cart, IngressDef.named("shop").withIngressClassName("nginx").withRule(shop)
                .withRawEdit("timeout", ingress -> ingress.getMetadata().getAnnotations().put("nginx.ingress.kubernetes.io/proxy-read-timeout", "30")))))
                .noneMatch(line -> line.contains("raw edit"));
    }

    @Test
    void a_constant_target_on_a_regular_expression_path_is_told_by_its_literal_prefix() {
        IngressRule shop = IngressRule.host("shop.example.com")
                .withPath(IngressPath.implementationSpecific("/checkout(/|$)(.*)", backend));

        assertThat(rewriteWarnings(shop, "/")).containsExactly("WARNING prod/Ingress shop: rewrite-target \"/\" sends every request under a "
                + "path to that one path: ingress-nginx replaces the whole request path, not the matched prefix (a request for "
                + "/checkout/items reaches Service cart as /) (/checkout(/|$)(.*) ImplementationSpecific (captures 2)). To strip a prefix, "
                + "capture what follows it and name the group: IngressPath.implementationSpecific(\"/checkout(/|$)(.*)\", "
                + "backend) with withRewriteTarget(\"/$2\"). The annotation applies to every path of the Ingress: route paths that need "
                + "another rewrite, or none, from an Ingress of their own.");
    }

    @Test
    void a_group_the_path_does_not_capture_is_a_warning() {
        IngressRule shop = IngressRule.host("shop.example.com").withPath(IngressPath.prefix("/cart", backend))
                .withPath(IngressPath.implementationSpecific("/payment(/|$)(.*)", backend))
                .withPath(IngressPath.implementationSpecific("/orders/(.*)", backend));

        assertThat(rewriteWarnings(shop, "/$2")).singleElement().asString()
                .startsWith("WARNING prod/Ingress shop: rewrite-target \"/$2\" names capture group $2, which a path does not capture: "
                        + "ingress-nginx writes an empty string for it (a request for /cart/items reaches Service cart as /) "
                        + "(/cart Prefix, /orders/(.*) ImplementationSpecific (captures 1)).");
    }

    @Test
    void captured_groups_and_regular_expressions_ended_by_a_dollar_pass() {
        IngressRule captured = IngressRule.host("shop.example.com")
                .withPath(IngressPath.implementationSpecific("/cart(/|$)(.*)", backend));

        assertThat(rewriteWarnings(captured, "/$2")).isEmpty();
        // The annotation applies to every path of the Ingress: an exact /health next to it loses its path too.
        assertThat(rewriteWarnings(captured.withPath(IngressPath.exact("/health", backend)), "/$2")).singleElement().asString()
                .contains("names capture group $2").contains("(/health Exact)");
        // Under a rewrite ingress-nginx reads every path of the host as a regular expression from its start, an Exact one too:
        // /old-home/items matches /old-home and reaches the Service as /home.
        assertThat(rewriteWarnings(IngressRule.host("shop.example.com").withPath(IngressPath.exact("/old-home", backend)), "/home"))
                .singleElement().asString().contains("(a request for /old-home/items reaches Service cart as /home)")
                .contains("an Exact path too: ingress-nginx reads every path of a host that an Ingress rewrites as a regular expression "
                        + "from its start").contains("(/old-home Exact)");
        // A regular expression of a literal path that '$' ends matches that path only.
        assertThat(rewriteWarnings(IngressRule.host("shop.example.com").withPath(IngressPath.implementationSpecific("/old-home$", backend)),
                "/home")).isEmpty();
        assertThat(rewriteWarnings(IngressRule.host("shop.example.com").withPath(IngressPath.implementationSpecific("/old-[a-z]+$", backend)),
                "/home")).singleElement().asString().contains("(/old-[a-z]+$ ImplementationSpecific)");
        // A group an exact path cannot capture is empty.
        assertThat(rewriteWarnings(IngressRule.host("shop.example.com").withPath(IngressPath.exact("/old", backend)), "/new/$1"))
                .singleElement().asString().contains("names capture group $1").contains("(/old Exact)");
    }

    @Test
    void groups_and_references_are_counted_as_ingress_nginx_reads_them() {
        assertThat(IngressRewriteCheck.highestGroupReference("/")).isZero();
        assertThat(IngressRewriteCheck.highestGroupReference("/static/$1/x/$3")).isEqualTo(3);
        assertThat(IngressRewriteCheck.capturedGroups(IngressPath.implementationSpecific("/a(?:b)(c)(d)", backend))).isEqualTo(2);
        assertThat(IngressRewriteCheck.capturedGroups(IngressPath.prefix("/a", backend))).isZero();
    }
}
