package dev.kforge.tgr.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.tgr.TgrService;
import dev.kforge.tgr.support.FakeGitHub;
import dev.kforge.tgr.support.Http;
import dev.kforge.tgr.support.TestServices;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.TestConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The request log line: built by concatenation, it must stay what {@code String.format} made of it. */
class RequestLogTest {

    /** Logs are captured by the test, not by JavalinTest. */
    private static final TestConfig OWN_LOG_CAPTURE = new TestConfig(true, false);

    @Test
    void logs_one_line_per_request_with_method_route_status_duration_and_cache() {
        try (FakeGitHub github = FakeGitHub.start()) {
            TgrService service = TestServices.service(TestServices.config(github.url()));
            String logs = JavalinTest.captureStdOut(() -> JavalinTest.test(service.app(), OWN_LOG_CAPTURE,
                    (server, client) -> {
                        Http.get(client, "/?n=1&l=python");
                        Http.get(client, "/?n=2&l=python");
                        Http.get(client, "/?n=0&l=python");
                        Http.get(client, "/health");
                    }));

            // Without JavalinTest's own request once the test is done (DELETE, unmatched).
            List<String> lines = Arrays.stream(logs.split("\n")).filter(l -> l.contains(" http - method=GET ")).toList();
            assertThat(lines).hasSize(4);
            String prefix = "^\\S+ INFO http - ";
            assertThat(lines.get(0)).matches(prefix + "method=GET route=/ status=200 duration_ms=\\d+\\.\\d cache=MISS$");
            assertThat(lines.get(1)).matches(prefix + "method=GET route=/ status=200 duration_ms=\\d+\\.\\d cache=HIT$");
            assertThat(lines.get(2)).matches(prefix + "method=GET route=/ status=400 duration_ms=\\d+\\.\\d$");
            assertThat(lines.get(3)).matches(prefix + "method=GET route=/health status=200 duration_ms=\\d+\\.\\d$");
        }
    }

    @Test
    void labels_a_method_a_route_does_not_answer_with_that_route_and_an_unknown_path_as_unmatched() {
        try (FakeGitHub github = FakeGitHub.start()) {
            TgrService service = TestServices.service(TestServices.config(github.url()));
            String logs = JavalinTest.captureStdOut(() -> JavalinTest.test(service.app(), OWN_LOG_CAPTURE, (server, client) -> {
                assertThat(Http.raw(server.port(), "POST /health HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
                        .startsWith("HTTP/1.1 405");
                assertThat(Http.raw(server.port(), "POST /nowhere HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
                        .startsWith("HTTP/1.1 404");
            }));

            // A 405 is a request to a route that exists, by another method: a dashboard of /health's requests shows it there.
            assertThat(logs).containsPattern("INFO http - method=POST route=/health status=405 duration_ms=\\d+\\.\\d\n")
                    .containsPattern("INFO http - method=POST route=unmatched status=404 duration_ms=\\d+\\.\\d\n");
            assertThat(service.metrics().render()).contains("tgr_http_requests_total{route=\"/health\",method=\"POST\",status=\"405\"} 1\n");
        }
    }

    /** Answered by Jetty before routing: Javalin's request logger never sees them. */
    static Stream<Arguments> requestsJettyAnswers() {
        return Stream.of(
                Arguments.of("GET / HTTP/1.1\r\nthis is not a header", 400, "GET"),
                // Refused before its request line was read whole: no method, named as Javalin names unknown ones.
                Arguments.of("GET /?n=1&l=python&x=" + "X".repeat(9_000) + " HTTP/1.1", 414, "INVALID"),
                Arguments.of("GET /health HTTP/2.0", 426, "GET"),
                // A second Host header: Jetty's parser used to WARN with both values.
                Arguments.of("GET /health HTTP/1.1\r\nHost: secret-value.example", 400, "GET"),
                Arguments.of("GET /?n=1&l=python HTTP/1.1\r\nX-Big: " + "secret-value-".repeat(1_000), 431, "GET"));
    }

    @ParameterizedTest
    @MethodSource("requestsJettyAnswers")
    void logs_and_counts_the_requests_jetty_answers_before_routing_without_header_values(
            String head, int status, String method) {
        try (FakeGitHub github = FakeGitHub.start()) {
            TgrService service = TestServices.service(TestServices.config(github.url()));
            String logs = JavalinTest.captureStdOut(() -> JavalinTest.test(service.app(), OWN_LOG_CAPTURE,
                    (server, client) -> assertThat(Http.raw(server.port(), head + "\r\nHost: localhost\r\n\r\n"))
                            .startsWith("HTTP/1.1 " + status)));

            // Read once the server has stopped: Jetty may log what it answered itself after the client has read it.
            List<String> lines = Arrays.stream(logs.split("\n")).filter(l -> l.contains(" http - ")).toList();
            assertThat(lines).filteredOn(l -> !l.contains("method=DELETE")) // JavalinTest's own request at the end
                    .singleElement().asString()
                    .matches("^\\S+ INFO http - method=" + method + " route=unmatched status=" + status
                            + " duration_ms=\\d+\\.\\d$");
            assertThat(logs).doesNotContain("secret-value");
            assertThat(service.metrics().render())
                    .contains("tgr_http_requests_total{route=\"unmatched\",method=\"" + method + "\",status=\"" + status
                            + "\"} 1\n");
        }
    }

    @Test
    void formats_the_duration_exactly_as_string_format_did() {
        List<Double> durations = new ArrayList<>(List.of(0.0, 0.04, 0.05, 0.05000001, 0.15, 0.25, 0.35, 0.45, 0.95,
                0.96, 1.05, 2.25, 9.95, 99.95, 999.95, 1e-7, 123456.75, 9_999_999.95, 1e7, 1.5e9, 3.4e38,
                Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, -0.0, -1.25));
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            // As the request logger gets them: float milliseconds, widened to double.
            float ms = i % 2 == 0 ? random.nextFloat() * 100 : (random.nextInt(1_000_000) + 0.5f) / 100f;
            durations.add((double) ms);
            durations.add((double) Math.nextUp(ms));
            durations.add((double) Math.nextDown(ms));
        }

        for (double ms : durations) {
            assertThat(RequestLog.oneDecimal(ms)).as("%s", ms).isEqualTo(String.format(Locale.ROOT, "%.1f", ms));
        }
    }
}
