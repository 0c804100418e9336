package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.render.CheckedFields.Field;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Image;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A container a raw edit adds meets the container rules the policy holds the definition's to
 * ({@code ContainerPolicyCheck}, {@code SshPortPolicyCheck}, {@code ProbeProtocolPolicyCheck}): a pinned image that is pulled (not
 * imagePullPolicy Never), cpu and memory requests and limits, no SSH port, and, in pods that run until replaced, a liveness probe,
 * and a readiness probe too where the container declares a port; probes that speak what their ports' names say ({@link RawEditedProbes}).
 * Otherwise an edit would be the way around them. What the object waives, or the stack's policy turns off, is not asked. A container
 * without a valid image or name, two containers of one name, and ephemeral containers, which the API
 * server refuses in a template, are refused too, whatever the policy, and so is a probe of a port name the container does not
 * declare, which the kubelet fails.
 */
final class RawEditedContainers {
    private static final List<String> AMOUNTS = List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory");

    private RawEditedContainers() {
    }

    /** Throws a {@link RawEditException} listing what the containers the edits of {@code object} added lack. */
    static void check(KubeObject<?> object, PodTemplateSpec unedited, PodTemplateSpec edited, boolean runsUntilReplaced, Stack stack) {
        PodSpec pod = edited == null ? null : edited.getSpec();
        if (pod == null) {
            return;
        }
        Set<String> declared = new HashSet<>();
        RawEditedSecurity.containers(unedited).forEach(container -> declared.add(container.getName()));
        Findings findings = new Findings();
        // The API server refuses two containers of a name, init containers included: a copy of a declared one too.
        Set<String> names = new HashSet<>();
        for (Container container : RawEditedSecurity.containers(edited)) {
            if (container.getName() != null && !names.add(container.getName())) {
                findings.refused("container name " + container.getName() + " is given twice");
            }
        }
        if (!RawEditResultCheck.orEmpty(pod.getEphemeralContainers()).isEmpty()) {
            findings.refused("ephemeralContainers, which the API server refuses in a pod template (kubectl debug adds them to a running pod)");
        }
        for (Container container : RawEditResultCheck.orEmpty(pod.getInitContainers())) {
            if (!declared.contains(container.getName())) {
                // A native sidecar (restartPolicy Always) runs beside the main containers for the pod's life.
                judge(container, runsUntilReplaced && "Always".equals(container.getRestartPolicy()), object, stack, findings);
            }
        }
        for (Container container : RawEditResultCheck.orEmpty(pod.getContainers())) {
            if (!declared.contains(container.getName())) {
                judge(container, runsUntilReplaced, object, stack, findings);
            }
        }
        if (!findings.lacking.isEmpty()) {
            // What no rule asks for the API server does (a valid image, a valid unique name, no ephemeral containers), or the kubelet
            // (a probe's port name that the container declares): an error whatever the policy.
            Severity severity = findings.refusedOutright ? Severity.ERROR : PolicyRules.severityOf(findings.rules, stack);
            throw new RawEditException(severity, object, RawEditException.editsOf(object)
                    + " added containers the policy's container rules, the API server or the kubelet refuse",
                    String.join("; ", findings.lacking), "Add them with withSidecar, withNativeSidecar or withInitContainer, where the checks see them, or complete them "
                    + "in the edit" + (findings.rules.isEmpty() ? "." : "; or waive the rule with its reason: " + PolicyRules.waiving(findings.rules) + "."),
                    object.meta().origin(), null);
        }
    }

    /** Adds to {@code findings} what {@code container} lacks; {@code serves}: probes are due. */
    private static void judge(Container container, boolean serves, KubeObject<?> object, Stack stack, Findings findings) {
        String subject = "container " + container.getName();
        if (container.getName() == null || !Names.Rule.DNS1123_LABEL.accepts(container.getName())) {
            findings.refused(container.getName() == null ? "a container has no name"
                    : subject + " is not named by " + Names.Rule.DNS1123_LABEL.description());
        }
        Image image = image(container.getImage());
        if (image == null) {
            findings.refused(subject + (container.getImage() == null || container.getImage().isEmpty() ? " has no image"
                    : " image " + container.getImage() + " is not a repository[:tag][@digest] reference"));
        } else if (PolicyRules.enforced(PolicyCheck.IMAGE_TAG, object, stack) && !pinned(image)) {
            findings.breaks(PolicyCheck.IMAGE_TAG, subject + " image " + container.getImage() + " is not pinned to a version or digest");
        }
        if ("Never".equals(container.getImagePullPolicy()) && PolicyRules.enforced(PolicyCheck.IMAGE_TAG, object, stack)) {
            findings.breaks(PolicyCheck.IMAGE_TAG, subject + " never pulls its image (imagePullPolicy Never), so it starts only on a node "
                    + "that already holds it");
        }
        // Its own amounts (a request may come from its limit): where a LimitRange could give them, RawEditedCheckedFields refuses
        // an added container anyway, as the quota and LimitRange checks count every container.
        Map<String, Field> amounts = new HashMap<>();
        ContainerAmounts.put(amounts, "", container, List.of());
        List<String> missing = AMOUNTS.stream().filter(amount -> !amounts.containsKey(".resources." + amount)).toList();
        if (PolicyRules.enforced(PolicyCheck.RESOURCES, object, stack) && !missing.isEmpty()) {
            findings.breaks(PolicyCheck.RESOURCES, subject + " has no " + String.join(", ", missing));
        }
        boolean ssh = RawEditResultCheck.orEmpty(container.getPorts()).stream().anyMatch(port -> Integer.valueOf(22).equals(port.getContainerPort())
                && (port.getProtocol() == null || port.getProtocol().equals("TCP")));
        if (ssh && PolicyRules.enforced(PolicyCheck.SSH_PORT, object, stack)) {
            findings.breaks(PolicyCheck.SSH_PORT, subject + " declares port 22/TCP, where an SSH server listens");
        }
        // As ContainerPolicyCheck asks: readiness of a container that declares a port, liveness of every one.
        boolean readinessAsked = !RawEditResultCheck.orEmpty(container.getPorts()).isEmpty();
        if (serves && PolicyRules.enforced(PolicyCheck.PROBES, object, stack)
                && (readinessAsked && container.getReadinessProbe() == null || container.getLivenessProbe() == null)) {
            findings.breaks(PolicyCheck.PROBES, subject + " has " + (container.getReadinessProbe() == null ? "no readinessProbe" : "a readinessProbe")
                    + " and " + (container.getLivenessProbe() == null ? "no livenessProbe" : "a livenessProbe"));
        }
        RawEditedProbes.judge(container, object, stack, findings);
    }

    /** What the added containers lack, in the order found, and whether the policy asks for it or the API server or kubelet refuse it. */
    static final class Findings {
        private final List<String> lacking = new ArrayList<>();
        private final Set<PolicyCheck> rules = new LinkedHashSet<>();
        private boolean refusedOutright;

        void refused(String what) {
            lacking.add(what);
            refusedOutright = true;
        }

        void breaks(PolicyCheck rule, String what) {
            lacking.add(what);
            rules.add(rule);
        }
    }

    /** The image a container names, null when it names none or no valid one. */
    private static Image image(String reference) {
        try {
            return Image.parse(reference);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Pinned as the policy sees it: a digest, or a tag that is neither latest, nor a release line, nor a name without a version. */
    private static boolean pinned(Image image) {
        return image.digest().isPresent() || image.tag().filter(tag -> !tag.equals("latest")).isPresent() && !image.tagNamesAReleaseLine()
                && !image.tagMoves();
    }
}
