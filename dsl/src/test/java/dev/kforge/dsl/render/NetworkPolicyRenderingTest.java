package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.PortRange;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;
import org.junit.jupiter.api.Test;

class NetworkPolicyRenderingTest {
    private static final Port HTTP = Port.tcp("http", 8080);

    private static DeploymentDef deployment(String name, String component) {
        return DeploymentDef.named(name).running(ContainerDef.named(name).image(Image.of("example/" + name, "1.0.0")).withPort(HTTP))
                .withComponent(component);
    }

    @Test
    void renders_every_kind_of_peer_with_ports_by_number() {
        DeploymentDef api = deployment("api", "backend");
        DeploymentDef proxy = deployment("proxy", "gateway");
        NetworkPolicyDef policy = NetworkPolicyDef.named("api").isolating(api)
                .allowingFrom(NetworkPeer.podsOf(proxy), HTTP)
                .allowingFrom(NetworkPeer.namespace("ingress-nginx"), HTTP)
                .allowingFrom(NetworkPeer.sameNamespace())
                .isolatingEgress()
                .allowingDns()
                .allowingTo(NetworkPeer.internet(), Port.tcp("https", 443));

        assertThat(file(render(api, proxy, policy), "45-networkpolicy-api.yaml")).isEqualTo("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: api
                  namespace: demo-test
                  labels:
                    app.kubernetes.io/component: backend
                    app.kubernetes.io/instance: demo-test
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/name: api
                    app.kubernetes.io/part-of: demo
                    kforge.dev/environment: test
                spec:
                  egress:
                  - ports:
                    - port: 53
                      protocol: UDP
                    - port: 53
                      protocol: TCP
                    to:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: kube-system
                      podSelector:
                        matchLabels:
                          k8s-app: kube-dns
                  - ports:
                    - port: 443
                      protocol: TCP
                    to:
                    - ipBlock:
                        cidr: 0.0.0.0/0
                        except:
                        - 10.0.0.0/8
                        - 172.16.0.0/12
                        - 192.168.0.0/16
                  ingress:
                  - from:
                    - podSelector:
                        matchLabels:
                          app.kubernetes.io/component: gateway
                          app.kubernetes.io/instance: demo-test
                          app.kubernetes.io/name: proxy
                    ports:
                    - port: 8080
                      protocol: TCP
                  - from:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: ingress-nginx
                    ports:
                    - port: 8080
                      protocol: TCP
                  - from:
                    - podSelector: {}
                  podSelector:
                    matchLabels:
                      app.kubernetes.io/component: backend
                      app.kubernetes.io/instance: demo-test
                      app.kubernetes.io/name: api
                  policyTypes:
                  - Ingress
                  - Egress
                """);
    }

    @Test
    void renders_a_port_range_as_port_and_end_port() {
        DeploymentDef api = deployment("api", "backend");
        DeploymentDef media = DeploymentDef.named("media").running(ContainerDef.named("media").image(Image.of("example/media", "1.0.0"))
                .withPort(Port.udp("rtp", 10000))).withComponent("media");
        NetworkPolicyDef policy = NetworkPolicyDef.named("media").isolating(media)
                .allowingFrom(NetworkPeer.anywhere(), PortRange.udp(10000, 20000))
                .isolatingEgress()
                .allowingTo(NetworkPeer.cidr("203.0.113.0/24"), PortRange.tcp(30000, 32767));

        assertThat(file(render(api, media, policy), "45-networkpolicy-media.yaml")).endsWith("""
                spec:
                  egress:
                  - ports:
                    - endPort: 32767
                      port: 30000
                      protocol: TCP
                    to:
                    - ipBlock:
                        cidr: 203.0.113.0/24
                  ingress:
                  - from:
                    - ipBlock:
                        cidr: 0.0.0.0/0
                    ports:
                    - endPort: 20000
                      port: 10000
                      protocol: UDP
                  podSelector:
                    matchLabels:
                      app.kubernetes.io/component: media
                      app.kubernetes.io/instance: demo-test
                      app.kubernetes.io/name: media
                  policyTypes:
                  - Ingress
                  - Egress
                """);
    }

    @Test
    void renders_anyone_as_a_rule_without_peers() {
        DeploymentDef api = deployment("api", "backend");
        NetworkPolicyDef policy = NetworkPolicyDef.named("api").isolating(api)
                .allowingFrom(NetworkPeer.anyone(), HTTP)
                .isolatingEgress()
                .allowingTo(NetworkPeer.anyone(), Port.tcp("https", 443));

        // No from and no to: the API reads a rule without peers as every pod of every namespace and every address.
        assertThat(file(render(api, policy), "45-networkpolicy-api.yaml")).contains("""
                spec:
                  egress:
                  - ports:
                    - port: 443
                      protocol: TCP
                  ingress:
                  - ports:
                    - port: 8080
                      protocol: TCP
                  podSelector:
                """);
    }

    @Test
    void a_raw_edit_adding_a_range_is_refused_with_the_wither_that_writes_one() {
        DeploymentDef api = deployment("api", "backend");
        NetworkPolicyDef policy = NetworkPolicyDef.named("api").isolating(api).allowingFrom(NetworkPeer.sameNamespace(), HTTP)
                .withRawEdit("range", n -> n.getSpec().getIngress().get(0).getPorts().get(0).setEndPort(8090));
        assertThatThrownBy(() -> render(api, policy)).hasMessageContaining("NetworkPolicy api: raw edit \"range\" changed what the checks "
                + "read from the definition (spec.ingress: [[pods {}] on [8080/TCP]] -> [[pods {}] on [8080-8090/TCP]]). "
                + "Set it in the definition instead (allowingFrom(<peer>, PortRange.tcp(8080, 8090))), where the checks see it.");
        // An egress range of UDP ports names allowingTo with it.
        NetworkPolicyDef egress = NetworkPolicyDef.named("api").isolating(api).allowingFrom(NetworkPeer.sameNamespace(), HTTP).isolatingEgress()
                .allowingDns().withRawEdit("range", n -> n.getSpec().getEgress().get(0).getPorts().get(0).setEndPort(60));
        assertThatThrownBy(() -> render(api, egress)).hasMessageContaining("(allowingTo(<peer>, PortRange.udp(53, 60))), where the checks see it.");
    }

    @Test
    void a_policy_without_allowances_isolates_ingress_only_and_admits_nothing() {
        DeploymentDef api = deployment("api", "backend");
        String yaml = file(render(api, NetworkPolicyDef.named("api").isolating(api)), "45-networkpolicy-api.yaml");
        assertThat(yaml).endsWith("""
                spec:
                  podSelector:
                    matchLabels:
                      app.kubernetes.io/component: backend
                      app.kubernetes.io/instance: demo-test
                      app.kubernetes.io/name: api
                  policyTypes:
                  - Ingress
                """);
    }
}
