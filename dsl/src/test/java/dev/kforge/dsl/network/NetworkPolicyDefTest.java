package dev.kforge.dsl.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;
import org.junit.jupiter.api.Test;

class NetworkPolicyDefTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private final DeploymentDef web = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")).withPort(HTTP));

    @Test
    void admits_only_ports_the_isolated_pods_declare() {
        assertThatThrownBy(() -> NetworkPolicyDef.named("web").isolating(web).allowingFrom(NetworkPeer.sameNamespace(), Port.tcp("metrics", 9090)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("NetworkPolicy web: ingress port metrics (9090/TCP) is not declared by a container of Deployment web. "
                        + "Admit one of its ports: [http (8080/TCP)].");
    }

    @Test
    void refuses_a_missing_deployment_or_peer_at_the_line_that_leaves_it_out() {
        assertThatThrownBy(() -> NetworkPolicyDef.named("web").isolating(null)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("NetworkPolicy web: the isolated workload is missing. Pass it to isolating(deployment).");
        assertThatThrownBy(() -> NetworkPolicyDef.named("web").isolating(web).allowingFrom(null, HTTP)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("NetworkPolicy allowance: the peer is missing. Pass one, e.g. NetworkPeer.podsOf(deployment).");
        assertThatThrownBy(() -> NetworkPeer.podsOf(null)).isInstanceOf(InvalidDefinitionException.class);
    }

    @Test
    void an_allowance_admits_its_ports_by_number_and_protocol_or_every_port() {
        NetworkPolicyDef policy = NetworkPolicyDef.named("web").isolating(web)
                .allowingFrom(NetworkPeer.podsOf(web), HTTP)
                .allowingFrom(NetworkPeer.namespace("monitoring"));
        assertThat(policy.ingress().get(0).admits(Port.tcp("web", 8080))).isTrue();
        assertThat(policy.ingress().get(0).admits(Port.udp("web", 8080))).isFalse();
        assertThat(policy.ingress().get(0).admits(Port.tcp("other", 9090))).isFalse();
        assertThat(policy.ingress().get(1).admits(Port.tcp("other", 9090))).isTrue();
        assertThat(policy.ingress()).extracting(NetworkPolicyDef.Allowance::describe)
                .containsExactly("pods of Deployment web on 8080/TCP", "pods of namespace monitoring on every port");
    }

    @Test
    void refuses_egress_allowances_while_outgoing_traffic_is_not_isolated() {
        assertThatThrownBy(() -> NetworkPolicyDef.named("web").isolating(web).allowingDns())
                .hasMessage("NetworkPolicy web: egress allowances have no effect while outgoing traffic is not isolated. "
                        + "Call isolatingEgress() first.");
        assertThat(NetworkPolicyDef.named("web").isolating(web).isolatingEgress().allowingDns().egress()).singleElement()
                .extracting(NetworkPolicyDef.Allowance::describe)
                .isEqualTo("pods {k8s-app=kube-dns} of namespace kube-system on 53/UDP, 53/TCP");
    }

    @Test
    void address_ranges_are_checked_as_the_api_server_checks_them() {
        assertThat(NetworkPeer.internet().describe())
                .isEqualTo("addresses 0.0.0.0/0 except 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16");
        assertThat(NetworkPeer.cidr("203.0.113.0/24").except("203.0.113.7/32").except()).containsExactly("203.0.113.7/32");
        assertThatThrownBy(() -> NetworkPeer.cidr("10.0.0.0"))
                .hasMessage("NetworkPeer: cidr \"10.0.0.0\" is not an IPv4 range in CIDR notation. "
                        + "Write it as four numbers and a prefix length, e.g. 10.0.0.0/8 or 203.0.113.7/32.");
        assertThatThrownBy(() -> NetworkPeer.cidr("10.0.0.256/8")).hasMessageContaining("is not an IPv4 range");
        assertThatThrownBy(() -> NetworkPeer.cidr("10.0.0.0/33")).hasMessageContaining("is not an IPv4 range");
        assertThatThrownBy(() -> NetworkPeer.cidr("10.0.0.0/8").except("11.0.0.0/16"))
                .hasMessage("NetworkPeer 10.0.0.0/8: except \"11.0.0.0/16\" is not strictly inside 10.0.0.0/8. "
                        + "The API server refuses an exception that is not a smaller range within it.");
        assertThatThrownBy(() -> NetworkPeer.cidr("10.0.0.0/16").except("10.0.0.0/8")).hasMessageContaining("is not strictly inside 10.0.0.0/16");
        assertThatThrownBy(() -> NetworkPeer.cidr("10.0.0.0/8").except("10.0.0.0/8")).hasMessageContaining("is not strictly inside 10.0.0.0/8");
        assertThatThrownBy(() -> NetworkPeer.cidr("203.0.113.7/32").except("203.0.113.7/32")).hasMessageContaining("is not strictly inside");
        // Canonical forms only: no bits beyond the prefix, no leading zeros.
        assertThatThrownBy(() -> NetworkPeer.cidr("10.1.2.3/8"))
                .hasMessage("NetworkPeer: cidr \"10.1.2.3/8\" sets address bits beyond its /8 prefix. Write the range's first address: 10.0.0.0/8.");
        assertThatThrownBy(() -> NetworkPeer.cidr("010.0.0.0/8")).hasMessageContaining("is not an IPv4 range");
        assertThatThrownBy(() -> NetworkPeer.cidr("10.0.0.0/08")).hasMessageContaining("is not an IPv4 range");
        assertThat(NetworkPeer.cidr("0.0.0.0/0").except("10.0.0.0/8", "203.0.113.7/32").except()).hasSize(2);
        assertThat(NetworkPeer.cidr("192.168.0.0/16").describe()).isEqualTo("addresses 192.168.0.0/16");
        assertThatThrownBy(() -> NetworkPeer.namespace("Ingress_Nginx")).isInstanceOf(InvalidDefinitionException.class);
    }
}
