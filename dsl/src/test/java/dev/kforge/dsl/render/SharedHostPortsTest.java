package dev.kforge.dsl.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.PodSecurityStandard;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.LabelExpression;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.Resources;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.NodeAffinityBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Two workloads whose pods bind one port of their node cannot both run a pod on one node. */
class SharedHostPortsTest {
    private static final Port METRICS = Port.tcp("metrics", 9100);
    // Node agents in a privileged namespace, which may bind their node's ports once they waive the host-access rule.
    private static final Stack STACK = Stack.named("demo").environment("prod")
            .namespace(NamespaceDef.named("demo-prod").withPodSecurityStandard(PodSecurityStandard.PRIVILEGED));
    private static final ContainerDef EXPORTER = container("exporter");
    private static final DaemonSetDef NODES = DaemonSetDef.named("node-exporter").running(EXPORTER).waive(PolicyCheck.HOST_ACCESS, "node agent");
    private static final DeploymentDef PROBE = DeploymentDef.named("probe").running(container("probe")).waive(PolicyCheck.HOST_ACCESS, "node agent");

    private static ContainerDef container(String name) {
        return ContainerDef.named(name).image(Image.of("example/" + name, "1.8.2")).withPort(METRICS)
                .withResources(Resources.requests(Cpu.millis(50), Memory.mebibytes(32)).withCpuLimit(Cpu.millis(200)).withMemoryLimit(Memory.mebibytes(64)))
                .withReadinessProbe(ProbeDef.httpGet("/", METRICS)).withLivenessProbe(ProbeDef.tcpSocket(METRICS));
    }

    /** Sets the first container's port's host port, and its protocol and address when given. */
    private static Consumer<PodSpec> hostPort(int port, String protocol, String ip) {
        return pod -> {
            ContainerPort declared = pod.getContainers().get(0).getPorts().get(0);
            declared.setHostPort(port);
            declared.setProtocol(protocol);
            declared.setHostIP(ip);
        };
    }

    private static DaemonSetDef nodes(Consumer<PodSpec> edit) {
        return NODES.withRawEdit("host port", d -> edit.accept(d.getSpec().getTemplate().getSpec()));
    }

    private static DeploymentDef probe(Consumer<PodSpec> edit) {
        return PROBE.withRawEdit("host port", d -> edit.accept(d.getSpec().getTemplate().getSpec()));
    }

    private static List<String> warnings(Stack stack) {
        List<String> warnings = new ArrayList<>();
        StackRenderer.render(stack, warning -> warnings.add(warning.severity() + " " + warning.getMessage()));
        return warnings;
    }

    @Test
    void a_daemon_set_and_a_deployment_binding_one_host_port_is_refused_naming_both_the_containers_and_the_port() {
        assertThatThrownBy(() -> Renderer.render(STACK.with(nodes(hostPort(9100, null, null)), probe(hostPort(9100, "TCP", "0.0.0.0")))))
                .isInstanceOf(RawEditException.class)
                .hasMessage("Deployment probe: raw edits bind its pods to a port of their node that DaemonSet node-exporter's pods bind too, "
                        + "and their placement lets them share a node: the scheduler puts no pod of one on a node where a pod of the other "
                        + "holds the port, so on every node both may use, one of them stays pending (container probe hostPort 9100/TCP and "
                        + "DaemonSet node-exporter's container exporter hostPort 9100/TCP). Give one of them another host port (or none: a "
                        + "Service reaches the pods without one), or keep their pods on different nodes: withNodeSelector with different "
                        + "values of one key, or a withNodeRequirement the other's nodes fail.");
        // Under hostNetwork the declared port is the node's.
        assertThatThrownBy(() -> Renderer.render(STACK.with(nodes(pod -> pod.setHostNetwork(true)), probe(hostPort(9100, null, null)))))
                .hasMessageContaining("(container probe hostPort 9100/TCP and DaemonSet node-exporter's container exporter hostPort 9100/TCP)");
        // An address of the node clashes with all of them, and with itself.
        assertThatThrownBy(() -> Renderer.render(STACK.with(nodes(hostPort(9100, null, "10.0.0.1")), probe(hostPort(9100, null, null)))))
                .hasMessageContaining("(container probe hostPort 9100/TCP and DaemonSet node-exporter's container exporter hostPort 9100/TCP on 10.0.0.1)");
        assertThatThrownBy(() -> Renderer.render(STACK.with(nodes(hostPort(9100, null, "10.0.0.1")), probe(hostPort(9100, null, "10.0.0.1")))))
                .hasMessageContaining("(container probe hostPort 9100/TCP on 10.0.0.1 and DaemonSet");
    }

