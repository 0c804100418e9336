package dev.kforge.tgr.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.tgr.config.AppConfig;
import dev.kforge.tgr.config.KubernetesSettings;
import dev.kforge.tgr.config.PodInfo;
import dev.kforge.tgr.config.Tuning;
import dev.kforge.tgr.support.FakeKubernetesApi;
import dev.kforge.tgr.support.FakeHttpServer.Reply;
import dev.kforge.tgr.support.Http;
import dev.kforge.tgr.support.TestCertificate;
import dev.kforge.tgr.support.TestServices;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /pods} against a fake API server and a service-account directory written by the test. */
class PodsApiTest {

    @TempDir
    Path serviceAccount;

    private FakeKubernetesApi api;

    @BeforeEach
    void writeServiceAccount() throws IOException {
        Files.writeString(serviceAccount.resolve("token"), "test-sa-token\n");
        Files.writeString(serviceAccount.resolve("namespace"), "team-a");
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private AppConfig inCluster(URI apiServer) {
        return TestServices.config(URI.create("http://127.0.0.1:9"))
                .withKubernetes(new KubernetesSettings(Optional.of(apiServer), serviceAccount));
    }

    @Test
    void lists_the_pods_of_its_own_namespace_with_the_mounted_token() {
        api = FakeKubernetesApi.start(request -> FakeKubernetesApi.podList("team-a",
                "tgr-8d78d599f-pt5xx", "Running", "tgr-8d78d599f-q2w9z", "Pending"));
        JavalinTest.test(TestServices.service(inCluster(api.url())).app(), (server, client) -> {
            Http.Result result = Http.get(client, "/pods");

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.body()).isEqualTo("{\"namespace\":\"team-a\",\"pods\":["
                    + "{\"name\":\"tgr-8d78d599f-pt5xx\",\"phase\":\"Running\"},"
                    + "{\"name\":\"tgr-8d78d599f-q2w9z\",\"phase\":\"Pending\"}]}");
            assertThat(api.calls()).isEqualTo(1);
            assertThat(api.lastRequest().path()).isEqualTo("/api/v1/namespaces/team-a/pods");
            assertThat(api.lastRequest().header("Authorization")).isEqualTo("Bearer test-sa-token");
        });
    }

    @Test
    void reads_the_token_again_at_every_call_because_the_kubelet_rotates_it() {
        api = FakeKubernetesApi.start(request -> FakeKubernetesApi.podList("team-a"));
        JavalinTest.test(TestServices.service(inCluster(api.url())).app(), (server, client) -> {
            Http.get(client, "/pods");
            Files.writeString(serviceAccount.resolve("token"), "rotated-token");

            Http.get(client, "/pods");

            assertThat(api.lastRequest().header("Authorization")).isEqualTo("Bearer rotated-token");
        });
    }

    @Test
    void answers_403_naming_the_missing_rbac_permission_when_the_api_forbids_listing_pods() {
        api = FakeKubernetesApi.start(request -> FakeKubernetesApi.forbidden("team-a"));
        JavalinTest.test(TestServices.service(inCluster(api.url())).app(), (server, client) -> {
            Http.Result result = Http.get(client, "/pods");

            assertThat(result.status()).isEqualTo(403);
            assertThat(result.json().get("error").asText()).isEqualTo(
                    "Forbidden by RBAC: this pod's service account may not list pods in namespace \"team-a\". "
                    + "Grant the verb \"list\" on the resource \"pods\" (API group \"\") with a Role or ClusterRole "
                    + "bound to the service account. The API server said: pods is forbidden: User "
                    + "\"system:serviceaccount:team-a:default\" cannot list resource \"pods\" in API group \"\" "
                    + "in the namespace \"team-a\"");
        });
    }

    @Test
    void answers_502_when_the_api_rejects_the_token_or_fails() {
        api = FakeKubernetesApi.start(request -> Reply.json(401, "{\"kind\":\"Status\",\"message\":\"Unauthorized\"}"));
        JavalinTest.test(TestServices.service(inCluster(api.url())).app(), (server, client) -> {
            Http.Result unauthorized = Http.get(client, "/pods");
            api.respond(request -> Reply.json(500, "{\"kind\":\"Status\",\"message\":\"etcdserver: request timed out\"}"));
            Http.Result failed = Http.get(client, "/pods");

            assertThat(unauthorized.status()).isEqualTo(502);
            assertThat(unauthorized.json().get("error").asText())
                    .isEqualTo("The Kubernetes API rejected the service-account token (HTTP 401)");
            assertThat(failed.status()).isEqualTo(502);
            assertThat(failed.json().get("error").asText())
                    .isEqualTo("The Kubernetes API answered HTTP 500: etcdserver: request timed out");
        });
    }

