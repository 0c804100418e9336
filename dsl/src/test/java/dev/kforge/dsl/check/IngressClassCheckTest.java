package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.HTTP;
import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.IngressPath;
import dev.kforge.dsl.network.IngressRule;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.workload.DeploymentDef;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** An Ingress class a typo away from a controller's: no controller serves it, and the Ingress is ignored without a word. */
class IngressClassCheckTest {
    private final DeploymentDef web = deployment();
    private final ServiceDef service = ServiceDef.named("web").selecting(web).withPort(ServicePort.to(HTTP));

    private IngressDef ingress(String name, String host, String className) {
        return IngressDef.named(name).withIngressClassName(className)
                .withRule(IngressRule.host(host).withPath(IngressPath.prefix("/", service.backend(ServicePort.to(HTTP)))));
    }

    private List<String> classWarnings(IngressDef... ingresses) {
        KubeObject<?>[] objects = Stream.concat(Stream.of(service), Stream.of(ingresses)).toArray(KubeObject<?>[]::new);
        return report(() -> stack(web, objects)).stream().filter(line -> line.contains(" has class ")).toList();
    }

    @Test
    void a_class_a_letter_from_a_common_controllers_is_a_warning_naming_it() {
        assertThat(classWarnings(ingress("shop", "shop.example.com", "ngnix"))).containsExactly("WARNING prod/Ingress shop: has class ngnix, "
                + "a letter or two from nginx, ingress-nginx's and NGINX Ingress Controller's class: unless the cluster runs a controller of "
                + "class ngnix, none serves the Ingress, which is ignored without a word, and its hosts get no route (ingressClassName: "
                + "ngnix). Write withIngressClassName(\"nginx\"), if ngnix is not the class of a controller the cluster runs.");
        assertThat(classWarnings(ingress("shop", "shop.example.com", "traefk"))).singleElement().asString()
                .contains("has class traefk, a letter or two from traefik, Traefik's class");
    }

    @Test
    void a_class_a_letter_from_another_ingresss_is_a_warning_too() {
        assertThat(classWarnings(ingress("shop", "shop.example.com", "nginx-internal"), ingress("admin", "admin.example.com", "nginx-interal"))).containsExactly(
                "WARNING prod/Ingress admin: has class nginx-interal, a letter or two from nginx-internal, Ingress shop's class: unless the "
                        + "cluster runs a controller of class nginx-interal, none serves the Ingress, which is ignored without a word, and its "
                        + "hosts get no route (ingressClassName: nginx-interal). Write withIngressClassName(\"nginx-internal\"), if "
                        + "nginx-interal is not the class of a controller the cluster runs.");
    }

    @Test
    void passes_the_common_classes_a_class_of_its_own_and_the_default_class() {
        assertThat(classWarnings(ingress("shop", "shop.example.com", "nginx"), ingress("api", "api.example.com", "alb"),
                ingress("admin", "admin.example.com", "internal-gateway"), ingress("docs", "docs.example.com", "gce-internal"))).isEmpty();
        assertThat(classWarnings(IngressDef.named("shop").withRule(IngressRule.host("shop.example.com")
                .withPath(IngressPath.prefix("/", service.backend(ServicePort.to(HTTP))))))).isEmpty();
    }
}
