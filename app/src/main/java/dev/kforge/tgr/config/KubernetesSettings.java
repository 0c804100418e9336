package dev.kforge.tgr.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the Kubernetes API is and where the pod's service-account credentials are mounted.
 *
 * @param apiServer         base URL of the API server; empty when not running in a cluster. In a pod it is
 *                          {@code https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT}; tests pass a
 *                          plain-HTTP fake on 127.0.0.1.
 * @param serviceAccountDir directory holding {@code token}, {@code ca.crt} and {@code namespace}
 */
public record KubernetesSettings(Optional<URI> apiServer, Path serviceAccountDir) {

    /** The directory the kubelet mounts the service account's credentials at. */
    public static final Path DEFAULT_SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    public static KubernetesSettings notInCluster() {
        return new KubernetesSettings(Optional.empty(), DEFAULT_SERVICE_ACCOUNT_DIR);
    }

    public boolean inCluster() {
        return apiServer.isPresent();
    }
}
