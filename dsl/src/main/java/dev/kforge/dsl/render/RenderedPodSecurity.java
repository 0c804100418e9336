package dev.kforge.dsl.render;

import dev.kforge.dsl.stack.PodSecurityStandard;
import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Pod Security Standard rules a rendered pod breaks, read from the fabric8 pod template: what a
 * raw edit may have set beyond the DSL (host namespaces, host paths, host ports, privileges,
 * AppArmor and SELinux options). The
 * DSL's own settings are checked before rendering by the checks; this runs only on raw-edited pods.
 */
final class RenderedPodSecurity {
    /** The sysctls the baseline standard allows. */
    private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
            "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");

    private RenderedPodSecurity() {
    }

    /** Whether the kubelet allows {@code sysctl} on every node, as the baseline standard does. */
    static boolean isSafeSysctl(String sysctl) {
        return SAFE_SYSCTLS.contains(sysctl);
    }

    /** The SELinux types the baseline standard allows a pod or container to set. */
    private static final Set<String> ALLOWED_SELINUX_TYPES = Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t");
    /** The annotation prefix of the AppArmor profiles of pods before Kubernetes 1.30, which the standard still reads. */
    private static final String APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

    static List<String> violations(PodTemplateSpec template, PodSecurityStandard standard) {
        List<String> violations = new ArrayList<>();
        PodSpec pod = template == null ? null : template.getSpec();
        if (standard == PodSecurityStandard.PRIVILEGED || pod == null) {
            return violations;
        }
        Map<String, String> annotations = template.getMetadata() == null ? null : template.getMetadata().getAnnotations();
        if (annotations != null) {
            for (Map.Entry<String, String> annotation : new TreeMap<>(annotations).entrySet()) {
                String profile = annotation.getValue();
                if (annotation.getKey().startsWith(APPARMOR_ANNOTATION) && profile != null && !profile.isEmpty() && !profile.equals("runtime/default")
                        && !profile.startsWith("localhost/")) {
                    violations.add("container " + annotation.getKey().substring(APPARMOR_ANNOTATION.length()) + " AppArmor profile " + profile);
                }
            }
        }
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID()) || Boolean.TRUE.equals(pod.getHostIPC())) {
            violations.add("host namespaces (hostNetwork, hostPID or hostIPC)");
        }
        for (Volume volume : orEmpty(pod.getVolumes())) {
            if (volume.getHostPath() != null) {
                violations.add("volume " + volume.getName() + " is a hostPath");
            } else if (standard == PodSecurityStandard.RESTRICTED && !restrictedVolume(volume)) {
                violations.add("volume " + volume.getName() + " is of a type restricted pods may not mount");
            }
        }
        PodSecurityContext podContext = pod.getSecurityContext() == null ? new PodSecurityContext() : pod.getSecurityContext();
        if (unconfined(podContext.getSeccompProfile())) {
            violations.add("seccompProfile: Unconfined");
        }
        appArmorAndSeLinux("pod ", podContext.getAppArmorProfile(), podContext.getSeLinuxOptions(), violations);
        if (podContext.getWindowsOptions() != null && Boolean.TRUE.equals(podContext.getWindowsOptions().getHostProcess())) {
            violations.add("pod hostProcess");
        }
        for (Sysctl sysctl : orEmpty(podContext.getSysctls())) {
            if (!isSafeSysctl(sysctl.getName())) {
                violations.add("sysctl " + sysctl.getName());
            }
        }
        if (standard == PodSecurityStandard.RESTRICTED) {
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
            containerViolations(container, podContext, standard, violations);
        }
        return violations;
    }

    private static void containerViolations(Container container, PodSecurityContext pod, PodSecurityStandard standard,
                                            List<String> violations) {
        String prefix = "container " + container.getName() + " ";
        for (ContainerPort port : orEmpty(container.getPorts())) {
            if (port.getHostPort() != null && port.getHostPort() != 0) {
                violations.add(prefix + "hostPort " + port.getHostPort());
            }
        }
        // A container without a securityContext breaks every restricted rule its pod does not cover.
        SecurityContext context = container.getSecurityContext() == null ? new SecurityContext() : container.getSecurityContext();
        if (Boolean.TRUE.equals(context.getPrivileged())) {
            violations.add(prefix + "privileged");
        }
        if (unconfined(context.getSeccompProfile())) {
            violations.add(prefix + "seccompProfile: Unconfined");
        }
        appArmorAndSeLinux(prefix, context.getAppArmorProfile(), context.getSeLinuxOptions(), violations);
        if (context.getProcMount() != null && !"Default".equals(context.getProcMount())) {
            violations.add(prefix + "procMount " + context.getProcMount());
        }
        if (context.getWindowsOptions() != null && Boolean.TRUE.equals(context.getWindowsOptions().getHostProcess())) {
            violations.add(prefix + "hostProcess");
        }
        Capabilities capabilities = context.getCapabilities();
        for (String capability : capabilities == null ? List.<String>of() : orEmpty(capabilities.getAdd())) {
            if (!standard.allowsAdding(capability)) {
                violations.add(prefix + "adds " + capability);
            }
        }
        if (standard == PodSecurityStandard.RESTRICTED) {
            if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                violations.add(prefix + "allowPrivilegeEscalation not false");
            }
            if (Boolean.FALSE.equals(context.getRunAsNonRoot()) || context.getRunAsNonRoot() == null && !Boolean.TRUE.equals(pod.getRunAsNonRoot())) {
                violations.add(prefix + "runAsNonRoot not true (here or for the pod)");
            }
            if (context.getRunAsUser() != null && context.getRunAsUser() == 0) {
                violations.add(prefix + "runAsUser: 0");
            }
            if (!confined(context.getSeccompProfile()) && !confined(pod.getSeccompProfile())) {
                violations.add(prefix + "no RuntimeDefault or Localhost seccomp profile (here or for the pod)");
            }
            if (capabilities == null || orEmpty(capabilities.getDrop()).stream().noneMatch(drop -> drop.equalsIgnoreCase("ALL"))) {
                violations.add(prefix + "does not drop ALL capabilities");
            }
        }
    }

    /** Baseline: AppArmor may not be unconfined; SELinux may set only a container type, never a user or role. */
    private static void appArmorAndSeLinux(String prefix, AppArmorProfile appArmor, SELinuxOptions seLinux, List<String> violations) {
        if (appArmor != null && appArmor.getType() != null && !appArmor.getType().equals("RuntimeDefault") && !appArmor.getType().equals("Localhost")) {
            violations.add(prefix + "AppArmor profile " + appArmor.getType());
        }
        if (seLinux == null) {
            return;
        }
        if (seLinux.getType() != null && !ALLOWED_SELINUX_TYPES.contains(seLinux.getType())) {
            violations.add(prefix + "SELinux type " + seLinux.getType());
        }
        if (seLinux.getUser() != null && !seLinux.getUser().isEmpty()) {
            violations.add(prefix + "SELinux user " + seLinux.getUser());
        }
        if (seLinux.getRole() != null && !seLinux.getRole().isEmpty()) {
            violations.add(prefix + "SELinux role " + seLinux.getRole());
        }
    }

    /** The volume types the restricted standard allows. */
    private static boolean restrictedVolume(Volume volume) {
        return volume.getConfigMap() != null || volume.getSecret() != null || volume.getEmptyDir() != null || volume.getDownwardAPI() != null
                || volume.getProjected() != null || volume.getPersistentVolumeClaim() != null || volume.getCsi() != null
                || volume.getEphemeral() != null;
    }

    private static boolean confined(SeccompProfile profile) {
        return profile != null && ("RuntimeDefault".equals(profile.getType()) || "Localhost".equals(profile.getType()));
    }

    /** fabric8 leaves unset lists null. */
    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static boolean unconfined(SeccompProfile profile) {
        return profile != null && "Unconfined".equals(profile.getType());
    }
}
