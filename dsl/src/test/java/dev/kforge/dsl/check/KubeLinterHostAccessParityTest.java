package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.onlyProblem;
import static dev.kforge.dsl.check.LinterParity.pod;
import static dev.kforge.dsl.check.LinterParity.privilegedStack;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.HostPathType;
import dev.kforge.dsl.workload.Volumes;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * kube-linter's checks of pods that reach into their node (host-*, *-host-mounts, *-sock, unsafe-sysctls,
 * unsafe-proc-mount). The DSL has none of these settings but a hostPath ({@code Volumes.hostPath}): only a raw edit adds
 * the others. In a baseline or restricted namespace the Pod Security Standard refuses them; in a privileged one, the
 * host-access policy rule.
 */
class KubeLinterHostAccessParityTest {
    private static final String HINT = "Undo it in the edit; pods that must reach into their node (a node agent) waive the rule with its reason: "
            + ".waive(PolicyCheck.HOST_ACCESS, \"<why>\").";

    private static DeploymentDef edited(String reason, Consumer<Deployment> edit) {
        return deployment().withRawEdit(reason, edit);
    }

    /** A raw edit that mounts the node's {@code path} into container web. */
    private static DeploymentDef mountingHostPath(String path, boolean readOnly) {
        return edited("reads the node", d -> {
            PodSpec pod = pod(d);
            List<Volume> volumes = new ArrayList<>(pod.getVolumes() == null ? List.of() : pod.getVolumes());
            volumes.add(new VolumeBuilder().withName("host").withNewHostPath().withPath(path).endHostPath().build());
            pod.setVolumes(volumes);
            pod.getContainers().get(0).setVolumeMounts(List.of(new VolumeMountBuilder().withName("host").withMountPath("/host")
                    .withReadOnly(readOnly).build()));
        });
    }

    /** The host-access problem of raw edit {@code reason} in the privileged namespace, finding {@code actual}. */
    private static String hostAccess(String reason, String actual) {
        return "ERROR prod/Deployment web: raw edit \"" + reason + "\" gave its pods access to their node, which the privileged Pod Security "
                + "Standard of namespace demo-prod admits (" + actual + "). " + HINT;
    }

    @Test
    void kubeLinter_hostNetwork() {
        DeploymentDef edited = edited("node network", d -> pod(d).setHostNetwork(true));

        assertThat(onlyProblem(() -> stack(edited)))
                .startsWith("ERROR prod/Deployment web: raw edits make its pods break the restricted Pod Security Standard that namespace demo-prod "
                        + "enforces, so the API server refuses them (host namespaces (hostNetwork, hostPID or hostIPC)).");
        assertThat(onlyProblem(() -> privilegedStack(edited))).isEqualTo(hostAccess("node network", "hostNetwork: true"));
    }

    @Test
    void kubeLinter_hostPid() {
        DeploymentDef edited = edited("node processes", d -> pod(d).setHostPID(true));

        assertThat(onlyProblem(() -> stack(edited))).contains("break the restricted Pod Security Standard", "(host namespaces (hostNetwork, hostPID or hostIPC))");
        assertThat(onlyProblem(() -> privilegedStack(edited))).isEqualTo(hostAccess("node processes", "hostPID: true"));
    }

    @Test
    void kubeLinter_hostIpc() {
        DeploymentDef edited = edited("node ipc", d -> pod(d).setHostIPC(true));

        assertThat(onlyProblem(() -> stack(edited))).contains("break the restricted Pod Security Standard", "(host namespaces (hostNetwork, hostPID or hostIPC))");
        assertThat(onlyProblem(() -> privilegedStack(edited))).isEqualTo(hostAccess("node ipc", "hostIPC: true"));
    }

    @Test
    void kubeLinter_dockerSock() {
        DeploymentDef edited = mountingHostPath("/var/run/docker.sock", false);

        assertThat(onlyProblem(() -> stack(edited))).startsWith("ERROR prod/Deployment web: raw edits make its pods break the restricted Pod Security "
                + "Standard").contains("(volume host is a hostPath)");
        assertThat(onlyProblem(() -> privilegedStack(edited))).isEqualTo(hostAccess("reads the node",
                "volume host: hostPath /var/run/docker.sock, the container runtime's socket, which runs any container on the node, mounted writable"));
    }

    @Test
    void kubeLinter_containerRuntimeSock() {
        assertThat(onlyProblem(() -> privilegedStack(mountingHostPath("/run/containerd/containerd.sock", true)))).isEqualTo(hostAccess("reads the node",
                "volume host: hostPath /run/containerd/containerd.sock, the container runtime's socket, which runs any container on the node"));
        assertThat(onlyProblem(() -> privilegedStack(mountingHostPath("/var/run/crio/crio.sock", true))))
                .contains("hostPath /var/run/crio/crio.sock, the container runtime's socket");
    }

    @Test
    void kubeLinter_sensitiveHostMounts() {
        assertThat(onlyProblem(() -> stack(mountingHostPath("/etc", true)))).contains("break the restricted Pod Security Standard", "(volume host is a hostPath)");
        for (String system : List.of("/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr")) {
            assertThat(onlyProblem(() -> privilegedStack(mountingHostPath(system, true))))
                    .isEqualTo(hostAccess("reads the node", "volume host: hostPath " + system + ", the node's system files"));
        }
    }

    @Test
    void kubeLinter_writableHostMount() {
        assertThat(onlyProblem(() -> stack(mountingHostPath("/var/log", false)))).contains("break the restricted Pod Security Standard", "(volume host is a hostPath)");
        assertThat(onlyProblem(() -> privilegedStack(mountingHostPath("/var/log", false))))
                .isEqualTo(hostAccess("reads the node", "volume host: hostPath /var/log, mounted writable"));
    }

