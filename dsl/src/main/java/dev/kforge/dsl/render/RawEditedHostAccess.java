package dev.kforge.dsl.render;

import dev.kforge.dsl.check.HostPaths;
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
import java.util.ArrayList;
import java.util.List;

/**
 * The host-access rule ({@link PolicyCheck#HOST_ACCESS}) on the pods of a privileged namespace: only a
 * raw edit can share the node's namespaces, bind its ports, set unsafe sysctls or unmask /proc, and mount
 * its paths other than the definition's {@code Volumes.hostPath} (which the policy check of definitions
 * judges; the container runtime's socket runs any container on the node). The baseline and restricted Pod
 * Security Standards refuse all of these (an error, {@link RenderedPodSecurity}); a privileged namespace
 * admits them, so the policy judges them there.
 */
final class RawEditedHostAccess {
    private RawEditedHostAccess() {
    }

    /** Throws a {@link RawEditException} listing how the edited pods of {@code object} reach into their node. */
    static void check(KubeObject<?> object, PodTemplateSpec unedited, PodTemplateSpec edited, Stack stack) {
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
        List<String> defined = unedited == null || unedited.getSpec() == null ? List.of() : hostPaths(unedited.getSpec(), RawEditedSecurity.containers(unedited));
        // The definition's own hostPaths, mounted as it mounts them, are the definition's to answer for.
        hostPaths(pod, containers).stream().filter(volume -> !defined.contains(volume)).forEach(access::add);
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

    private static List<String> hostPaths(PodSpec pod, List<Container> containers) {
        List<String> found = new ArrayList<>();
        for (Volume volume : RawEditResultCheck.orEmpty(pod.getVolumes())) {
            if (volume.getHostPath() != null) {
                found.add(hostPath(volume.getName(), volume.getHostPath().getPath(), containers));
            }
        }
        return found;
    }

    /** {@code volume logs: hostPath /var/log, mounted writable}, saying what the path gives. */
    private static String hostPath(String volume, String path, List<Container> containers) {
        boolean writable = containers.stream().flatMap(container -> RawEditResultCheck.orEmpty(container.getVolumeMounts()).stream())
                .anyMatch(mount -> volume.equals(mount.getName()) && !Boolean.TRUE.equals(mount.getReadOnly()));
        return HostPaths.describe(volume, path, writable);
    }
}
