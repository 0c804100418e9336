package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.HTTP;
import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.config.SecretDef;
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

/** A host added to an Ingress's rules and forgotten in its TLS: ingress-nginx serves it over plain HTTP, without the redirect. */
class IngressTlsCoverageCheckTest {
    private final DeploymentDef web = deployment();
    private final ServiceDef service = ServiceDef.named("web").selecting(web).withPort(ServicePort.to(HTTP));
    private final SecretDef cert = SecretDef.tls("shop-tls");

    private IngressRule rule(String host, String path) {
        return IngressRule.host(host).withPath(IngressPath.prefix(path, service.backend(ServicePort.to(HTTP))));
    }

    private List<String> tlsWarnings(IngressDef... ingresses) {
        KubeObject<?>[] objects = Stream.concat(Stream.of(service, cert), Stream.of(ingresses)).toArray(KubeObject<?>[]::new);
        return report(() -> stack(web, objects)).stream().filter(line -> line.contains("without TLS")).toList();
    }

    @Test
    void a_rule_host_left_out_of_the_tls_beside_tls_hosts_is_a_warning_naming_it_and_the_fix() {
        IngressDef shop = IngressDef.named("shop").withIngressClassName("nginx").withRule(rule("shop.example.com", "/"))
                .withRule(rule("api.example.com", "/")).withTls(cert, "shop.example.com");

        assertThat(tlsWarnings(shop)).containsExactly("WARNING prod/Ingress shop: serves a host without TLS beside its TLS hosts "
                + "(shop.example.com): ingress-nginx serves it over plain HTTP, without the redirect to HTTPS, and over HTTPS with its default "
                + "certificate, which clients refuse (api.example.com). Add the host to withTls(secret, ...) with a certificate that covers "
                + "it; if plain HTTP is meant, route it from an Ingress without TLS.");
        assertThat(tlsWarnings(shop.withTls(cert, "api.example.com"))).isEmpty();
    }

    @Test
    void tls_for_the_host_in_another_ingress_of_the_class_counts_and_an_ingress_without_tls_is_not_judged() {
        IngressDef secured = IngressDef.named("shop").withIngressClassName("nginx").withRule(rule("shop.example.com", "/"))
                .withRule(rule("api.example.com", "/")).withTls(cert, "shop.example.com");
        IngressDef api = IngressDef.named("api").withIngressClassName("nginx").withRule(rule("api.example.com", "/v2"))
                .withTls(cert, "api.example.com");
        IngressDef plain = IngressDef.named("plain").withIngressClassName("nginx").withRule(rule("status.example.com", "/"));

        assertThat(tlsWarnings(secured, api, plain)).isEmpty();
        assertThat(tlsWarnings(secured, api.withIngressClassName("traefik"))).singleElement().asString()
                .startsWith("WARNING prod/Ingress shop: serves a host without TLS");
    }
}
