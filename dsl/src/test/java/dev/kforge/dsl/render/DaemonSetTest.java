package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.check.BreakingChangesCheck;
import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.PodSecurityStandard;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.testing.Rendering;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DaemonSetUpdate;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.TaintEffect;
import dev.kforge.dsl.workload.Toleration;
import dev.kforge.dsl.workload.HostPathType;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.Volumes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DaemonSets: one pod per node, with a Deployment's labels, selector, pod checks and Service selection. */
class DaemonSetTest {
    private static final Port METRICS = Port.tcp("metrics", 9100);
    private final ContainerDef exporter = ContainerDef.named("exporter").image(Image.of("example/node-exporter", "1.8.2")).withPort(METRICS)
            .withResources(Resources.requests(Cpu.millis(50), Memory.mebibytes(32)).withCpuLimit(Cpu.millis(200)).withMemoryLimit(Memory.mebibytes(64)))
            .withReadinessProbe(ProbeDef.httpGet("/", METRICS)).withLivenessProbe(ProbeDef.tcpSocket(METRICS));
    private final DaemonSetDef nodes = DaemonSetDef.named("node-exporter").running(exporter).withComponent("metrics");

    private static List<String> problems(Policy policy, KubeObject<?>... objects) {
        return Rendering.reportOf(policy, objects);
    }

