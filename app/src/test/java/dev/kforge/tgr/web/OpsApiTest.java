package dev.kforge.tgr.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.tgr.TgrContract;
import dev.kforge.tgr.TgrService;
import dev.kforge.tgr.config.AppConfig;
import dev.kforge.tgr.config.PodInfo;
import dev.kforge.tgr.support.FakeGitHub;
import dev.kforge.tgr.support.FakeHttpServer.Reply;
import dev.kforge.tgr.support.Http;
import dev.kforge.tgr.support.TestServices;
import io.javalin.testtools.JavalinTest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Probes, {@code /info} and {@code /metrics}. */
class OpsApiTest {

    private FakeGitHub github;

    @BeforeEach
    void start() {
        github = FakeGitHub.start();
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void health_and_ready_answer_200_at_the_contracts_paths_without_calling_github() {
        TgrService service = TestServices.service(TestServices.config(github.url()));
        JavalinTest.test(service.app(), (server, client) -> {
            Http.Result health = Http.get(client, TgrContract.HEALTH_PATH);
            Http.Result ready = Http.get(client, TgrContract.READY_PATH);

            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
            assertThat(github.calls()).isZero();
        });
    }

    @Test
    void readiness_turns_503_when_the_server_begins_stopping_while_liveness_stays_200() {
        TgrService service = TestServices.service(TestServices.config(github.url()));
        JavalinTest.test(service.app(), (server, client) -> {
            assertThat(service.isReady()).isTrue();
            // The serverStopping event is what Javalin fires first in stop(); fire the same transition directly.
            server.unsafeConfig().pvt.eventManager.fireEvent(io.javalin.event.JavalinLifecycleEvent.SERVER_STOPPING);

            assertThat(Http.get(client, TgrContract.READY_PATH).status()).isEqualTo(503);
            assertThat(Http.get(client, TgrContract.READY_PATH).body()).isEqualTo("{\"status\":\"shutting down\"}");
            assertThat(Http.get(client, TgrContract.HEALTH_PATH).status()).isEqualTo(200);
        });
    }

    @Test
    void info_reports_the_downward_api_values_that_are_set() {
        AppConfig config = TestServices.config(github.url())
                .withPod(new PodInfo(Optional.of("tgr-8d78d599f-pt5xx"), Optional.of("default"), Optional.empty()));
        JavalinTest.test(TestServices.service(config).app(), (server, client) -> {
            Http.Result info = Http.get(client, "/info");

            assertThat(info.status()).isEqualTo(200);
            assertThat(info.body()).isEqualTo("{\"version\":\"" + TgrContract.VERSION
                    + "\",\"env\":\"test\",\"pod_name\":\"tgr-8d78d599f-pt5xx\",\"pod_namespace\":\"default\"}");
        });
    }

    @Test
    void metrics_count_requests_by_route_template_cache_and_upstream_in_prometheus_text_format() {
        TgrService service = TestServices.service(TestServices.config(github.url()));
        JavalinTest.test(service.app(), (server, client) -> {
            Http.get(client, "/?n=1&l=python");               // miss, one upstream call
            Http.get(client, "/?n=2&l=python");               // hit
            Http.get(client, "/?n=0&l=python");               // 400
            Http.get(client, "/secret-path-42");               // 404, must not become a label
            github.respond(request -> Reply.json(500, "{}"));
            Http.get(client, "/?n=1&l=rust");                 // upstream error

            Http.Result metrics = Http.get(client, "/metrics");

            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            List<String> lines = Arrays.asList(metrics.body().split("\n"));
            assertThat(lines).contains(
                    "tgr_build_info{version=\"" + TgrContract.VERSION + "\"} 1",
                    "# TYPE tgr_http_requests_total counter",
                    "tgr_http_requests_total{route=\"/\",method=\"GET\",status=\"200\"} 2",
                    "tgr_http_requests_total{route=\"/\",method=\"GET\",status=\"400\"} 1",
                    "tgr_http_requests_total{route=\"/\",method=\"GET\",status=\"502\"} 1",
                    "tgr_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1",
                    "# TYPE tgr_http_request_duration_seconds histogram",
                    "tgr_http_request_duration_seconds_bucket{route=\"/\",le=\"+Inf\"} 4",
                    "tgr_http_request_duration_seconds_count{route=\"/\"} 4",
                    "tgr_cache_hits_total 1",
                    "tgr_cache_misses_total 2",
                    "tgr_upstream_calls_total 2",
                    "tgr_upstream_errors_total{reason=\"http_error\"} 1",
                    "tgr_cache_entries 1",
                    "tgr_ready 1");
            assertThat(metrics.body()).doesNotContain("secret-path-42");
            assertThat(lines).filteredOn(l -> l.startsWith("tgr_http_request_duration_seconds_bucket{route=\"/\""))
                    .hasSize(12);
            // Every sample line is "name{labels} value" or "name value".
            assertThat(lines).allMatch(l -> l.startsWith("# ") || l.matches("[a-z_]+(\\{[^}]*})? [0-9.eE+-]+"));
        });
    }
}
