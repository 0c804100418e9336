package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.manifest;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.network.InternalTrafficPolicy;
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceRenderingTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final Map<String, String> APP_SELECTOR = Map.of(Labels.NAME, "app", Labels.INSTANCE, "demo-test", Labels.COMPONENT, "api");
    private final DeploymentDef app = DeploymentDef.named("app")
            .running(ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0")).withPort(HTTP))
            .withComponent("api");

    private static ServiceSpec specOf(RenderedEnvironment rendered, String name) {
        return manifest(rendered, Service.class, name).getSpec();
    }

    @Test
    void renders_a_cluster_ip_service_targeting_the_container_port_by_name() {
        ServiceDef service = ServiceDef.named("web").selecting(app).withPort(ServicePort.of(80, HTTP));

        RenderedEnvironment rendered = render(app, service);

        assertThat(file(rendered, "40-service-web.yaml")).endsWith("""
                spec:
                  ports:
                  - name: http
                    port: 80
                    protocol: TCP
                    targetPort: http
                  selector:
                    app.kubernetes.io/component: api
                    app.kubernetes.io/instance: demo-test
                    app.kubernetes.io/name: app
                  type: ClusterIP
                """);
        assertThat(specOf(rendered, "web").getClusterIP()).isNull();
        assertThat(specOf(rendered, "web").getSelector()).isEqualTo(APP_SELECTOR);
    }

    @Test
    void renders_a_headless_service_with_cluster_ip_none() {
        RenderedEnvironment rendered = render(app, ServiceDef.named("web").selecting(app).withType(ServiceType.HEADLESS).withPort(ServicePort.to(HTTP)));

        ServiceSpec spec = specOf(rendered, "web");
        assertThat(spec.getType()).isEqualTo("ClusterIP");
        assertThat(spec.getClusterIP()).isEqualTo("None");
        assertThat(file(rendered, "40-service-web.yaml")).contains("spec:\n  clusterIP: None\n");
    }

    @Test
    void renders_a_node_port_service_with_its_node_port() {
        ServiceDef service = ServiceDef.named("web").selecting(app).withType(ServiceType.NODE_PORT)
                .withPort(ServicePort.of(80, HTTP).withNodePort(30080));

        RenderedEnvironment rendered = render(app, service);

        assertThat(specOf(rendered, "web").getType()).isEqualTo("NodePort");
        assertThat(file(rendered, "40-service-web.yaml")).contains("""
                  ports:
                  - name: http
                    nodePort: 30080
                    port: 80
                    protocol: TCP
                    targetPort: http
                """);
    }

    @Test
    void renders_a_node_port_service_with_local_external_traffic_policy() {
        ServiceDef service = ServiceDef.named("web").selecting(app)
                .withType(ServiceType.nodePort(ServiceType.ExternalTrafficPolicy.LOCAL)).withPort(ServicePort.of(80, HTTP));

        RenderedEnvironment rendered = render(app, service);

        assertThat(file(rendered, "40-service-web.yaml")).contains("spec:\n  externalTrafficPolicy: Local\n  ports:\n")
                .endsWith("    app.kubernetes.io/name: app\n  type: NodePort\n");
        ServiceDef cluster = service.withType(ServiceType.nodePort(ServiceType.ExternalTrafficPolicy.CLUSTER));
        assertThat(file(render(app, cluster), "40-service-web.yaml")).contains("spec:\n  externalTrafficPolicy: Cluster\n");
        assertThat(file(render(app, service.withType(ServiceType.NODE_PORT)), "40-service-web.yaml"))
                .doesNotContain("externalTrafficPolicy").contains("  type: NodePort\n");
    }

    @Test
    void renders_internal_traffic_policy() {
        ServiceDef service = ServiceDef.named("web").selecting(app).withPort(ServicePort.of(80, HTTP));

        assertThat(file(render(app, service.withInternalTrafficPolicy(InternalTrafficPolicy.LOCAL)), "40-service-web.yaml"))
                .contains("spec:\n  internalTrafficPolicy: Local\n  ports:\n");
        assertThat(file(render(app, service.withInternalTrafficPolicy(InternalTrafficPolicy.CLUSTER)), "40-service-web.yaml"))
                .contains("spec:\n  internalTrafficPolicy: Cluster\n  ports:\n");
        assertThat(file(render(app, service), "40-service-web.yaml")).doesNotContain("internalTrafficPolicy");
    }

    @Test
    void renders_a_load_balancer_with_local_external_traffic_policy() {
        ServiceDef service = ServiceDef.named("web").selecting(app)
                .withType(ServiceType.loadBalancer(ServiceType.ExternalTrafficPolicy.LOCAL)).withPort(ServicePort.of(80, HTTP));

        RenderedEnvironment rendered = render(app, service);

        ServiceSpec spec = specOf(rendered, "web");
        assertThat(spec.getType()).isEqualTo("LoadBalancer");
        assertThat(spec.getExternalTrafficPolicy()).isEqualTo("Local");
        assertThat(file(rendered, "40-service-web.yaml")).contains("spec:\n  externalTrafficPolicy: Local\n");
    }

    @Test
    void renders_a_load_balancer_with_cluster_external_traffic_policy() {
        ServiceDef service = ServiceDef.named("web").selecting(app)
                .withType(ServiceType.loadBalancer(ServiceType.ExternalTrafficPolicy.CLUSTER)).withPort(ServicePort.of(80, HTTP));

        assertThat(specOf(render(app, service), "web").getExternalTrafficPolicy()).isEqualTo("Cluster");
    }

    @Test
    void renders_an_external_name_service_without_selector_or_ports() {
        RenderedEnvironment rendered = render(ServiceDef.named("db").externalName("db.example.com"));

        ServiceSpec spec = specOf(rendered, "db");
        assertThat(spec.getSelector()).isNullOrEmpty();
        assertThat(spec.getPorts()).isNullOrEmpty();
        assertThat(file(rendered, "40-service-db.yaml")).endsWith("""
                spec:
                  externalName: db.example.com
                  type: ExternalName
                """);
    }

    @Test
    void renders_external_ips_quoted() {
        ServiceDef service = ServiceDef.named("web").selecting(app).withPort(ServicePort.to(HTTP))
                .withExternalIp("80.11.12.10").withExternalIp("80.11.12.11");

        RenderedEnvironment rendered = render(app, service);

        assertThat(specOf(rendered, "web").getExternalIPs()).containsExactly("80.11.12.10", "80.11.12.11");
        assertThat(file(rendered, "40-service-web.yaml")).contains("  externalIPs:\n  - \"80.11.12.10\"\n  - \"80.11.12.11\"\n");
    }

    @Test
    void targets_external_pods_by_port_number() {
        ServiceDef gateway = ServiceDef.named("ambassador")
                .selecting(PodSelection.ExternalPods.labelled(Labels.of("service", "ambassador"), Port.tcp("http", 8080)))
                .withType(ServiceType.loadBalancer(ServiceType.ExternalTrafficPolicy.LOCAL))
                .withPort(ServicePort.of(80, Port.tcp("http", 8080)));

        RenderedEnvironment rendered = render(gateway);

        ServiceSpec spec = specOf(rendered, "ambassador");
        assertThat(spec.getPorts()).singleElement().satisfies(port -> assertThat(port.getTargetPort()).isEqualTo(new IntOrString(8080)));
        assertThat(spec.getSelector()).isEqualTo(Map.of("service", "ambassador"));
        assertThat(file(rendered, "40-service-ambassador.yaml")).contains("    targetPort: 8080\n");
    }

    @Test
    void renders_udp_ports_with_their_protocol() {
        Port dns = Port.udp("dns", 5353);
        DeploymentDef resolver = DeploymentDef.named("resolver").running(ContainerDef.named("dns").image(Image.of("coredns/coredns", "1.11.1")).withPort(dns));

        RenderedEnvironment rendered = render(resolver, ServiceDef.named("dns").selecting(resolver).withPort(ServicePort.of(53, dns)));

        assertThat(specOf(rendered, "dns").getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getProtocol()).isEqualTo("UDP");
            assertThat(port.getPort()).isEqualTo(53);
            assertThat(port.getTargetPort()).isEqualTo(new IntOrString("dns"));
        });
    }
}
