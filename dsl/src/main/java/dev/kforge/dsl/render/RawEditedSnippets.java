package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.network.NginxSnippets;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/** The nginx-snippet rule ({@link PolicyCheck#NGINX_SNIPPET}) on the snippet annotations an Ingress's raw edits add. */
final class RawEditedSnippets {
    private RawEditedSnippets() {
    }

    /** Throws a {@link RawEditException} naming the snippet annotations the edits added; the definition's own are the checks'. */
    static void check(KubeObject<?> object, HasMetadata unedited, HasMetadata ingress, Stack stack) {
        if (!PolicyRules.enforced(PolicyCheck.NGINX_SNIPPET, object, stack)) {
            return;
        }
        List<String> defined = NginxSnippets.in(annotations(unedited));
        List<String> added = NginxSnippets.in(annotations(ingress)).stream().filter(key -> !defined.contains(key)).toList();
        if (!added.isEmpty()) {
            List<PolicyCheck> rule = List.of(PolicyCheck.NGINX_SNIPPET);
            throw new RawEditException(PolicyRules.severityOf(rule, stack), object, RawEditException.editsOf(object) + " set " + NginxSnippets.RISK,
                    String.join(", ", added), NginxSnippets.FIX + " Or waive it with " + PolicyRules.waiving(rule) + ".",
                    object.meta().origin(), null);
        }
    }

    private static Map<String, String> annotations(HasMetadata manifest) {
        Map<String, String> annotations = manifest.getMetadata() == null ? null : manifest.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }
}
