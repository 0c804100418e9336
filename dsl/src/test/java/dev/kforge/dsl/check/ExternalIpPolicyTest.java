package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.HTTP;
import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.onlyProblem;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Service's external IP takes the cluster's own traffic for that address: kube-proxy sends every connection a pod or node makes
 * to it to the Service's pods, whoever owns the address (CVE-2020-8554).
 */
class ExternalIpPolicyTest {
    private static ServiceDef service() {
        return ServiceDef.named("web").selecting(deployment()).withPort(ServicePort.to(HTTP));
    }

    @Test
    void a_public_external_ip_is_a_warning_in_every_policy_naming_the_cve() {
        ServiceDef exposed = service().withExternalIp("10.0.0.5").withExternalIp("80.11.12.10").withExternalIp("2001:db8::10");

        assertThat(onlyProblem(() -> stack(deployment(), exposed)))
                .isEqualTo("WARNING prod/Service web: takes the traffic for a public address from inside the cluster: kube-proxy sends every "
                        + "connection a pod or node makes to an external IP to this Service's pods, not to whoever owns the address "
                        + "(CVE-2020-8554); a cluster whose API server runs the DenyServiceExternalIPs admission plugin refuses the Service "
                        + "(externalIPs 80.11.12.10, 2001:db8::10). Give it an address of a private range that your network routes to the "
                        + "nodes (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7), or use withType(ServiceType.loadBalancer(..)), "
                        + "whose address the cloud assigns. Or waive it with .waive(PolicyCheck.EXTERNAL_IP, \"<why>\").");
        assertThat(report(() -> stack(deployment(), exposed).withPolicy(Policy.RELAXED))).singleElement().asString()
                .startsWith("WARNING prod/Service web: takes the traffic for a public address from inside the cluster");
        assertThat(report(() -> stack(deployment(), exposed.waive(PolicyCheck.EXTERNAL_IP, "our own address, routed to the nodes")))).isEmpty();
    }

    @Test
    void addresses_of_private_ranges_are_not_reported() {
        ServiceDef internal = service().withExternalIp("10.255.255.255").withExternalIp("172.16.0.1").withExternalIp("172.31.255.254")
                .withExternalIp("192.168.1.10").withExternalIp("100.64.0.1").withExternalIp("100.127.255.254").withExternalIp("fc00::1")
                .withExternalIp("fdff:ffff::1");

        assertThat(report(() -> stack(deployment(), internal))).isEmpty();
        // Just outside them: 172.32.x, 100.128.x, 192.169.x, fe00::.
        assertThat(onlyProblem(() -> stack(deployment(), service().withExternalIp("172.32.0.1").withExternalIp("100.128.0.1")
                .withExternalIp("192.169.0.1").withExternalIp("9.255.255.255").withExternalIp("fe00::1"))))
                .contains("(externalIPs 172.32.0.1, 100.128.0.1, 192.169.0.1, 9.255.255.255, fe00::1)");
    }

    @Test
    void a_raw_edit_may_not_add_an_external_ip() {
        ServiceDef edited = service().withRawEdit("public address", s -> s.getSpec().setExternalIPs(List.of("80.11.12.10")));

        assertThat(onlyProblem(() -> stack(deployment(), edited)))
                .isEqualTo("ERROR prod/Service web: raw edit \"public address\" changed what the checks read from the definition "
                        + "(spec.externalIPs: [] -> [80.11.12.10]). Set it in the definition instead (withExternalIp), where the checks see it.");
    }
}
