package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
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
