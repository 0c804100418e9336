package dev.kforge.dsl.check;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.stack.Stack;
import java.util.List;

/** The {@link PolicyCheck#EXTERNAL_IP} rule: a Service's public external IP takes the cluster's traffic for that address (CVE-2020-8554). */
final class ExternalIpPolicyCheck implements StackCheck {
    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (ServiceDef service : index.all(ServiceDef.class)) {
            List<String> addresses = service.publicExternalIps();
            if (!addresses.isEmpty()) {
                PolicyReporter.report(stack, service, PolicyCheck.EXTERNAL_IP, "takes the traffic for a public address from inside the "
                                + "cluster: kube-proxy sends every connection a pod or node makes to an external IP to this Service's pods, "
                                + "not to whoever owns the address (CVE-2020-8554); a cluster whose API server runs the DenyServiceExternalIPs "
                                + "admission plugin refuses the Service", "externalIPs " + String.join(", ", addresses),
                        "Give it an address of a private range that your network routes to the nodes (10.0.0.0/8, 172.16.0.0/12, "
                                + "192.168.0.0/16, 100.64.0.0/10, fc00::/7), or use withType(ServiceType.loadBalancer(..)), whose address "
                                + "the cloud assigns.",
                        problems);
            }
        }
    }
}
