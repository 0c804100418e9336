package dev.kforge.dsl.render;

import dev.kforge.dsl.stack.PodSecurityStandard;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;

/**
 * The Pod Security Standard rules a rendered pod breaks, read from the fabric8 PodSpec: what a raw
 * edit may have set beyond the DSL (host namespaces, host paths, host ports, privileges). The
 * DSL's own settings are checked before rendering by the checks; this runs only on raw-edited pods.
 */
final class RenderedPodSecurity {
    private RenderedPodSecurity() {
    }

    static List<String> violations(PodSpec pod, PodSecurityStandard standard) {
        List<String> violations = new ArrayList<>();
        if (standard == PodSecurityStandard.PRIVILEGED || pod == null) {
            return violations;
        }
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID()) || Boolean.TRUE.equals(pod.getHostIPC())) {
            violations.add("host namespaces (hostNetwork, hostPID or hostIPC)");
        }
        for (Volume volume : orEmpty(pod.getVolumes())) {
            if (volume.getHostPath() != null) {
                violations.add("volume " + volume.getName() + " is a hostPath");
            }
        }
        PodSecurityContext podContext = pod.getSecurityContext();
        if (podContext != null && unconfined(podContext.getSeccompProfile())) {
            violations.add("seccompProfile: Unconfined");
        }
        if (standard == PodSecurityStandard.RESTRICTED && podContext != null) {
            if (Boolean.FALSE.equals(podContext.getRunAsNonRoot())) {
                violations.add("pod runAsNonRoot: false");
            }
            if (podContext.getRunAsUser() != null && podContext.getRunAsUser() == 0) {
                violations.add("pod runAsUser: 0");
            }
        }
        List<Container> containers = new ArrayList<>(orEmpty(pod.getContainers()));
        containers.addAll(orEmpty(pod.getInitContainers()));
        for (Container container : containers) {
            containerViolations(container, standard, violations);
        }
        return violations;
    }

    private static void containerViolations(Container container, PodSecurityStandard standard, List<String> violations) {
        String prefix = "container " + container.getName() + " ";
        for (ContainerPort port : orEmpty(container.getPorts())) {
            if (port.getHostPort() != null && port.getHostPort() != 0) {
                violations.add(prefix + "hostPort " + port.getHostPort());
            }
        }
        SecurityContext context = container.getSecurityContext();
        if (context == null) {
            return;
        }
        if (Boolean.TRUE.equals(context.getPrivileged())) {
            violations.add(prefix + "privileged");
        }
        if (unconfined(context.getSeccompProfile())) {
            violations.add(prefix + "seccompProfile: Unconfined");
        }
        Capabilities capabilities = context.getCapabilities();
        List<String> added = capabilities == null ? List.of() : orEmpty(capabilities.getAdd());
        for (String capability : added) {
            if (!standard.allowsAdding(capability)) {
                violations.add(prefix + "adds " + capability);
            }
        }
        if (standard == PodSecurityStandard.RESTRICTED) {
            if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                violations.add(prefix + "allowPrivilegeEscalation not false");
            }
            if (Boolean.FALSE.equals(context.getRunAsNonRoot())) {
                violations.add(prefix + "runAsNonRoot: false");
            }
            if (context.getRunAsUser() != null && context.getRunAsUser() == 0) {
                violations.add(prefix + "runAsUser: 0");
            }
            if (capabilities == null || !orEmpty(capabilities.getDrop()).contains("ALL")) {
                violations.add(prefix + "does not drop ALL capabilities");
            }
        }
    }

    /** fabric8 leaves unset lists null. */
    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static boolean unconfined(SeccompProfile profile) {
        return profile != null && "Unconfined".equals(profile.getType());
    }
}
