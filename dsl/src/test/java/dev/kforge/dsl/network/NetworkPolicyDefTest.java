package dev.kforge.dsl.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.Protocol;
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
    void a_port_range_holds_numbers_from_1_to_65535_lowest_first() {
        assertThat(PortRange.tcp(30000, 32767)).hasToString("30000-32767/TCP");
        assertThat(PortRange.udp(10000, 20000).protocol()).isEqualTo(Protocol.UDP);
        assertThatThrownBy(() -> PortRange.tcp(0, 100)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("PortRange 0-100/TCP: first 0 is invalid: must be between 1 and 65535. "
                        + "Give the range's lowest port, e.g. PortRange.tcp(30000, 32767).");
        assertThatThrownBy(() -> PortRange.udp(10000, 70000))
                .hasMessage("PortRange 10000-70000/UDP: last 70000 is invalid: must be between 1 and 65535. "
                        + "Give the range's highest port, e.g. PortRange.udp(10000, 20000).");
        assertThatThrownBy(() -> PortRange.tcp(32767, 30000))
                .hasMessage("PortRange 32767-30000/TCP: last 30000 is invalid: must be greater than first (32767). "
                        + "Write the lowest port first: PortRange.tcp(30000, 32767).");
        assertThatThrownBy(() -> PortRange.tcp(8080, 8080))
                .hasMessage("PortRange 8080-8080/TCP: last 8080 is invalid: must be greater than first (8080). "
                        + "For a single port, pass a Port: allowingFrom(peer, Port.tcp(\"<name>\", 8080)).");
        assertThatThrownBy(() -> new PortRange(1, 2, null))
                .hasMessage("PortRange 1-2: protocol is missing. Use PortRange.tcp(1, 2), PortRange.udp(1, 2) or PortRange.sctp(1, 2).");
        // The hints name factories that exist for every protocol.
        assertThatThrownBy(() -> PortRange.sctp(3900, 3868))
                .hasMessage("PortRange 3900-3868/SCTP: last 3868 is invalid: must be greater than first (3900). "
                        + "Write the lowest port first: PortRange.sctp(3868, 3900).");
        assertThatThrownBy(() -> PortRange.sctp(3868, 3868))
                .hasMessage("PortRange 3868-3868/SCTP: last 3868 is invalid: must be greater than first (3868). "
                        + "For a single port, pass a Port: allowingFrom(peer, Port.sctp(\"<name>\", 3868)).");
        assertThat(Port.sctp("diameter", 3868).protocol()).isEqualTo(Protocol.SCTP);
        assertThat(PortRange.sctp(3868, 3900).protocol()).isEqualTo(Protocol.SCTP);
    }

    @Test
    void a_range_admits_every_port_in_it_of_its_protocol() {
        NetworkPolicyDef policy = NetworkPolicyDef.named("web").isolating(web).isolatingEgress()
                .allowingTo(NetworkPeer.cidr("203.0.113.0/24"), PortRange.tcp(30000, 32767));
        NetworkPolicyDef.Allowance nodePorts = policy.egress().get(0);
        assertThat(nodePorts.admits(Port.tcp("first", 30000))).isTrue();
        assertThat(nodePorts.admits(Port.tcp("last", 32767))).isTrue();
        assertThat(nodePorts.admits(Port.tcp("above", 32768))).isFalse();
        assertThat(nodePorts.admits(Port.tcp("below", 29999))).isFalse();
        assertThat(nodePorts.admits(Port.udp("udp", 31000))).isFalse();
        assertThat(nodePorts.describe()).isEqualTo("addresses 203.0.113.0/24 on 30000-32767/TCP");
    }

    @Test
    void an_ingress_range_must_hold_a_port_the_isolated_pods_declare() {
        // As with a single port: a range of the isolated pods holding none of their ports admits nothing they are known to listen on,
        // most often the wrong protocol or a range meant for another workload.
        assertThatThrownBy(() -> NetworkPolicyDef.named("web").isolating(web).allowingFrom(NetworkPeer.sameNamespace(), PortRange.udp(8000, 9000)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("NetworkPolicy web: ingress range 8000-9000/UDP holds no port a container of Deployment web declares. "
                        + "Admit a range holding one of its ports: [http (8080/TCP)], or declare a port of the range on its container.");
        assertThat(NetworkPolicyDef.named("web").isolating(web).allowingFrom(NetworkPeer.sameNamespace(), PortRange.tcp(8000, 9000)).ingress())
                .singleElement().extracting(NetworkPolicyDef.Allowance::describe).isEqualTo("pods of the namespace on 8000-9000/TCP");
    }

    @Test
    void refuses_anyone_on_every_port_which_isolates_nothing() {
        assertThatThrownBy(() -> NetworkPolicyDef.named("web").isolating(web).allowingFrom(NetworkPeer.anyone()))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("NetworkPolicy web: ingress peer anyone on every port admits every connection, so the policy isolates nothing. "
                        + "Name the ports anyone may reach, e.g. allowingFrom(NetworkPeer.anyone(), http), or leave the pods without a policy.");
        assertThatThrownBy(() -> NetworkPolicyDef.named("web").isolating(web).isolatingEgress().allowingTo(NetworkPeer.anyone()))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("NetworkPolicy web: egress peer anyone on every port admits every connection, so outgoing traffic is not "
                        + "isolated. Name the ports the pods may send to, e.g. allowingTo(NetworkPeer.anyone(), Port.tcp(\"https\", 443)), "
                        + "or leave out isolatingEgress().");
        assertThat(NetworkPolicyDef.named("web").isolating(web).allowingFrom(NetworkPeer.anyone(), HTTP).ingress()).singleElement()
                .extracting(NetworkPolicyDef.Allowance::describe).isEqualTo("anyone on 8080/TCP");
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
                .hasMessage("NetworkPeer: cidr \"10.0.0.0\" is not an IP address range in CIDR notation. "
                        + "Write an IPv4 range as four numbers and a prefix length (10.0.0.0/8, 203.0.113.7/32)"
                        + " or an IPv6 range as hexadecimal groups and a prefix length (2001:db8::/32, ::/0).");
        assertThatThrownBy(() -> NetworkPeer.cidr("10.0.0.256/8")).hasMessageContaining("is not an IP address range");
        assertThatThrownBy(() -> NetworkPeer.cidr("10.0.0.0/33")).hasMessageContaining("is not an IP address range");
        assertThatThrownBy(() -> NetworkPeer.cidr("10.0.0.0/8").except("11.0.0.0/16"))
                .hasMessage("NetworkPeer 10.0.0.0/8: except \"11.0.0.0/16\" is not strictly inside 10.0.0.0/8. "
                        + "The API server refuses an exception that is not a smaller range of the same IP family within it.");
        assertThatThrownBy(() -> NetworkPeer.cidr("10.0.0.0/16").except("10.0.0.0/8")).hasMessageContaining("is not strictly inside 10.0.0.0/16");
        assertThatThrownBy(() -> NetworkPeer.cidr("10.0.0.0/8").except("10.0.0.0/8")).hasMessageContaining("is not strictly inside 10.0.0.0/8");
        assertThatThrownBy(() -> NetworkPeer.cidr("203.0.113.7/32").except("203.0.113.7/32")).hasMessageContaining("is not strictly inside");
        // Canonical forms only: no bits beyond the prefix, no leading zeros.
        assertThatThrownBy(() -> NetworkPeer.cidr("10.1.2.3/8"))
                .hasMessage("NetworkPeer: cidr \"10.1.2.3/8\" sets address bits beyond its /8 prefix. Write the range's first address: 10.0.0.0/8.");
        assertThatThrownBy(() -> NetworkPeer.cidr("010.0.0.0/8")).hasMessageContaining("is not an IP address range");
        assertThatThrownBy(() -> NetworkPeer.cidr("10.0.0.0/08")).hasMessageContaining("is not an IP address range");
        assertThat(NetworkPeer.cidr("0.0.0.0/0").except("10.0.0.0/8", "203.0.113.7/32").except()).hasSize(2);
        assertThat(NetworkPeer.cidr("192.168.0.0/16").describe()).isEqualTo("addresses 192.168.0.0/16");
        assertThatThrownBy(() -> NetworkPeer.namespace("Ingress_Nginx")).isInstanceOf(InvalidDefinitionException.class);
    }

    @Test
    void ipv6_ranges_are_read_in_their_canonical_form() {
        assertThat(NetworkPeer.anywhereIpv6().describe()).isEqualTo("addresses ::/0");
        assertThat(NetworkPeer.cidr("2001:db8::/32").except("2001:db8:0:1::/64", "2001:db8::7/128").except()).hasSize(2);
        assertThat(NetworkPeer.cidr("fd00::/8").cidr()).isEqualTo("fd00::/8");
        assertThat(NetworkPeer.cidr("2001:db8:1:2:3:4:5:6/128").cidr()).isEqualTo("2001:db8:1:2:3:4:5:6/128");
        assertThat(NetworkPeer.cidr("2001:db8:0:1::/64").cidr()).isEqualTo("2001:db8:0:1::/64");
        // The form the API server and RFC 5952 write: lower case, no leading zeros, the longest zero run compressed.
        assertThatThrownBy(() -> NetworkPeer.cidr("2001:DB8::/32")).hasMessage("NetworkPeer: cidr \"2001:DB8::/32\" is not in canonical"
                + " form, which the API server warns about. Write it as 2001:db8::/32 (lower case, without leading zeros, the longest run of zero groups as ::).");
        assertThatThrownBy(() -> NetworkPeer.cidr("2001:0db8::/32")).hasMessageContaining("Write it as 2001:db8::/32");
        assertThatThrownBy(() -> NetworkPeer.cidr("2001:db8:0:0:0:0:0:0/32")).hasMessageContaining("Write it as 2001:db8::/32");
        assertThatThrownBy(() -> NetworkPeer.cidr("2001:db8::1:0:0:0/128")).hasMessageContaining("Write it as 2001:db8:0:0:1::/128");
        assertThat(NetworkPeer.cidr("2001:db8::ab:0/128").cidr()).isEqualTo("2001:db8::ab:0/128"); // a single zero group stays 0
        assertThat(NetworkPeer.cidr("2001:db8:0:1:2:3:4:5/128").cidr()).isEqualTo("2001:db8:0:1:2:3:4:5/128");
        assertThatThrownBy(() -> NetworkPeer.cidr("2001:db8:0:0:1::1/128")).hasMessageContaining("Write it as 2001:db8::1:0:0:1/128"); // first of equal runs
        assertThatThrownBy(() -> NetworkPeer.cidr("2001:db8:0:1::/32"))
                .hasMessage("NetworkPeer: cidr \"2001:db8:0:1::/32\" sets address bits beyond its /32 prefix. Write the range's first address: 2001:db8::/32.");
        for (String invalid : new String[] {"2001:db8::/129", "2001:db8::/064", "2001:db8:::/48", "1::2::3/128", "2001:db8/32", "2001:db8:1:2:3:4:5:6:7/128",
                "1:2:3:4:5:6:7::8/128", "2001:db8::g/128", "2001:db8::12345/128", "::ffff:10.0.0.1/128", ":1::/16", "::/", "/0", "2001:db8::\uff11/128"}) {
            assertThatThrownBy(() -> NetworkPeer.cidr(invalid)).as(invalid).hasMessageContaining("is not an IP address range in CIDR notation");
        }
        // An exception of the other family is never inside a range.
        assertThatThrownBy(() -> NetworkPeer.cidr("::/0").except("10.0.0.0/8")).hasMessageContaining("is not strictly inside ::/0");
        assertThatThrownBy(() -> NetworkPeer.anywhere().except("2001:db8::/32")).hasMessageContaining("is not strictly inside 0.0.0.0/0");
        assertThatThrownBy(() -> NetworkPeer.cidr("2001:db8::/32").except("2001:db9::/48")).hasMessageContaining("is not strictly inside");
    }

    @Test
    void ipv4_mapped_ipv6_ranges_are_refused_in_hexadecimal_form_too() {
        // The API server's strict validation refuses an IPv4-mapped address however it is written: name the IPv4 range instead.
        assertThatThrownBy(() -> NetworkPeer.cidr("::ffff:a00:0/104")).hasMessage("NetworkPeer: cidr \"::ffff:a00:0/104\" is an IPv4-mapped IPv6 "
                + "range, which the API server refuses. Write the IPv4 range it means: 10.0.0.0/8.");
        assertThatThrownBy(() -> NetworkPeer.cidr("::ffff:cb00:7107/128")).hasMessageContaining("Write the IPv4 range it means: 203.0.113.7/32.");
        assertThatThrownBy(() -> NetworkPeer.anywhereIpv6().except("::ffff:0:0/96")).hasMessageContaining("0.0.0.0/0");
        // Ranges next to them, or holding them, are plain IPv6 ranges.
        assertThat(NetworkPeer.cidr("::fffe:0:0/96").cidr()).isEqualTo("::fffe:0:0/96");
        assertThat(NetworkPeer.cidr("::/64").cidr()).isEqualTo("::/64");
    }
}
