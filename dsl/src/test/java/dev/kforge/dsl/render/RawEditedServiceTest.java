package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;
import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What raw edits add to a Service, which the DSL does not type, must be what the API server takes (its validation.go's rules). */
class RawEditedServiceTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final DeploymentDef APP = DeploymentDef.named("app").running(ContainerDef.named("app").image(Image.of("example/app", "1.0.0")).withPort(HTTP));

    private static ServiceDef service(ServiceType type, Consumer<Service> edit) {
        return ServiceDef.named("web").selecting(APP).withType(type).withPort(ServicePort.to(HTTP)).withRawEdit("edit", edit);
    }

    private static ServiceDef balancer(Consumer<Service> edit) {
        return service(ServiceType.loadBalancer(ServiceType.ExternalTrafficPolicy.LOCAL), edit);
    }

    @Test
    void refuses_source_ranges_that_are_not_ranges_or_not_on_a_load_balancer() {
        assertThatThrownBy(() -> render(APP, balancer(s -> s.getSpec().setLoadBalancerSourceRanges(List.of("203.0.113.0/24", "office")))))
                .isInstanceOf(RawEditException.class)
                .hasMessageStartingWith("Service web: raw edits set what the API server refuses on a Service, failing its apply "
                        + "(loadBalancerSourceRanges \"office\" is not an IP address range in CIDR notation). Fix the edit: write each as an "
                        + "address and a prefix length, 203.0.113.0/24 or 2001:db8::/32.");
        assertThatThrownBy(() -> render(APP, service(ServiceType.NODE_PORT, s -> s.getSpec().setLoadBalancerSourceRanges(List.of("203.0.113.0/24")))))
                .hasMessageStartingWith("Service web: raw edits set what the API server refuses on a Service, failing its apply "
                        + "(loadBalancerSourceRanges [203.0.113.0/24] on a NodePort Service: only a LoadBalancer filters its clients by address). "
                        + "Fix the edit: drop them, or make it ServiceType.loadBalancer(..).");
        assertThat(file(render(APP, balancer(s -> s.getSpec().setLoadBalancerSourceRanges(List.of("203.0.113.0/24", "2001:db8::/32")))),
                "40-service-web.yaml")).contains("  loadBalancerSourceRanges:\n  - 203.0.113.0/24\n  - 2001:db8::/32\n");
    }

    @Test
    void names_every_problem_of_the_edit_at_once() {
        assertThatThrownBy(() -> render(APP, service(ServiceType.NODE_PORT, s -> {
            s.getSpec().setLoadBalancerSourceRanges(List.of("office", "10.0.0.0/8", "vpn"));
            s.getSpec().setSessionAffinity("ClientIP");
            s.getSpec().setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(100000)));
        }))).hasMessageContaining("(loadBalancerSourceRanges [office, 10.0.0.0/8, vpn] on a NodePort Service: only a LoadBalancer filters "
                + "its clients by address; loadBalancerSourceRanges \"office\", \"vpn\" are not IP address ranges in CIDR notation; "
                + "sessionAffinityConfig.clientIP.timeoutSeconds 100000 is not 1 to 86400 seconds, a day). Fix the edit: drop them, or make "
                + "it ServiceType.loadBalancer(..); write each as an address and a prefix length, 203.0.113.0/24 or 2001:db8::/32; give a "
                + "timeout of at most a day, or leave it unset for the default, 10800 (3 hours).");
    }

    @Test
    void refuses_a_client_ip_affinity_timeout_out_of_range() {
        Consumer<Service> noTimeout = s -> {
            s.getSpec().setSessionAffinity("ClientIP");
            s.getSpec().setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(0)));
        };
        assertThatThrownBy(() -> render(APP, service(ServiceType.CLUSTER_IP, noTimeout)))
                .hasMessageStartingWith("Service web: raw edits set what the API server refuses on a Service, failing its apply "
                        + "(sessionAffinityConfig.clientIP.timeoutSeconds 0 is not 1 to 86400 seconds, a day). Fix the edit: give a timeout "
                        + "of at most a day, or leave it unset for the default, 10800 (3 hours).");
        assertThatThrownBy(() -> render(APP, service(ServiceType.CLUSTER_IP, s -> s.getSpec().setSessionAffinity("clientIP"))))
                .hasMessageContaining("(sessionAffinity \"clientIP\" is not None or ClientIP)");
        assertThatThrownBy(() -> render(APP, service(ServiceType.CLUSTER_IP,
                s -> s.getSpec().setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(60))))))
                .hasMessageContaining("(sessionAffinityConfig without sessionAffinity ClientIP, which alone reads it)");
        assertThat(file(render(APP, service(ServiceType.CLUSTER_IP, s -> {
            s.getSpec().setSessionAffinity("ClientIP");
            s.getSpec().setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(600)));
        })), "40-service-web.yaml")).contains("  sessionAffinity: ClientIP\n");
    }

    @Test
    void refuses_an_external_traffic_policy_on_a_service_not_reached_from_outside() {
        assertThatThrownBy(() -> render(APP, service(ServiceType.CLUSTER_IP, s -> s.getSpec().setExternalTrafficPolicy("Local"))))
                .hasMessageStartingWith("Service web: raw edits set what the API server refuses on a Service, failing its apply "
                        + "(externalTrafficPolicy \"Local\" on a ClusterIP Service without externalIPs, which no traffic from outside reaches). "
                        + "Fix the edit: give the policy with ServiceType.nodePort(..) or ServiceType.loadBalancer(..) instead.");
    }
}
