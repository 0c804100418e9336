package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The security policy's rules ({@code SecurityPolicyCheck}: non-root, read-only root filesystem, no
 * privilege escalation, capabilities, seccomp) read a workload's definition. A raw edit may tighten its
 * pods' settings, but not loosen one a rule enforces, nor add a container that breaks one: the policy
 * would pass pods other than those applied. What the object waives, or the stack's policy turns off, an
 * edit may loosen, as the definition could.
 */
final class RawEditedSecurity {
    private RawEditedSecurity() {
    }

    /** Throws a {@link RawEditException} listing every rule the edits of {@code object} broke that its definition kept. */
    static void check(KubeObject<?> object, PodTemplateSpec unedited, PodTemplateSpec edited, Stack stack) {
        Map<String, Map<PolicyCheck, String>> before = new HashMap<>();
        for (Container container : containers(unedited)) {
            before.put(container.getName(), broken(container, podContext(unedited)));
        }
        List<String> loosened = new ArrayList<>();
        Set<PolicyCheck> rules = new LinkedHashSet<>();
        for (Container container : containers(edited)) {
            Map<PolicyCheck, String> kept = before.getOrDefault(container.getName(), Map.of());
            broken(container, podContext(edited)).forEach((rule, setting) -> {
                if (!kept.containsKey(rule) && PolicyRules.enforced(rule, object, stack)) {
                    loosened.add("container " + container.getName() + " " + setting);
                    rules.add(rule);
                }
            });
        }
        if (!loosened.isEmpty()) {
            throw new RawEditException(PolicyRules.severityOf(rules, stack), object, RawEditException.editsOf(object)
                    + " loosened security settings the policy requires",
                    String.join(", ", loosened), "Undo them in the edit, or set them in the definition (the container's or the workload's "
                    + "withSecurity; a container with withSidecar) and waive the rule there with its reason: "
                    + PolicyRules.waiving(rules) + ".",
                    object.meta().origin(), null);
        }
    }

    /** Each rule {@code container} breaks, with the setting that breaks it, in the policy's order. */
    private static Map<PolicyCheck, String> broken(Container container, PodSecurityContext pod) {
        Map<PolicyCheck, String> broken = new EnumMap<>(PolicyCheck.class);
        SecurityContext own = container.getSecurityContext() == null ? new SecurityContext() : container.getSecurityContext();
        Boolean nonRoot = own.getRunAsNonRoot() != null ? own.getRunAsNonRoot() : pod.getRunAsNonRoot();
        if (!Boolean.TRUE.equals(nonRoot)) {
            broken.put(PolicyCheck.RUN_AS_NON_ROOT, "runAsNonRoot: " + (nonRoot == null ? "unset" : nonRoot));
        }
        if (!Boolean.TRUE.equals(own.getReadOnlyRootFilesystem())) {
            broken.put(PolicyCheck.READ_ONLY_ROOT_FILESYSTEM, "readOnlyRootFilesystem: " + setting(own.getReadOnlyRootFilesystem()));
        }
        if (Boolean.TRUE.equals(own.getPrivileged())) {
            broken.put(PolicyCheck.PRIVILEGE_ESCALATION, "privileged: true");
        } else if (!Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())) {
            broken.put(PolicyCheck.PRIVILEGE_ESCALATION, "allowPrivilegeEscalation: " + setting(own.getAllowPrivilegeEscalation()));
        }
        Capabilities capabilities = own.getCapabilities();
        List<String> drop = capabilities == null ? List.of() : RawEditResultCheck.orEmpty(capabilities.getDrop());
        List<String> add = capabilities == null ? List.of() : RawEditResultCheck.orEmpty(capabilities.getAdd());
        if (!drop.contains("ALL") || add.stream().anyMatch(capability -> !"NET_BIND_SERVICE".equals(capability))) {
            broken.put(PolicyCheck.CAPABILITIES, "capabilities drop: " + drop + ", add: " + add);
        }
        SeccompProfile seccomp = own.getSeccompProfile() != null ? own.getSeccompProfile() : pod.getSeccompProfile();
        String profile = seccomp == null ? null : seccomp.getType();
        // A profile of the node's own (Localhost) confines as much as the runtime's, as the restricted standard agrees.
        if (!"RuntimeDefault".equals(profile) && !"Localhost".equals(profile)) {
            broken.put(PolicyCheck.SECCOMP, "seccompProfile: " + (profile == null ? "unset" : profile));
        }
        return broken;
    }

    private static String setting(Boolean value) {
        return value == null ? "unset" : value.toString();
    }

    /** The init containers, then the containers, of a pod template (none when an edit removed its spec). */
    static List<Container> containers(PodTemplateSpec template) {
        PodSpec pod = template == null ? null : template.getSpec();
        if (pod == null) {
            return List.of();
        }
        List<Container> all = new ArrayList<>(RawEditResultCheck.orEmpty(pod.getInitContainers()));
        all.addAll(RawEditResultCheck.orEmpty(pod.getContainers()));
        return all;
    }

    private static PodSecurityContext podContext(PodTemplateSpec template) {
        PodSpec pod = template == null ? null : template.getSpec();
        return pod == null || pod.getSecurityContext() == null ? new PodSecurityContext() : pod.getSecurityContext();
    }
}
