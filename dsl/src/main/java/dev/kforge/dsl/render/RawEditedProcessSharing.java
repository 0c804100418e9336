package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.List;

/**
 * The shared-process-namespace rule ({@link PolicyCheck#SHARED_PROCESS_NAMESPACE}): the DSL keeps each container's processes its
 * own, and only a raw edit sets {@code shareProcessNamespace}. With it, a container running as the same user as another reads
 * that one's {@code /proc/<pid>/environ} (its Secret env vars) and, through {@code /proc/<pid>/root}, its files.
 */
final class RawEditedProcessSharing {
    private RawEditedProcessSharing() {
    }

    /** Throws a {@link RawEditException} when the edits of {@code object} made its pods share their process namespace. */
    static void check(KubeObject<?> object, PodTemplateSpec unedited, PodTemplateSpec edited, Stack stack) {
        if (!shares(edited) || shares(unedited) || !PolicyRules.enforced(PolicyCheck.SHARED_PROCESS_NAMESPACE, object, stack)) {
            return;
        }
        List<PolicyCheck> rule = List.of(PolicyCheck.SHARED_PROCESS_NAMESPACE);
        throw new RawEditException(PolicyRules.severityOf(rule, stack), object, RawEditException.editsOf(object) + " shared its pods' process "
                + "namespace: each container sees the others' processes and, running as the same user, reads their environment "
                + "(/proc/<pid>/environ: the Secret values they take as env vars) and their root filesystems (/proc/<pid>/root)",
                "shareProcessNamespace: true", "Let containers meet through files (a shared Volumes.emptyDir) or the network, and debug a "
                + "running container with kubectl debug --target=<container>; a sidecar that must signal another container's process "
                + "waives the rule with its reason: " + PolicyRules.waiving(rule) + ".", object.meta().origin(), null);
    }

    private static boolean shares(PodTemplateSpec template) {
        return template != null && template.getSpec() != null && Boolean.TRUE.equals(template.getSpec().getShareProcessNamespace());
    }
}