    @Test
    void another_port_protocol_or_address_of_the_node_is_no_clash() {
        assertThat(warnings(STACK.with(nodes(hostPort(9100, null, null)), probe(hostPort(9101, null, null))))).isEmpty();
        ContainerDef statsd = ContainerDef.named("statsd").image(Image.of("example/statsd", "0.10.2")).withPort(Port.udp("statsd", 9100))
                .withResources(EXPORTER.resources());
        DaemonSetDef udp = DaemonSetDef.named("statsd").running(statsd).waive(PolicyCheck.HOST_ACCESS, "node agent")
                .waive(PolicyCheck.PROBES, "a UDP server").withRawEdit("host port", d -> hostPort(9100, "UDP", null).accept(d.getSpec().getTemplate().getSpec()));
        assertThat(warnings(STACK.with(udp, probe(hostPort(9100, null, null))))).isEmpty();
        assertThat(warnings(STACK.with(nodes(hostPort(9100, null, "10.0.0.1")), probe(hostPort(9100, null, "10.0.0.2"))))).isEmpty();
        // A port of the pod's own network is no port of the node.
        assertThat(warnings(STACK.with(nodes(hostPort(9100, null, null)), probe(pod -> pod.setSubdomain("probe"))))).isEmpty();
    }

    @Test
    void pods_their_placement_keeps_on_different_nodes_may_bind_one_host_port() {
        DaemonSetDef edge = nodes(hostPort(9100, null, null)).withNodeSelector("node-role", "edge");
        assertThat(warnings(STACK.with(edge, probe(hostPort(9100, null, null)).withNodeSelector("node-role", "worker")))).isEmpty();
        assertThat(warnings(STACK.with(edge, probe(hostPort(9100, null, null))
                .withNodeRequirement(LabelExpression.notIn("node-role", "edge", "gpu"))))).isEmpty();
        assertThat(warnings(STACK.with(edge, probe(hostPort(9100, null, null))
                .withNodeRequirement(LabelExpression.doesNotExist("node-role"))))).isEmpty();
        // A requirement the edge nodes may meet leaves them sharing those nodes.
        assertThatThrownBy(() -> warnings(STACK.with(edge, probe(hostPort(9100, null, null))
                .withNodeRequirement(LabelExpression.in("node-role", "edge", "worker"))))).isInstanceOf(RawEditException.class);
        assertThatThrownBy(() -> warnings(STACK.with(edge, probe(hostPort(9100, null, null)).withNodeSelector("zone", "a"))))
                .isInstanceOf(RawEditException.class);
        // A term an edit adds is read too; Gt and Lt only ask for the label.
        Consumer<PodSpec> numbered = pod -> pod.getAffinity().setNodeAffinity(new NodeAffinityBuilder().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey("cpus").withOperator("Gt").withValues("4").endMatchExpression()
                .endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution().build());
        assertThatThrownBy(() -> warnings(STACK.with(edge, probe(hostPort(9100, null, null).andThen(numbered)))))
                .hasMessageContaining("their placement lets them share a node");
        Consumer<PodSpec> notEdge = pod -> pod.getAffinity().setNodeAffinity(new NodeAffinityBuilder().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey("node-role").withOperator("NotIn").withValues("edge").endMatchExpression()
                .endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution().build());
        assertThat(warnings(STACK.with(edge, probe(hostPort(9100, null, null).andThen(notEdge))))).isEmpty();
    }

    @Test
    void two_deployments_binding_one_host_port_are_a_warning_as_the_scheduler_may_spread_them_over_nodes() {
        DeploymentDef other = DeploymentDef.named("other-probe").running(container("other")).waive(PolicyCheck.HOST_ACCESS, "node agent")
                .withRawEdit("host port", d -> hostPort(9100, null, null).accept(d.getSpec().getTemplate().getSpec()));
        Stack stack = STACK.with(probe(hostPort(9100, null, null)), other);

        assertThat(warnings(stack)).containsExactly(Severity.WARNING + " Deployment other-probe: raw edits bind its pods to a port of "
                + "their node that Deployment probe's pods bind too, and their placement lets them share a node: the scheduler puts no "
                + "pod of one on a node where a pod of the other holds the port, so each pod needs a node of its own, and one stays "
                + "pending when they outnumber the nodes both may use (container other hostPort 9100/TCP and Deployment probe's "
                + "container probe hostPort 9100/TCP). Give one of them another host port (or none: a Service reaches the pods without "
                + "one), or keep their pods on different nodes: withNodeSelector with different values of one key, or a "
                + "withNodeRequirement the other's nodes fail.");
        assertThat(Renderer.render(stack).files()).isNotEmpty();
    }
}
