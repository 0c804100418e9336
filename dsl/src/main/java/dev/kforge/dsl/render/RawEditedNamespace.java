package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.stack.PodSecurityStandard;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Raw edits of a Namespace may add labels, but not change the Pod Security Admission levels the checks judge the stack's pods
 * by, and may pin a level's version ({@code pod-security.kubernetes.io/enforce-version}) only to one Pod Security Admission reads:
 * it refuses the Namespace for any other value (kubernetes.io, Well-Known Labels: {@code latest} or {@code v<MAJOR>.<MINOR>}).
 */
final class RawEditedNamespace {
    private static final List<String> MODES = List.of("enforce", "warn", "audit");
    private static final Pattern VERSION = Pattern.compile("latest|v1\\.(0|[1-9][0-9]*)");

    private RawEditedNamespace() {
    }

    static void check(KubeObject<?> object, HasMetadata rendered, HasMetadata edited) {
        Map<String, String> was = labels(rendered);
        Map<String, String> now = labels(edited);
        for (String mode : MODES) {
            String key = PodSecurityStandard.LABEL_PREFIX + mode;
            String level = now.get(key);
            if (!Objects.equals(was.get(key), level)) {
                String standard = standard(level);
                throw new RawEditException(object, "raw edits changed label " + key + ", which the checks of the stack's pods read from the definition",
                        was.get(key) + " -> " + (level == null ? "unset" : level), "Set the level with withPodSecurityStandard(" + standard
                        + "), which the checks read" + (standard.equals("..") ? ": privileged, baseline or restricted." : "."), object.meta().origin(), null);
            }
            String version = now.get(key + "-version");
            if (version != null && !VERSION.matcher(version).matches()) {
                throw new RawEditException(object, "raw edits set a Pod Security Admission version the API server refuses, so it refuses the Namespace",
                        key + "-version: " + version, "Give latest or a Kubernetes minor version such as v1.33.", object.meta().origin(), null);
            }
        }
    }

    /** {@code PodSecurityStandard.RESTRICTED} for the label value {@code restricted}; {@code ..} for a value no standard has. */
    private static String standard(String level) {
        return Arrays.stream(PodSecurityStandard.values()).filter(standard -> standard.apiValue().equals(level)).findFirst()
                .map(standard -> "PodSecurityStandard." + standard.name()).orElse("..");
    }

    private static Map<String, String> labels(HasMetadata manifest) {
        return manifest.getMetadata() == null || manifest.getMetadata().getLabels() == null ? Map.of() : manifest.getMetadata().getLabels();
    }
}