    @Test
    void answers_502_when_the_api_sends_its_headers_but_not_the_whole_body_within_the_read_timeout() {
        api = FakeKubernetesApi.start(request -> FakeKubernetesApi.podList("team-a", "tgr-1", "Running"));
        api.stallBodies(true);
        AppConfig config = inCluster(api.url()).withTuning(Tuning.defaults().withReadTimeout(Duration.ofMillis(300)));
        JavalinTest.test(TestServices.service(config).app(), (server, client) -> {
            Http.Result result = Http.get(client, "/pods");

            assertThat(result.status()).isEqualTo(502);
            assertThat(result.json().get("error").asText()).isEqualTo("The Kubernetes API did not answer within 300 ms");
        });
    }

    @Test
    void talks_https_to_the_api_server_trusting_only_the_mounted_ca(@TempDir Path keys) throws Exception {
        TestCertificate clusterCa = TestCertificate.create(keys, "cluster");
        TestCertificate otherCa = TestCertificate.create(keys, "other");
        api = FakeKubernetesApi.startTls(request -> FakeKubernetesApi.podList("team-a", "tgr-1", "Running"), clusterCa);

        Files.copy(clusterCa.pem(), serviceAccount.resolve("ca.crt"));
        JavalinTest.test(TestServices.service(inCluster(api.url())).app(), (server, client) -> {
            Http.Result result = Http.get(client, "/pods");

            assertThat(api.url().getScheme()).isEqualTo("https");
            assertThat(result.status()).isEqualTo(200);
            assertThat(result.json().get("pods").get(0).get("name").asText()).isEqualTo("tgr-1");
        });

        Files.copy(otherCa.pem(), serviceAccount.resolve("ca.crt"), StandardCopyOption.REPLACE_EXISTING);
        JavalinTest.test(TestServices.service(inCluster(api.url())).app(), (server, client) -> {
            Http.Result result = Http.get(client, "/pods");

            assertThat(result.status()).isEqualTo(502);
            assertThat(result.json().get("error").asText())
                    .isEqualTo("The Kubernetes API at " + api.url() + " could not be reached: SSLHandshakeException");
            assertThat(api.calls()).isEqualTo(1);
        });
    }

    @Test
    void answers_503_when_the_cluster_ca_is_missing() {
        AppConfig config = inCluster(URI.create("https://127.0.0.1:1"));
        JavalinTest.test(TestServices.service(config).app(), (server, client) -> {
            Http.Result result = Http.get(client, "/pods");

            assertThat(result.status()).isEqualTo(503);
            assertThat(result.json().get("error").asText())
                    .isEqualTo("No cluster CA certificate at " + serviceAccount.resolve("ca.crt"));
        });
    }

    @Test
    void answers_503_when_not_running_in_a_cluster() {
        AppConfig config = TestServices.config(URI.create("http://127.0.0.1:9"));
        JavalinTest.test(TestServices.service(config).app(), (server, client) -> {
            Http.Result result = Http.get(client, "/pods");
            Http.Result head = Http.head(client, "/pods");

            assertThat(result.status()).isEqualTo(503);
            assertThat(result.json().get("error").asText())
                    .isEqualTo("Not running in a Kubernetes cluster: KUBERNETES_SERVICE_HOST is not set");
            assertThat(head.status()).isEqualTo(503);
        });
    }

    @Test
    void answers_503_when_no_token_is_mounted() throws IOException {
        Files.delete(serviceAccount.resolve("token"));
        api = FakeKubernetesApi.start(request -> FakeKubernetesApi.podList("team-a"));
        JavalinTest.test(TestServices.service(inCluster(api.url())).app(), (server, client) -> {
            Http.Result result = Http.get(client, "/pods");

            assertThat(result.status()).isEqualTo(503);
            assertThat(result.json().get("error").asText()).isEqualTo("No service-account token at "
                    + serviceAccount.resolve("token") + ": the pod has automountServiceAccountToken: false, or is not in a cluster");
            assertThat(api.calls()).isZero();
        });
    }

    @Test
    void falls_back_to_pod_namespace_when_the_namespace_file_is_missing() throws IOException {
        Files.delete(serviceAccount.resolve("namespace"));
        api = FakeKubernetesApi.start(request -> FakeKubernetesApi.podList("from-downward-api", "tgr-1", "Running"));
        AppConfig config = inCluster(URI.create("http://unused")).withPod(
                new PodInfo(Optional.empty(), Optional.of("from-downward-api"), Optional.empty()));
        config = config.withKubernetes(new KubernetesSettings(Optional.of(api.url()), serviceAccount));
        JavalinTest.test(TestServices.service(config).app(), (server, client) -> {
            Http.Result result = Http.get(client, "/pods");

            assertThat(result.status()).isEqualTo(200);
            assertThat(api.lastRequest().path()).isEqualTo("/api/v1/namespaces/from-downward-api/pods");
        });
    }
}
