package dev.kforge.tgr.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kforge.tgr.config.KubernetesSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Lists the pods of the service's own namespace through the Kubernetes API, as a pod does it by hand
 * ({@code curl --cacert .../ca.crt -H "Authorization: Bearer $(cat .../token)"
 * https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT/api/v1/namespaces/$NS/pods}).
 * The token is read at every call, because projected service-account tokens are rotated by the kubelet.
 * Needs RBAC: verb {@code list} on {@code pods} in the namespace.
 */
public final class KubernetesPods {

    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final KubernetesSettings settings;
    private final Optional<String> podNamespace;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final ObjectMapper mapper = new ObjectMapper();
    private volatile HttpClient client;

    /**
     * @param podNamespace the Downward API's {@code POD_NAMESPACE}, used when the namespace file is missing
     */
    public KubernetesPods(KubernetesSettings settings, Optional<String> podNamespace, Duration connectTimeout,
                          Duration readTimeout) {
        this.settings = settings;
        this.podNamespace = podNamespace;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    public PodList list() throws PodsException {
        URI api = settings.apiServer().orElseThrow(() -> new PodsException(503,
                "Not running in a Kubernetes cluster: KUBERNETES_SERVICE_HOST is not set"));
        Path dir = settings.serviceAccountDir();
        String token = readToken(dir.resolve("token"));
        String namespace = namespace(dir.resolve("namespace"));

        HttpRequest request = HttpRequest.newBuilder(api.resolve("/api/v1/namespaces/" + namespace + "/pods"))
                .timeout(readTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> future =
                client(api, dir.resolve("ca.crt")).sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // The request's timeout ends once the headers arrive; this deadline covers the body too.
            response = future.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw notInTime(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw notInTime(cause);
            }
            throw new PodsException(502, "The Kubernetes API at " + api + " could not be reached: "
                    + cause.getClass().getSimpleName(), cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new PodsException(503, "Interrupted while calling the Kubernetes API", e);
        }
        return interpret(namespace, response.statusCode(), response.body());
    }

    private PodsException notInTime(Throwable cause) {
        return new PodsException(502, "The Kubernetes API did not answer within " + readTimeout.toMillis() + " ms", cause);
    }

    private PodList interpret(String namespace, int status, byte[] body) throws PodsException {
        if (status == 403) {
            throw new PodsException(403, "Forbidden by RBAC: this pod's service account may not list pods in namespace \""
                    + namespace + "\". Grant the verb \"list\" on the resource \"pods\" (API group \"\") with a Role or "
                    + "ClusterRole bound to the service account. The API server said: " + apiMessage(body));
        }
        if (status == 401) {
            throw new PodsException(502, "The Kubernetes API rejected the service-account token (HTTP 401)");
        }
        if (status < 200 || status > 299) {
            throw new PodsException(502, "The Kubernetes API answered HTTP " + status + ": " + apiMessage(body));
        }
        try {
            JsonNode root = mapper.readTree(body);
            JsonNode items = root == null ? null : root.get("items");
            if (items == null || !items.isArray()) {
                throw new PodsException(502, "The Kubernetes API's answer is not a pod list");
            }
            List<PodList.Pod> pods = new ArrayList<>(items.size());
            for (JsonNode item : items) {
                pods.add(new PodList.Pod(item.path("metadata").path("name").asText(""),
                        item.path("status").path("phase").asText("Unknown")));
            }
            return new PodList(namespace, pods);
        } catch (IOException e) {
            throw new PodsException(502, "The Kubernetes API's answer is not valid JSON", e);
        }
    }

    /** The {@code message} of a Kubernetes {@code Status} object, or a placeholder. */
    private String apiMessage(byte[] body) {
        try {
            JsonNode root = mapper.readTree(body);
            String message = root == null ? "" : root.path("message").asText("");
            return message.isEmpty() ? "(no message)" : message;
        } catch (IOException e) {
            return "(no message)";
        }
    }

    private static String readToken(Path file) throws PodsException {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new PodsException(503, "The service-account token at " + file + " is empty");
            }
            return token;
        } catch (NoSuchFileException e) {
            throw new PodsException(503, "No service-account token at " + file
                    + ": the pod has automountServiceAccountToken: false, or is not in a cluster", e);
        } catch (IOException e) {
            throw new PodsException(503, "The service-account token at " + file + " cannot be read: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private String namespace(Path file) throws PodsException {
        String namespace;
        try {
            namespace = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            namespace = podNamespace.orElseThrow(() -> new PodsException(503,
                    "The namespace is unknown: " + file + " cannot be read and POD_NAMESPACE is not set"));
        }
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new PodsException(503, "The namespace \"" + namespace + "\" is not a valid Kubernetes namespace name");
        }
        return namespace;
    }

    private HttpClient client(URI api, Path caFile) throws PodsException {
        HttpClient current = client;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (client == null) {
                HttpClient.Builder builder = HttpClient.newBuilder()
                        .connectTimeout(connectTimeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .version(HttpClient.Version.HTTP_1_1);
                if ("https".equalsIgnoreCase(api.getScheme())) {
                    builder.sslContext(trusting(caFile));
                }
                client = builder.build();
            }
            return client;
        }
    }

    /** An SSL context that trusts exactly the cluster's CA certificates. */
    private static SSLContext trusting(Path caFile) throws PodsException {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new PodsException(503, "No certificate in the cluster CA file " + caFile);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("cluster-ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (NoSuchFileException e) {
            throw new PodsException(503, "No cluster CA certificate at " + caFile, e);
        } catch (IOException | GeneralSecurityException e) {
            throw new PodsException(503, "The cluster CA certificate at " + caFile + " cannot be used: "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
