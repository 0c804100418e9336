package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.manifest;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.IngressPath;
import dev.kforge.dsl.network.IngressRule;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.api.Test;

class IngressRenderingTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final Port ADMIN = Port.tcp("admin", 9000);
    private static final ServicePort WEB = ServicePort.of(80, HTTP);
    private static final ServicePort CONSOLE = ServicePort.of(81, ADMIN);
    private final DeploymentDef app = DeploymentDef.named("app")
            .running(ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0")).withPort(HTTP).withPort(ADMIN));
    private final ServiceDef service = ServiceDef.named("web").selecting(app).withPort(WEB).withPort(CONSOLE);

    @Test
    void renders_class_rules_paths_tls_rewrite_and_default_backend() {
        SecretDef certificate = SecretDef.tls("web-tls");
        IngressDef ingress = IngressDef.named("web")
                .withIngressClassName("nginx")
                .withRule(IngressRule.host("app.example.com")
                        .withPath(IngressPath.prefix("/", service.backend(WEB)))
                        .withPath(IngressPath.exact("/admin", service.backend(CONSOLE))))
                .withTls(certificate, "app.example.com")
                .withRewriteTarget("/")
                .withDefaultBackend(service.backend(WEB));

        RenderedEnvironment rendered = render(app, service, certificate, ingress);

        assertThat(file(rendered, "60-ingress-web.yaml")).isEqualTo("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: web
                  namespace: demo-test
                  annotations:
                    nginx.ingress.kubernetes.io/rewrite-target: /
                  labels:
                    app.kubernetes.io/instance: demo-test
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/name: app
                    app.kubernetes.io/part-of: demo
                    kforge.dev/environment: test
                spec:
                  defaultBackend:
                    service:
                      name: web
                      port:
                        name: http
                  ingressClassName: nginx
                  rules:
                  - host: app.example.com
                    http:
                      paths:
                      - backend:
                          service:
                            name: web
                            port:
                              name: http
                        path: /
                        pathType: Prefix
                      - backend:
                          service:
                            name: web
                            port:
                              name: admin
                        path: /admin
                        pathType: Exact
                  tls:
                  - hosts:
                    - app.example.com
                    secretName: web-tls
                """);
    }

    @Test
    void leaves_class_tls_and_default_backend_out_when_not_given() {
        IngressDef ingress = IngressDef.named("web").withRule(IngressRule.host("*.example.com").withPath(IngressPath.prefix("/", service.backend(WEB))));

        Ingress rendered = manifest(render(app, service, ingress), Ingress.class, "web");

        assertThat(rendered.getSpec().getIngressClassName()).isNull();
        assertThat(rendered.getSpec().getTls()).isNullOrEmpty();
        assertThat(rendered.getSpec().getDefaultBackend()).isNull();
        assertThat(rendered.getSpec().getRules()).singleElement().satisfies(rule -> assertThat(rule.getHost()).isEqualTo("*.example.com"));
        assertThat(rendered.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void a_service_port_whose_name_an_ingress_cannot_give_is_routed_to_by_number() {
        // A Service port may have any DNS-1123 label as its name; an Ingress backend names only IANA service names (15 characters).
        ServicePort longName = ServicePort.of(80, HTTP).named("notifier-http-api");
        ServiceDef named = ServiceDef.named("web").selecting(app).withPort(longName);
        IngressDef ingress = IngressDef.named("web").withRule(IngressRule.anyHost().withPath(IngressPath.prefix("/", named.backend(longName))));

        Ingress rendered = manifest(render(app, named, ingress), Ingress.class, "web");

        assertThat(rendered.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getPort())
                .satisfies(port -> {
                    assertThat(port.getNumber()).isEqualTo(80);
                    assertThat(port.getName()).isNull();
                });
        assertThat(manifest(render(app, service, IngressDef.named("web").withRule(IngressRule.anyHost()
                .withPath(IngressPath.prefix("/", service.backend(WEB))))), Ingress.class, "web")
                .getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getPort().getName()).isEqualTo("http");
    }

    @Test
    void a_rule_for_any_host_has_no_host_field() {
        IngressDef ingress = IngressDef.named("web").withRule(IngressRule.anyHost().withPath(IngressPath.prefix("/", service.backend(WEB))));

        assertThat(file(render(app, service, ingress), "60-ingress-web.yaml")).contains("""
                spec:
                  rules:
                  - http:
                      paths:
                      - backend:
                """);
        assertThat(manifest(render(app, service, ingress), Ingress.class, "web").getSpec().getRules().get(0).getHost()).isNull();
    }

    @Test
    void labels_an_ingress_as_its_workload_only_when_every_backend_reaches_that_one_workload() {
        DeploymentDef other = DeploymentDef.named("other").running(ContainerDef.named("other").image(Image.of("example/other", "1.0.0"))
                .withPort(HTTP)).withComponent("api");
        ServiceDef otherService = ServiceDef.named("other").selecting(other).withPort(WEB);
        IngressDef both = IngressDef.named("web").withRule(IngressRule.host("app.example.com")
                .withPath(IngressPath.prefix("/", service.backend(WEB)))
                .withPath(IngressPath.prefix("/other", otherService.backend(WEB))));
        assertThat(file(render(app, service, other, otherService, both), "60-ingress-web.yaml")).doesNotContain("app.kubernetes.io/name");
        IngressDef onlyOther = IngressDef.named("web").withRule(IngressRule.host("app.example.com")
                .withPath(IngressPath.prefix("/", otherService.backend(WEB))));
        assertThat(file(render(other, otherService, onlyOther), "60-ingress-web.yaml"))
                .contains("    app.kubernetes.io/component: api\n", "    app.kubernetes.io/name: other\n");
    }
}
