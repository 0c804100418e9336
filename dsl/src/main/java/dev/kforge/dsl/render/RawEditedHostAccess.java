package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.PodSecurityStandard;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The host-access rule ({@link PolicyCheck#HOST_ACCESS}) on the pods of a privileged namespace: the
 * DSL gives a pod none of its node, so only a raw edit can share the node's namespaces, mount its paths
 * (the container runtime's socket runs any container on the node), bind its ports, set unsafe sysctls or
 * unmask /proc. The baseline and restricted Pod Security Standards refuse all of these (an error,
 * {@link RenderedPodSecurity}); a privileged namespace admits them, so the policy judges them there.
 */
final class RawEditedHostAccess {
    /** The sockets of the container runtimes, by their file name. */
    private static final List<String> RUNTIME_SOCKETS = List.of("docker.sock", "containerd.sock", "crio.sock");
    /** The node's system folders. */
    private static final Set<String> SYSTEM_PATHS = Set.of("/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr");

    private RawEditedHostAccess() {
    }

    /** Throws a {@link RawEditException} listing how the edited pods of {@code object} reach into their node. */
    static void check(KubeObject<?> object, PodTemplateSpec edited, Stack stack) {
        PodSpec pod = edited.getSpec();
        if (stack.namespace().podSecurityStandard() != PodSecurityStandard.PRIVILEGED || pod == null
                || !PolicyRules.enforced(PolicyCheck.HOST_ACCESS, object, stack)) {
            return;
        }
        List<String> access = new ArrayList<>();
        flag(access, "hostNetwork", pod.getHostNetwork());
        flag(access, "hostPID", pod.getHostPID());
        flag(access, "hostIPC", pod.getHostIPC());
        List<Container> containers = RawEditedSecurity.containers(edited);
        for (Volume volume : RawEditResultCheck.orEmpty(pod.getVolumes())) {
            if (volume.getHostPath() != null) {
                access.add(hostPath(volume.getName(), volume.getHostPath().getPath(), containers));
            }
        }
        if (pod.getSecurityContext() != null) {
            for (Sysctl sysctl : RawEditResultCheck.orEmpty(pod.getSecurityContext().getSysctls())) {
                if (!RenderedPodSecurity.isSafeSysctl(sysctl.getName())) {
                    access.add("unsafe sysctl " + sysctl.getName());
                }
            }
        }
        for (Container container : containers) {
            String procMount = container.getSecurityContext() == null ? null : container.getSecurityContext().getProcMount();
            if (procMount != null && !procMount.equals("Default")) {
                access.add("container " + container.getName() + " procMount: " + procMount);
            }
            for (ContainerPort port : RawEditResultCheck.orEmpty(container.getPorts())) {
                if (port.getHostPort() != null && port.getHostPort() != 0) {
                    access.add("container " + container.getName() + " hostPort: " + port.getHostPort());
                }
            }
        }
        if (!access.isEmpty()) {
            throw new RawEditException(PolicyRules.severityOf(List.of(PolicyCheck.HOST_ACCESS), stack), object, RawEditException.editsOf(object)
                    + " gave its pods access to their node, which the privileged Pod Security Standard of namespace " + stack.namespace().name()
                    + " admits", String.join(", ", access), "Undo " + (access.size() == 1 ? "it" : "them") + " in the edit; pods that must reach "
                    + "into their node (a node agent) waive the rule with its reason: " + PolicyRules.waiving(List.of(PolicyCheck.HOST_ACCESS)) + ".",
                    object.meta().origin(), null);
        }
    }

    private static void flag(List<String> access, String field, Boolean value) {
        if (Boolean.TRUE.equals(value)) {
            access.add(field + ": true");
        }
    }

    /** {@code volume logs: hostPath /var/log, mounted writable}, saying what the path gives. */
    private static String hostPath(String volume, String path, List<Container> containers) {
        String given = path == null ? "" : RUNTIME_SOCKETS.stream().anyMatch(path::endsWith)
                ? ", the container runtime's socket, which runs any container on the node"
                : SYSTEM_PATHS.contains(path) ? ", the node's system files" : "";
        boolean writable = containers.stream().flatMap(container -> RawEditResultCheck.orEmpty(container.getVolumeMounts()).stream())
                .anyMatch(mount -> volume.equals(mount.getName()) && !Boolean.TRUE.equals(mount.getReadOnly()));
        return "volume " + volume + ": hostPath " + path + given + (writable ? ", mounted writable" : "");
    }
}