    @Test
    void kubeLinter_unsafeSysctls() {
        DeploymentDef edited = edited("message queues", d -> pod(d).getSecurityContext().setSysctls(List.of(new Sysctl("kernel.msgmax", "65536"),
                new Sysctl("net.ipv4.ip_local_port_range", "1024 65535"))));

        assertThat(onlyProblem(() -> stack(edited))).contains("break the restricted Pod Security Standard", "sysctl kernel.msgmax");
        // The safe set the kubelet allows everywhere is not host access.
        assertThat(onlyProblem(() -> privilegedStack(edited))).isEqualTo(hostAccess("message queues", "unsafe sysctl kernel.msgmax"));
    }

    @Test
    void kubeLinter_unsafeProcMount() {
        DeploymentDef edited = edited("nested containers", d -> pod(d).getContainers().get(0).getSecurityContext().setProcMount("Unmasked"));

        assertThat(onlyProblem(() -> stack(edited))).contains("break the restricted Pod Security Standard", "container web procMount Unmasked");
        assertThat(onlyProblem(() -> privilegedStack(edited))).isEqualTo(hostAccess("nested containers", "container web procMount: Unmasked"));
    }

    @Test
    void a_definitions_host_path_is_judged_by_the_rule_and_a_raw_edit_answers_only_for_what_it_adds() {
        // Volumes.hostPath is the definition's: the rule judges it as it judges a raw edit's, in a privileged namespace.
        DeploymentDef shipper = deployment(LinterParity.container().withReadOnlyMount(Volumes.hostPath("varlog", "/var/log"), "/var/log")
                .withMount(Volumes.hostPath("runtime", "/run/containerd/containerd.sock").withType(HostPathType.SOCKET), "/run/containerd.sock"));

        assertThat(onlyProblem(() -> privilegedStack(shipper))).isEqualTo("ERROR prod/Deployment web: gives its pods access to their node, which "
                + "the privileged Pod Security Standard of namespace demo-prod admits (volume varlog: hostPath /var/log, volume runtime: hostPath "
                + "/run/containerd/containerd.sock, the container runtime's socket, which runs any container on the node, mounted writable). Pods "
                + "that must reach into their node (a node agent) waive the rule with its reason; mount what they only read with "
                + "withReadOnlyMount. Or waive it with .waive(PolicyCheck.HOST_ACCESS, \"<why>\").");
        assertThat(report(() -> privilegedStack(shipper.waive(PolicyCheck.HOST_ACCESS, "the log shipper reads the node's logs")))).isEmpty();
        // Mounted read-only already, the hint does not ask for withReadOnlyMount.
        assertThat(onlyProblem(() -> privilegedStack(deployment(LinterParity.container().withReadOnlyMount(Volumes.hostPath("varlog", "/var/log"),
                "/var/log"))))).endsWith("(volume varlog: hostPath /var/log). Pods that must reach into their node (a node agent) waive the rule "
                + "with its reason. Or waive it with .waive(PolicyCheck.HOST_ACCESS, \"<why>\").");
        // A raw edit of that object answers for the hostPath it adds, not for the definition's.
        DeploymentDef edited = shipper.withRawEdit("reads the node's config", d -> {
            PodSpec pod = pod(d);
            List<Volume> volumes = new ArrayList<>(pod.getVolumes());
            volumes.add(new VolumeBuilder().withName("etc").withNewHostPath().withPath("/etc").endHostPath().build());
            pod.setVolumes(volumes);
            pod.getContainers().get(0).getVolumeMounts().add(new VolumeMountBuilder().withName("etc").withMountPath("/host/etc")
                    .withReadOnly(true).build());
        }).waive(PolicyCheck.HOST_ACCESS, "the log shipper reads the node's logs");
        assertThat(report(() -> privilegedStack(edited.withRawEdit("no-op", d -> { })))).isEmpty();
        DeploymentDef unwaived = shipper.withRawEdit("reads the node's config", d -> {
            PodSpec pod = pod(d);
            List<Volume> volumes = new ArrayList<>(pod.getVolumes());
            volumes.add(new VolumeBuilder().withName("etc").withNewHostPath().withPath("/etc").endHostPath().build());
            pod.setVolumes(volumes);
        });
        assertThat(report(() -> privilegedStack(unwaived))).contains(hostAccess("reads the node's config",
                "volume etc: hostPath /etc, the node's system files"));
    }

    @Test
    void host_access_in_a_privileged_namespace_is_a_policy_rule_every_finding_at_once_waived_by_a_node_agent() {
        DeploymentDef agent = edited("node agent", d -> {
            pod(d).setHostNetwork(true);
            pod(d).setHostPID(true);
            pod(d).getContainers().get(0).getPorts().get(0).setHostPort(8080);
        });

        assertThat(onlyProblem(() -> privilegedStack(agent)))
                .isEqualTo(hostAccess("node agent", "hostNetwork: true, hostPID: true, container web hostPort: 8080").replace("Undo it", "Undo them"));
        assertThat(report(() -> privilegedStack(agent).withPolicy(Policy.RELAXED))).singleElement().asString().startsWith("WARNING prod/Deployment web: ");
        assertThat(report(() -> privilegedStack(agent.waive(PolicyCheck.HOST_ACCESS, "node-exporter reads the node's network and processes")))).isEmpty();
        // Without raw edits there is nothing of the kind to waive.
        assertThat(report(() -> privilegedStack(deployment().waive(PolicyCheck.HOST_ACCESS, "just in case")))).singleElement().asString()
                .startsWith("WARNING prod/Deployment web: waives host-access, which finds nothing to waive here");
    }
}
