package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Names;
import java.util.Optional;

/**
 * A field of the pod exposed through the Downward API ({@code fieldRef}).
 *
 * @param path        the field path, e.g. {@code metadata.name}
 * @param usableInEnv whether an env var may read it (labels and annotations as a whole only work as files)
 */
public record PodField(String path, boolean usableInEnv) {
    public static final PodField NAME = new PodField("metadata.name", true);
    public static final PodField NAMESPACE = new PodField("metadata.namespace", true);
    public static final PodField UID = new PodField("metadata.uid", true);
    public static final PodField NODE_NAME = new PodField("spec.nodeName", true);
    public static final PodField SERVICE_ACCOUNT_NAME = new PodField("spec.serviceAccountName", true);
    public static final PodField POD_IP = new PodField("status.podIP", true);
    public static final PodField HOST_IP = new PodField("status.hostIP", true);
    /** All labels, one {@code key="value"} per line; only in a downwardAPI volume. */
    public static final PodField LABELS = new PodField("metadata.labels", false);
    /** All annotations, one {@code key="value"} per line; only in a downwardAPI volume. */
    public static final PodField ANNOTATIONS = new PodField("metadata.annotations", false);

    /** One label's value, e.g. {@code label("app.kubernetes.io/version")}. */
    public static PodField label(String key) {
        return new PodField("metadata.labels['" + Names.requireQualifiedKey("PodField", "label key", key) + "']", true);
    }

    /** The key of the one label this field reads ({@link #label}); empty for any other field. */
    public Optional<String> labelKey() {
        String prefix = "metadata.labels['";
        return path.startsWith(prefix) && path.endsWith("']") ? Optional.of(path.substring(prefix.length(), path.length() - 2)) : Optional.empty();
    }

    /** One annotation's value. */
    public static PodField annotation(String key) {
        return new PodField("metadata.annotations['" + Names.requireQualifiedKey("PodField", "annotation key", key) + "']", true);
    }
}
