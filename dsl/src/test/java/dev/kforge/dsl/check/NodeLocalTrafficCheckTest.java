package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.HTTP;
import static dev.kforge.dsl.check.LinterParity.container;
import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.network.InternalTrafficPolicy;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DeploymentDef;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeLocalTrafficCheckTest {
    private final DeploymentDef web = deployment();

    private static List<String> nodeLocalWarnings(List<String> report) {
        return report.stream().filter(line -> line.contains("in-cluster traffic")).toList();
    }

    @Test
    void node_local_traffic_to_a_deployment_is_a_warning() {
        ServiceDef service = ServiceDef.named("web").selecting(web).withPort(ServicePort.to(HTTP))
                .withInternalTrafficPolicy(InternalTrafficPolicy.LOCAL);

        assertThat(nodeLocalWarnings(report(() -> stack(web, service)))).containsExactly("WARNING prod/Service web: keeps in-cluster "
                + "traffic on the client's node, but its pods are Deployment web's, which run on some nodes only: a client on any other "
                + "node gets no answer (kube-proxy drops its traffic) (internalTrafficPolicy: Local). Keep InternalTrafficPolicy.CLUSTER "
                + "(the default) for Deployment web; Local is for a DaemonSet's node agents, one on every node.");
        assertThat(nodeLocalWarnings(report(() -> stack(web, service.withInternalTrafficPolicy(InternalTrafficPolicy.CLUSTER))))).isEmpty();
    }

    @Test
    void a_raw_edit_may_not_set_what_the_check_reads() {
        ServiceDef service = ServiceDef.named("web").selecting(web).withPort(ServicePort.to(HTTP))
                .withRawEdit("node local", s -> s.getSpec().setInternalTrafficPolicy("Local"));

        assertThat(report(() -> stack(web, service))).contains("ERROR prod/Service web: raw edit \"node local\" changed what the checks read "
                + "from the definition (spec.internalTrafficPolicy: Cluster -> Local). Set it in the definition instead "
                + "(withInternalTrafficPolicy), where the checks see it.");
        // Writing the API's default changes nothing the check reads.
        assertThat(report(() -> stack(web, ServiceDef.named("web").selecting(web).withPort(ServicePort.to(HTTP))
                .withRawEdit("explicit", s -> s.getSpec().setInternalTrafficPolicy("Cluster")))))
                .noneSatisfy(line -> assertThat(line).contains("internalTrafficPolicy"));
    }

    @Test
    void node_local_traffic_to_a_daemon_set_passes() {
        DaemonSetDef agent = DaemonSetDef.named("agent").running(container());
        ServiceDef service = ServiceDef.named("agent").selecting(agent).withPort(ServicePort.to(HTTP))
                .withInternalTrafficPolicy(InternalTrafficPolicy.LOCAL);

        assertThat(nodeLocalWarnings(report(() -> stack(web, agent, service)))).isEmpty();
    }
}
