package dev.kforge.dsl.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.workload.Port;
import org.junit.jupiter.api.Test;

/** The Emissary 3 Listener: a declared gateway port, its protocol, security model and host binding. */
class EmissaryListenerTest {

    @Test
    void renders_a_listener_on_the_gateways_http_port() {
        EmissaryListener listener = EmissaryListener.named("http").on(GatewayInstallation.HTTP)
                .accepting(EmissaryListener.Protocol.HTTP, EmissaryListener.SecurityModel.XFP)
                .withAmbassadorId(AmbassadorId.of("shop-prod"));

        assertThat(EmissaryMappingTest.render("70-listener-http.yaml", listener)).isEqualTo("""
                apiVersion: getambassador.io/v3alpha1
                kind: Listener
                metadata:
                  name: http
                  namespace: shop-prod
                  labels:
                    app.kubernetes.io/instance: shop-prod
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/part-of: shop
                    kforge.dev/environment: prod
                spec:
                  ambassador_id:
                  - shop-prod
                  hostBinding:
                    namespace:
                      from: SELF
                  port: 8080
                  protocol: HTTP
                  securityModel: XFP
                """);
    }

    @Test
    void host_binding_can_take_every_namespace_and_a_label_selector() {
        EmissaryListener listener = EmissaryListener.named("https").on(GatewayInstallation.HTTPS)
                .accepting(EmissaryListener.Protocol.HTTPS, EmissaryListener.SecurityModel.SECURE)
                .withHostBinding(EmissaryListener.HostBinding.allNamespaces().withHostLabels(Labels.of("exposed", "public")));

        assertThat(EmissaryMappingTest.render("70-listener-https.yaml", listener)).endsWith("""
                spec:
                  hostBinding:
                    namespace:
                      from: ALL
                    selector:
                      matchLabels:
                        exposed: public
                  port: 8443
                  protocol: HTTPS
                  securityModel: SECURE
                """);
    }

    @Test
    void rejects_a_tcp_protocol_on_a_udp_port() {
        Port dns = Port.udp("dns", 5353);

        assertThatThrownBy(() -> EmissaryListener.named("dns").on(dns)
                .accepting(EmissaryListener.Protocol.TCP, EmissaryListener.SecurityModel.INSECURE))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Listener dns: port \"dns (5353/UDP)\" is invalid: must be a TCP port for protocol TCP. "
                        + "Listen on a TCP port the gateway declares.");
    }

    @Test
    void rejects_the_gateways_admin_port() {
        GatewayInstallation gateway = GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, NamespaceDef.named("shop-prod"));

        assertThatThrownBy(() -> EmissaryListener.named("admin").on(gateway.adminPort())
                .accepting(EmissaryListener.Protocol.HTTP, EmissaryListener.SecurityModel.XFP))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Listener admin: port \"admin (8877/TCP)\" is invalid: must not be 8877, the gateway's admin port: Emissary's "
                        + "diagnostics server listens there in the gateway's pod, so Envoy cannot bind it and the Listener never serves. "
                        + "Listen on gateway.httpPort() or gateway.httpsPort().");
    }

    @Test
    void listener_ports_are_port_objects_so_their_range_is_checked_where_they_are_made() {
        assertThatThrownBy(() -> Port.tcp("http", 70000))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Port http: number 70000 is invalid: must be between 1 and 65535.");
    }
}