    @Test
    void renders_one_pod_per_node_with_the_workload_labels_and_a_rolling_update() {
        String yaml = file(render(nodes), "50-daemonset-node-exporter.yaml");
        assertThat(yaml).startsWith("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: node-exporter
                  namespace: demo-test
                  labels:
                    app.kubernetes.io/component: metrics
                    app.kubernetes.io/instance: demo-test
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/name: node-exporter
                    app.kubernetes.io/part-of: demo
                    app.kubernetes.io/version: "1.8.2"
                    kforge.dev/environment: test
                spec:
                  selector:
                    matchLabels:
                      app.kubernetes.io/component: metrics
                      app.kubernetes.io/instance: demo-test
                      app.kubernetes.io/name: node-exporter
                  template:
                """).endsWith("""
                  updateStrategy:
                    rollingUpdate:
                      maxUnavailable: 1
                    type: RollingUpdate
                """).doesNotContain("replicas", "podAntiAffinity", "topologySpreadConstraints");
        assertThat(file(render(nodes.withUpdate(DaemonSetUpdate.onDelete())), "50-daemonset-node-exporter.yaml"))
                .endsWith("  updateStrategy:\n    type: OnDelete\n");
        assertThat(file(render(nodes.withUpdate(DaemonSetUpdate.rolling(IntOrPercent.percent(10)))), "50-daemonset-node-exporter.yaml"))
                .contains("      maxUnavailable: \"10%\"\n").doesNotContain("maxSurge");
        assertThat(file(render(nodes.withUpdate(DaemonSetUpdate.surge(IntOrPercent.count(1)))), "50-daemonset-node-exporter.yaml"))
                .contains("    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0\n");
    }

    @Test
    void gets_the_pod_checks_and_may_be_selected_by_a_service_and_isolated() {
        ServiceDef service = ServiceDef.named("node-exporter").selecting(nodes).withPort(ServicePort.to(METRICS));
        NetworkPolicyDef isolation = NetworkPolicyDef.named("node-exporter").isolating(nodes)
                .allowingFrom(NetworkPeer.namespace("monitoring"), METRICS);
        assertThat(problems(Policy.STRICT, nodes, service, isolation)).isEmpty();
        assertThat(file(render(nodes, service), "40-service-node-exporter.yaml")).contains("    app.kubernetes.io/name: node-exporter\n");
        DaemonSetDef careless = DaemonSetDef.named("node-exporter").running(ContainerDef.named("exporter")
                .image(Image.of("example/node-exporter", "1.8.2")).withPort(METRICS).withResources(exporter.resources()));
        assertThat(problems(Policy.STRICT, careless, NetworkPolicyDef.named("node-exporter").isolating(careless)
                .allowingFrom(NetworkPeer.namespace("monitoring"), METRICS))).singleElement().asString()
                .startsWith("ERROR prod/DaemonSet node-exporter: container exporter has no readinessProbe and no livenessProbe");
        assertThatThrownBy(() -> ServiceDef.named("metrics").selecting(nodes).withPort(ServicePort.of(80, Port.tcp("http", 8080))))
                .hasMessageStartingWith("Service metrics: targetPort \"http (8080/TCP)\" is not declared by DaemonSet node-exporter.");
    }

    @Test
    void refuses_a_disk_claim_and_an_update_that_replaces_nothing_and_checks_raw_edits_and_selector_changes() {
        assertThatThrownBy(() -> DaemonSetDef.named("agent").running(exporter.withMount(Volumes.claim("data", Memory.gibibytes(1)), "/data")))
                .hasMessageStartingWith("DaemonSet agent: volume \"data\" is a per-pod disk claim");
        assertThatThrownBy(() -> DaemonSetUpdate.rolling(IntOrPercent.count(0)))
                .hasMessageContaining("must have exactly one above 0 (the API server refuses both, and with neither no pod is ever replaced)");
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"));
        assertThatThrownBy(() -> Renderer.render(stack.with(nodes.withRawEdit("host network", d -> d.getSpec().getTemplate().getSpec().setHostNetwork(true)))))
                .hasMessageContaining("DaemonSet node-exporter: raw edits make its pods break the restricted Pod Security Standard");

        Map<String, String> committed = new LinkedHashMap<>();
        for (ManifestFile file : Renderer.render(stack.with(nodes)).files()) {
            committed.put(file.fileName(), file.content());
        }
        Stack changed = stack.with(DaemonSetDef.named("node-exporter").running(exporter));
        Problems problems = new Problems();
        BreakingChangesCheck.check(changed, committed, Renderer.render(changed).files(), problems);
        assertThat(problems.all()).extracting(Problem::format).singleElement().asString()
                .startsWith("prod/DaemonSet node-exporter: spec.selector would change, and the API server refuses to change it in place");
    }

    @Test
    void a_surging_update_of_pods_that_bind_a_node_port_is_refused_as_the_new_pod_cannot_bind_it() {
        // A node agent in a privileged namespace, which may bind its node's ports once it waives the host-access rule.
        Stack stack = Stack.named("demo").environment("prod")
                .namespace(NamespaceDef.named("demo-prod").withPodSecurityStandard(PodSecurityStandard.PRIVILEGED));
        DaemonSetDef surging = nodes.withUpdate(DaemonSetUpdate.surge(IntOrPercent.count(1)))
                .waive(dev.kforge.dsl.core.PolicyCheck.HOST_ACCESS, "node agent");
        assertThatThrownBy(() -> Renderer.render(stack.with(surging.withRawEdit("host port",
                d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).setHostPort(9100)))))
                .hasMessageStartingWith("DaemonSet node-exporter: raw edits bind its pods to their node's ports, but its update starts a node's "
                        + "new pod before the old one stops (maxSurge): the new pod cannot take the port the old one holds, so it never "
                        + "starts and the update waits for it forever (container exporter hostPort 9100, maxSurge 1). Use "
                        + "withUpdate(DaemonSetUpdate.ROLLING), which stops a node's old pod first, or drop the host port.");
        // With hostNetwork every declared port is the node's.
        assertThatThrownBy(() -> Renderer.render(stack.with(surging.withRawEdit("host network",
                d -> d.getSpec().getTemplate().getSpec().setHostNetwork(true)))))
                .hasMessageContaining("(hostNetwork: true, container exporter port 9100, maxSurge 1)");
        // Stopping the old pod first frees the port.
        assertThat(Renderer.render(stack.with(surging.withUpdate(DaemonSetUpdate.ROLLING).withRawEdit("host port",
                d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).setHostPort(9100)))).files()).isNotEmpty();
    }

    @Test
    void raw_edits_of_the_update_the_api_server_refuses_are_reported() {
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"));
        List<java.util.function.Consumer<io.fabric8.kubernetes.api.model.apps.DaemonSet>> refused = List.of(
                d -> d.getSpec().getUpdateStrategy().getRollingUpdate().setMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString(0)),
                d -> d.getSpec().getUpdateStrategy().getRollingUpdate().setMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString("150%")),
                d -> d.getSpec().getUpdateStrategy().getRollingUpdate().setMaxSurge(new io.fabric8.kubernetes.api.model.IntOrString(1)),
                d -> d.getSpec().getUpdateStrategy().setType("Recreate"),
                d -> d.getSpec().setMinReadySeconds(-5));
        for (java.util.function.Consumer<io.fabric8.kubernetes.api.model.apps.DaemonSet> edit : refused) {
            assertThatThrownBy(() -> Renderer.render(stack.with(nodes.withRawEdit("edit", edit))))
                    .hasMessageStartingWith("DaemonSet node-exporter: raw edits set what the API server refuses for a DaemonSet (");
        }
        // A valid update is still the definition's to set: the quota checks read its surge.
        assertThatThrownBy(() -> Renderer.render(stack.with(nodes.withRawEdit("surge", d -> {
            d.getSpec().getUpdateStrategy().getRollingUpdate().setMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString(0));
            d.getSpec().getUpdateStrategy().getRollingUpdate().setMaxSurge(new io.fabric8.kubernetes.api.model.IntOrString("25%"));
        })))).hasMessageStartingWith("DaemonSet node-exporter: raw edit \"surge\" changed what the checks read from the definition (spec.updateStrategy: "
                + "RollingUpdate maxSurge 0, maxUnavailable 1 -> RollingUpdate maxSurge 25%, maxUnavailable 0). Set it in the definition "
                + "instead (withUpdate)");
        // Writing out what the definition renders anyway changes nothing.
        assertThat(Renderer.render(stack.with(nodes.withRawEdit("explicit", d ->
                d.getSpec().getUpdateStrategy().getRollingUpdate().setMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString(1))))).files())
                .isNotEmpty();
    }

    @Test
    void is_isolated_by_the_network_policy_rule_unlike_a_cron_job_which_no_service_may_select() {
        assertThat(Rendering.reportOf(Policy.STRICT, nodes)).singleElement().asString().startsWith("ERROR prod/DaemonSet node-exporter: has no "
                + "NetworkPolicy, so any pod of the cluster may reach its pods (no policy isolates them). Add NetworkPolicyDef.named(\"node-exporter\")"
                + ".isolating(daemonSet)");
        dev.kforge.dsl.workload.CronJobDef job = dev.kforge.dsl.workload.CronJobDef.named("report").onSchedule("@daily").running(exporter.withoutProbes())
                .withDeadline(java.time.Duration.ofMinutes(5));
        assertThat(Rendering.reportOf(Policy.STRICT, job, ServiceDef.named("report").selecting(job).withPort(ServicePort.to(METRICS))))
                .containsExactly("ERROR prod/Service report: selects the pods of CronJob report, which exist only while a run lasts, so the Service "
                        + "has no endpoints the rest of the time (report). Select a Deployment, StatefulSet or DaemonSet; a job that serves should "
                        + "be one of those.");
    }

    @Test
    void suggests_the_pod_security_standard_that_admits_the_pods() {
        DaemonSetDef privileged = DaemonSetDef.named("agent").running(exporter.withSecurity(
                dev.kforge.dsl.workload.ContainerSecurity.RESTRICTED.withPrivileged(true)));
        assertThat(Rendering.reportOf(Policy.STRICT.with(dev.kforge.dsl.core.PolicyCheck.PRIVILEGE_ESCALATION, dev.kforge.dsl.core.Severity.OFF)
                        .with(dev.kforge.dsl.core.PolicyCheck.NETWORK_POLICY, dev.kforge.dsl.core.Severity.OFF), privileged))
                .singleElement().asString().contains("withPodSecurityStandard(PodSecurityStandard.PRIVILEGED)");
        assertThatThrownBy(() -> DaemonSetDef.named("agent").running(null))
                .hasMessage("DaemonSet agent: the main container is missing. Pass one, e.g. ContainerDef.named(\"app\").image(..).");
    }

    @Test
    void runs_on_tainted_and_selected_nodes_as_told() {
        DaemonSetDef everywhere = nodes.withToleration(Toleration.exists("node-role.kubernetes.io/control-plane").effect(TaintEffect.NO_SCHEDULE))
                .withToleration(Toleration.equal("dedicated", "gpu").effect(TaintEffect.NO_EXECUTE).forSeconds(300))
                .withToleration(Toleration.everything())
                .withNodeSelector("kubernetes.io/os", "linux");
        assertThat(file(render(everywhere), "50-daemonset-node-exporter.yaml")).contains("""
                      nodeSelector:
                        kubernetes.io/os: linux
                """).contains("""
                      tolerations:
                      - effect: NoSchedule
                        key: node-role.kubernetes.io/control-plane
                        operator: Exists
                      - effect: NoExecute
                        key: dedicated
                        operator: Equal
                        tolerationSeconds: 300
                        value: gpu
                      - operator: Exists
                """);
        assertThat(file(render(nodes), "50-daemonset-node-exporter.yaml")).doesNotContain("tolerations", "nodeSelector");
        assertThatThrownBy(() -> Toleration.exists("dedicated").effect(TaintEffect.NO_SCHEDULE).forSeconds(60))
                .hasMessage("Toleration: tolerationSeconds 60 applies only to the NoExecute effect. "
                        + "Add .effect(TaintEffect.NO_EXECUTE), or drop the seconds.");
        assertThatThrownBy(() -> Toleration.equal("dedicated", "a b")).hasMessageStartingWith("Toleration: value \"a b\" is invalid");
        assertThatThrownBy(() -> Toleration.equal("dedicated", "")).hasMessage("Toleration: value \"\" is invalid: must be at most 63 "
                + "alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric. A taint without a value, such as "
                + "dedicated:NoSchedule, is tolerated by Toleration.exists(\"dedicated\"), which takes any value of the key.");
        assertThatThrownBy(() -> Toleration.exists("-bad")).hasMessageStartingWith("Toleration: key \"-bad\" is invalid");
        assertThatThrownBy(() -> nodes.withNodeSelector("kubernetes.io/os", "linux os"))
                .hasMessageStartingWith("DaemonSet node-exporter: label kubernetes.io/os value \"linux os\" is invalid");
    }
    @Test
    void mounts_a_directory_of_the_node_for_an_agent_that_reads_it() {
        VolumeDef.HostPath logs = Volumes.hostPath("varlog", "/var/log");
        DaemonSetDef shipper = DaemonSetDef.named("log-shipper").running(exporter.withReadOnlyMount(logs, "/var/log")
                .withMount(Volumes.hostPath("state", "/var/lib/log-shipper").withType(HostPathType.DIRECTORY_OR_CREATE), "/state"));
        Stack stack = Stack.named("demo").environment("test")
                .namespace(NamespaceDef.named("demo-test").withPodSecurityStandard(PodSecurityStandard.PRIVILEGED)).with(shipper);
        String yaml = file(Renderer.render(stack), "50-daemonset-log-shipper.yaml");
        assertThat(yaml).contains("""
                        volumeMounts:
                        - name: varlog
                          mountPath: /var/log
                          readOnly: true
                        - name: state
                          mountPath: /state
                """).contains("""
                      volumes:
                      - name: varlog
                        hostPath:
                          path: /var/log
                          type: Directory
                      - name: state
                        hostPath:
                          path: /var/lib/log-shipper
                          type: DirectoryOrCreate
                """);
        assertThat(Rendering.structuralProblems(stack)).isEmpty();
        // The baseline and restricted standards refuse every hostPath volume.
        assertThat(Rendering.structuralProblems(Stack.named("demo").environment("test")
                .namespace(NamespaceDef.named("demo-test").withPodSecurityStandard(PodSecurityStandard.BASELINE)).with(shipper)))
                .extracting(Problem::format).singleElement().asString().contains(
                        "breaks the baseline Pod Security Standard that namespace demo-test enforces, so the API server refuses its pods "
                                + "(volume varlog is a hostPath, volume state is a hostPath)")
                .contains("withPodSecurityStandard(PodSecurityStandard.PRIVILEGED)");
        assertThatThrownBy(() -> Volumes.hostPath("varlog", "var/log")).hasMessage("Volume varlog: hostPath \"var/log\" is invalid: "
                + "must be an absolute path without '..'. For example \"/var/log\".");
        assertThatThrownBy(() -> Volumes.hostPath("varlog", "/var/log/../../etc")).hasMessageContaining("must be an absolute path without '..'");
        assertThatThrownBy(() -> logs.withType(null)).hasMessage("Volume varlog: type is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
    }
}
