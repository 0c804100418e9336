package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.PolicyCheck;
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
 * ({@code ContainerPolicyCheck}): a pinned image, cpu and memory requests and limits, and, in pods
 * that run until replaced, a readiness and a liveness probe. Otherwise an edit would be the way
 * around them. What the object waives, or the stack's policy turns off, is not asked. A container
 * without a valid image, and ephemeral containers, which the API server refuses in a template, are
 * refused too.
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
        List<String> lacking = new ArrayList<>();
        Set<String> rules = new LinkedHashSet<>();
        if (!RawEditResultCheck.orEmpty(pod.getEphemeralContainers()).isEmpty()) {
            lacking.add("ephemeralContainers, which the API server refuses in a pod template (kubectl debug adds them to a running pod)");
        }
        for (Container container : RawEditResultCheck.orEmpty(pod.getInitContainers())) {
            if (!declared.contains(container.getName())) {
                // A native sidecar (restartPolicy Always) runs beside the main containers for the pod's life.
                judge(container, runsUntilReplaced && "Always".equals(container.getRestartPolicy()), object, stack, lacking, rules);
            }
        }
        for (Container container : RawEditResultCheck.orEmpty(pod.getContainers())) {
            if (!declared.contains(container.getName())) {
                judge(container, runsUntilReplaced, object, stack, lacking, rules);
            }
        }
        if (!lacking.isEmpty()) {
            throw new RawEditException(object, RawEditException.editsOf(object) + " added containers the policy's container rules or the API server refuse",
                    String.join("; ", lacking), "Add them with withSidecar or withInitContainer, where the checks see them, or complete them "
                    + "in the edit" + (rules.isEmpty() ? "." : "; or waive the rule with its reason: " + PolicyRules.waiving(rules) + "."),
                    object.meta().origin(), null);
        }
    }

    /** Adds to {@code lacking} what {@code container} lacks, and to {@code rules} the rules that ask for it; {@code serves}: probes are due. */
    private static void judge(Container container, boolean serves, KubeObject<?> object, Stack stack,
                              List<String> lacking, Set<String> rules) {
        String subject = "container " + container.getName();
        Image image = image(container.getImage());
        if (image == null) {
            lacking.add(subject + (container.getImage() == null || container.getImage().isEmpty() ? " has no image"
                    : " image " + container.getImage() + " is not a repository[:tag][@digest] reference"));
        } else if (PolicyRules.enforced(PolicyCheck.IMAGE_TAG, object, stack) && !pinned(image)) {
            lacking.add(subject + " image " + container.getImage() + " is not pinned to a version or digest");
            rules.add(PolicyCheck.IMAGE_TAG.name());
        }
        // Its own amounts (a request may come from its limit): where a LimitRange could give them, RawEditedCheckedFields refuses
        // an added container anyway, as the quota and LimitRange checks count every container.
        Map<String, Field> amounts = new HashMap<>();
        ContainerAmounts.put(amounts, "", container, List.of());
        List<String> missing = AMOUNTS.stream().filter(amount -> !amounts.containsKey(".resources." + amount)).toList();
        if (PolicyRules.enforced(PolicyCheck.RESOURCES, object, stack) && !missing.isEmpty()) {
            lacking.add(subject + " has no " + String.join(", ", missing));
            rules.add(PolicyCheck.RESOURCES.name());
        }
        if (serves && PolicyRules.enforced(PolicyCheck.PROBES, object, stack)
                && (container.getReadinessProbe() == null || container.getLivenessProbe() == null)) {
            lacking.add(subject + " has " + (container.getReadinessProbe() == null ? "no readinessProbe" : "a readinessProbe")
                    + " and " + (container.getLivenessProbe() == null ? "no livenessProbe" : "a livenessProbe"));
            rules.add(PolicyCheck.PROBES.name());
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

    /** Pinned as the policy sees it: a digest, or a tag that is neither latest nor a release line. */
    private static boolean pinned(Image image) {
        return image.digest().isPresent() || image.tag().filter(tag -> !tag.equals("latest")).isPresent() && !image.tagNamesAReleaseLine();
    }
}
