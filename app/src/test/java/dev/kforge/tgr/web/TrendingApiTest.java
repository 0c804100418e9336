package dev.kforge.tgr.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kforge.tgr.TgrService;
import dev.kforge.tgr.config.AppConfig;
import dev.kforge.tgr.config.Tuning;
import dev.kforge.tgr.support.FakeGitHub;
import dev.kforge.tgr.support.FakeHttpServer.Reply;
import dev.kforge.tgr.support.Fixtures;
import dev.kforge.tgr.support.Http;
import dev.kforge.tgr.support.MutableClock;
import dev.kforge.tgr.support.RawUpstream;
import dev.kforge.tgr.support.TestServices;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.TestCase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /?n=&l=} against a fake GitHub on 127.0.0.1: answers, validation, upstream failures, caching. */
class TrendingApiTest {

    private static final String N_ALLOWED = "expected an integer from 1 to 100";
    private static final String L_ALLOWED =
            "expected a language name of at most 50 characters: letters, digits, '+', '#', '-', '.' and spaces";

    private FakeGitHub github;
    private MutableClock clock;

    @BeforeEach
    void startFakeGitHub() {
        github = FakeGitHub.start();
        clock = MutableClock.atFixedStart();
    }

    @AfterEach
    void stopFakeGitHub() {
        github.close();
    }

    private void run(TestCase test) {
        run(TestServices.config(github.url()), clock, test);
    }

    private static void run(AppConfig config, Clock clock, TestCase test) {
        TgrService service = TestServices.service(config, clock);
        JavalinTest.test(service.app(), test);
    }

    @Test
    void answers_the_first_n_repositories_most_stars_first_as_githubs_own_objects() {
        run((server, client) -> {
            Http.Result result = Http.get(client, "/?n=3&l=python");

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.contentType()).startsWith("application/json");
            JsonNode body = result.json();
            assertThat(fieldNames(body)).containsExactly("repos", "status");
            assertThat(body.get("status").asText()).isEqualTo("ok");
            JsonNode repos = body.get("repos");
            assertThat(repos).hasSize(3);
            assertThat(stars(repos)).containsExactly(71222, 71122, 71022);
            // The first one is the seed's awesome-python search item, every field untouched.
            assertThat(repos.get(0)).isEqualTo(Fixtures.repository("python", 0));
            assertThat(fieldNames(repos.get(1))).contains("id", "name", "full_name", "owner", "html_url",
                    "description", "stargazers_count", "forks_count", "language", "license", "score");
            assertThat(repos.get(1).get("owner").get("login").asText()).isEqualTo("owner-python-1");
            assertThat(result.header("X-Cache")).isEqualTo("MISS");
        });
    }

    @Test
    void sends_one_search_with_the_language_quoted_sorted_by_stars() {
        run((server, client) -> {
            Http.get(client, "/?n=3&l=python");

            assertThat(github.calls()).isEqualTo(1);
            FakeGitHub.Request request = github.lastRequest();
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualTo("/search/repositories");
            assertThat(request.query()).containsEntry("q", "language:\"python\"").containsEntry("sort", "stars")
                    .containsEntry("order", "desc").containsEntry("per_page", "100");
            assertThat(request.header("Accept")).isEqualTo("application/vnd.github+json");
            assertThat(request.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
            assertThat(request.header("Authorization")).isNull(); // anonymous
            assertThat(request.header("Accept-Encoding")).contains("gzip"); // and the fake answered gzipped
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "c%2B%2B|c++",
        "C%23|c#",
        "Objective-C|objective-c",
        "Visual%20Basic%20.NET|visual basic .net",
        "%20%20Jupyter%20%20%20Notebook%20|jupyter notebook",
    })
    void quotes_and_normalizes_the_language_so_it_stays_one_qualifier(String rawL, String searched) {
        run((server, client) -> {
            assertThat(Http.get(client, "/?n=1&l=" + rawL).status()).isEqualTo(200);

            assertThat(github.lastRequest().query().get("q")).isEqualTo("language:\"" + searched + "\"");
        });
    }

    @Test
    void answers_fewer_repositories_when_github_finds_fewer_than_n() {
        github.respond(request -> github.searchReply(FakeGitHub.language(request), 100, 2));
        run((server, client) -> {
            JsonNode repos = Http.get(client, "/?n=50&l=zig").json().get("repos");

            assertThat(repos).hasSize(2);
        });
    }

    @Test
    void says_so_when_github_reports_its_search_as_incomplete_and_keeps_saying_so_from_the_cache() {
        github.respond(request -> Reply.json(200, Fixtures.searchBody(FakeGitHub.language(request), 100, 5)
                .replace("\"incomplete_results\":false", "\"incomplete_results\":true")));
        run((server, client) -> {
            Http.Result miss = Http.get(client, "/?n=3&l=javascript");
            Http.Result hit = Http.get(client, "/?n=3&l=javascript");

            for (Http.Result result : List.of(miss, hit)) {
                assertThat(result.status()).isEqualTo(200);
                assertThat(fieldNames(result.json())).containsExactly("repos", "status", "incomplete_results");
                assertThat(result.json().get("status").asText()).isEqualTo("ok");
                assertThat(result.json().get("incomplete_results").asBoolean()).isTrue();
                assertThat(result.json().get("repos")).hasSize(3);
            }
            assertThat(hit.header("X-Cache")).isEqualTo("HIT");
            assertThat(github.calls()).isEqualTo(1);
        });
    }

    @Test
    void passes_repositories_with_null_description_language_and_license_through_unchanged() {
        ObjectNode bare = Fixtures.repository("python", 0).deepCopy();
        bare.putNull("description").putNull("language").putNull("license");
        github.respond(request -> Reply.json(200, "{\"total_count\":1,\"incomplete_results\":false,\"items\":["
                + bare + "]}"));
        run((server, client) -> {
            Http.Result result = Http.get(client, "/?n=3&l=python");

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.json().get("repos")).containsExactly(bare);
        });
    }

    @Test
    void answers_up_to_one_hundred_repositories() {
        run((server, client) -> {
            JsonNode repos = Http.get(client, "/?n=100&l=go").json().get("repos");

            assertThat(repos).hasSize(100);
            assertThat(stars(repos)).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        });
    }

    static Stream<Arguments> invalidQueries() {
        return Stream.of(
                Arguments.of("/?l=python", "Missing parameter 'n': " + N_ALLOWED),
                Arguments.of("/?n=abc&l=python", "Invalid parameter 'n': 'abc' is not an integer; " + N_ALLOWED),
                Arguments.of("/?n=1.5&l=python", "Invalid parameter 'n': '1.5' is not an integer; " + N_ALLOWED),
                Arguments.of("/?n=&l=python", "Invalid parameter 'n': it is empty; " + N_ALLOWED),
                Arguments.of("/?n&l=python", "Invalid parameter 'n': it is empty; " + N_ALLOWED),
                // A '+' in a URL query is a space: the value shown is the decoded one, so say why.
                Arguments.of("/?n=+5&l=python",
                        "Invalid parameter 'n': ' 5' is not an integer (a '+' in a URL query is a space); " + N_ALLOWED),
                // Parameter names are matched exactly: a client writing N= or L= learns why n and l are missing.
                Arguments.of("/?N=5&L=python", "Missing parameter 'n': 'N' was given, and parameter names are lower-case; "
                        + N_ALLOWED + "; Missing parameter 'l': 'L' was given, and parameter names are lower-case; " + L_ALLOWED),
                // Not a replacement character the client never sent: what it did send is not UTF-8.
                Arguments.of("/?n=3&l=py%C3", "Invalid parameter 'l': 'py%C3' is not valid percent-encoding: "
                        + "each '%' must be followed by two hex digits and the bytes must be UTF-8 (%25 for '%' itself); "
                        + L_ALLOWED),
                Arguments.of("/?n=0&l=python", "Invalid parameter 'n': '0' is out of range; " + N_ALLOWED),
                Arguments.of("/?n=101&l=python", "Invalid parameter 'n': '101' is out of range; " + N_ALLOWED),
                Arguments.of("/?n=-3&l=python", "Invalid parameter 'n': '-3' is out of range; " + N_ALLOWED),
                Arguments.of("/?n=99999999999&l=python",
                        "Invalid parameter 'n': '99999999999' is out of range; " + N_ALLOWED),
                Arguments.of("/?n=3", "Missing parameter 'l': " + L_ALLOWED),
                Arguments.of("/?n=3&l=", "Invalid parameter 'l': it is empty; " + L_ALLOWED),
                Arguments.of("/?n=3&l=%20%20", "Invalid parameter 'l': it is empty; " + L_ALLOWED),
                Arguments.of("/?n=3&l=" + "a".repeat(51), "Invalid parameter 'l': 51 characters is too long; " + L_ALLOWED),
                Arguments.of("/?n=3&l=python%20stars:%3E1",
                        "Invalid parameter 'l': character ':' is not allowed; " + L_ALLOWED),
                Arguments.of("/?n=3&l=python%22%20OR%20%22", "Invalid parameter 'l': character '\"' is not allowed; " + L_ALLOWED),
                Arguments.of("/?n=3&l=py%0Athon", "Invalid parameter 'l': character U+000A is not allowed; " + L_ALLOWED),
                Arguments.of("/?n=3&l=pyth%C3%B6n", "Invalid parameter 'l': character U+00F6 is not allowed; " + L_ALLOWED),
                // Integer.parseInt reads other scripts' digits: Arabic-Indic five, fullwidth five.
                Arguments.of("/?n=%D9%A5&l=python", "Invalid parameter 'n': '\u0665' is not an integer; " + N_ALLOWED),
                Arguments.of("/?n=%EF%BC%95&l=python", "Invalid parameter 'n': '\uFF15' is not an integer; " + N_ALLOWED),
                Arguments.of("/?n=5&n=6&l=python",
                        "Invalid parameter 'n': given 2 times ('5', '6'); expected one value: an integer from 1 to 100"),
                // The count, and the first values only: n= repeated to fill the 8 KiB URI made an 8 KB message.
                Arguments.of("/?n=1&n=2&n=3&n=4&l=python",
                        "Invalid parameter 'n': given 4 times ('1', '2', '3', ...); expected one value: an integer from 1 to 100"),
                Arguments.of("/?n=3&l=python&l=rust&l=", "Invalid parameter 'l': given 3 times ('python', 'rust', ''); "
                        + "expected one value: a language name of at most 50 characters: letters, digits, '+', '#', '-', '.' and spaces"),
                Arguments.of("/", "Missing parameter 'n': " + N_ALLOWED + "; Missing parameter 'l': " + L_ALLOWED));
    }

    @ParameterizedTest
    @MethodSource("invalidQueries")
    void rejects_invalid_parameters_with_400_naming_the_parameter_and_what_is_allowed(String path, String error) {
        run((server, client) -> {
            Http.Result result = Http.get(client, path);

            assertThat(result.status()).isEqualTo(400);
            assertThat(result.contentType()).startsWith("application/json");
            assertThat(fieldNames(result.json())).containsExactly("error");
            assertThat(result.json().get("error").asText()).isEqualTo(error);
            assertThat(github.calls()).isZero();
        });
    }

    /** Only punctuation names no language GitHub knows, and would cost a GitHub call and a cache entry. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"-|-", ".|.", "..|..", "%23|#", "%2B%2B|++", "-%20.|- ."})
    void rejects_a_language_with_no_letter_or_digit_naming_it(String rawL, String decoded) {
        run((server, client) -> {
            Http.Result result = Http.get(client, "/?n=3&l=" + rawL);

            assertThat(result.status()).isEqualTo(400);
            assertThat(result.json().get("error").asText())
                    .isEqualTo("Invalid parameter 'l': '" + decoded + "' has no letter or digit; " + L_ALLOWED);
            assertThat(github.calls()).isZero();
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/?n=3&l=py%ZZ|Invalid parameter 'l': 'py%ZZ' is not valid percent-encoding: each '%' must be followed by two "
                + "hex digits and the bytes must be UTF-8 (%25 for '%' itself)",
        "/?n=3&l=py%2|Invalid parameter 'l': 'py%2' is not valid percent-encoding: each '%' must be followed by two "
                + "hex digits and the bytes must be UTF-8 (%25 for '%' itself)",
        "/?n=%ZZ&l=python|Invalid parameter 'n': '%ZZ' is not valid percent-encoding: each '%' must be followed by two "
                + "hex digits and the bytes must be UTF-8 (%25 for '%' itself)"})
    void rejects_a_parameter_that_is_not_valid_percent_encoding_as_invalid_not_missing(String target, String error)
            throws Exception {
        run((server, client) -> {
            // Raw: OkHttp would re-encode the stray '%'.
            String answer = Http.raw(server.port(), "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(answer).contains("{\"error\":\"" + error + "; expected ");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/?n=3&l=C++|Invalid parameter 'l': 'C++' ends with '+', which a URL query decodes as a space; "
                + "write '+' as %2B (l=C%2B%2B for C++)",
        "/?n=3&l=Objective-C++|Invalid parameter 'l': 'Objective-C++' ends with '+', which a URL query decodes as a space; "
                + "write '+' as %2B (l=C%2B%2B for C++)",
        "/?n=3&l=+python|Invalid parameter 'l': '+python' starts with '+', which a URL query decodes as a space; "
                + "write '+' as %2B (l=C%2B%2B for C++)"})
    void rejects_a_language_that_starts_or_ends_with_an_unencoded_plus_instead_of_searching_without_it(
            String target, String error) throws Exception {
        run((server, client) -> {
            // Raw: the '+' must reach the service as sent, the way curl and browsers send it.
            String answer = Http.raw(server.port(), "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(answer).endsWith("{\"error\":\"" + error + "\"}");
            assertThat(github.calls()).isZero();
        });
    }

    @Test
    void reads_a_plus_between_words_as_a_space_as_url_queries_do() {
        run((server, client) -> {
            assertThat(Http.get(client, "/?n=1&l=Visual+Basic+.NET").status()).isEqualTo(200);

            assertThat(github.lastRequest().query().get("q")).isEqualTo("language:\"visual basic .net\"");
        });
    }

    @Test
    void answers_502_when_github_does_not_answer_within_the_read_timeout() {
        github.respond(request -> {
            github.awaitRelease();
            return github.search(request);
        });
        AppConfig config = TestServices.config(github.url())
                .withTuning(Tuning.defaults().withReadTimeout(Duration.ofMillis(300)));
        run(config, clock, (server, client) -> {
            Http.Result result = Http.get(client, "/?n=1&l=python");

            assertThat(result.status()).isEqualTo(502);
            assertThat(result.json().get("error").asText()).isEqualTo("GitHub did not answer within 300 ms");
            assertThat(github.calls()).isEqualTo(1); // no silent retries
        });
    }

    @Test
    void answers_502_naming_the_connect_timeout_when_github_does_not_accept_the_connection() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // The kernel holds a backlog of one unaccepted connection; beyond it, connection attempts go unanswered.
            List<SocketChannel> queued = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()));
                queued.add(channel);
            }
            AppConfig config = TestServices.config(URI.create("http://127.0.0.1:" + full.getLocalPort()))
                    .withTuning(Tuning.defaults().withConnectTimeout(Duration.ofMillis(300)));
            try {
                run(config, clock, (server, client) -> {
                    Http.Result result = Http.get(client, "/?n=1&l=python");

                    assertThat(result.status()).isEqualTo(502);
                    assertThat(result.json().get("error").asText())
                            .isEqualTo("GitHub could not be reached: no connection within 300 ms");
                });
            } finally {
                for (SocketChannel channel : queued) {
                    channel.close();
                }
            }
        }
    }

    @Test
    void answers_502_when_github_sends_its_headers_but_not_the_whole_body_within_the_read_timeout() {
        github.stallBodies(true);
        AppConfig config = TestServices.config(github.url())
                .withTuning(Tuning.defaults().withReadTimeout(Duration.ofMillis(300)));
        run(config, clock, (server, client) -> {
            Http.Result result = Http.get(client, "/?n=1&l=python");

            assertThat(result.status()).isEqualTo(502);
            assertThat(result.json().get("error").asText()).isEqualTo("GitHub did not answer within 300 ms");
        });
    }

    @Test
    void answers_502_naming_the_closed_connection_when_github_closes_it_without_answering_and_keeps_no_failure() {
        github.respond(request -> null); // the fake drops the connection without a status line
        run((server, client) -> {
            Http.Result result = Http.get(client, "/?n=1&l=python");

            assertThat(result.status()).isEqualTo(502);
            assertThat(result.contentType()).startsWith("application/json");
            assertThat(result.json().get("error").asText()).isEqualTo("GitHub closed the connection without a complete answer");
            // The JDK's client sends a GET again, once, when a connection closes before any byte of an answer: what a
            // keep-alive connection the server closed while idle looks like. Never more.
            assertThat(github.calls()).isEqualTo(2);

            github.respond(github::search);
            assertThat(Http.get(client, "/?n=1&l=python").header("X-Cache")).isEqualTo("MISS");
            assertThat(github.calls()).isEqualTo(3);
        });
    }

    static Stream<Arguments> brokenAnswers() {
        return Stream.of(
                // headers, then part of the body they announce, then the connection closes
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                        + "{\"total_count\": 1, ", "GitHub closed the connection without a complete answer"),
                Arguments.of("SSH-2.0-OpenSSH_9.6\r\n\r\n", "GitHub's answer was not valid HTTP"));
    }

    @ParameterizedTest
    @MethodSource("brokenAnswers")
    void answers_502_naming_what_broke_when_githubs_answer_is_cut_short_or_not_http(String raw, String error)
            throws Exception {
        try (RawUpstream upstream = RawUpstream.answering(raw)) {
            run(TestServices.config(upstream.url()), clock, (server, client) -> {
                Http.Result result = Http.get(client, "/?n=1&l=python");

                assertThat(result.status()).isEqualTo(502);
                assertThat(result.json().get("error").asText()).isEqualTo(error);
                assertThat(upstream.connections()).isEqualTo(1);
            });
        }
    }

    @Test
    void answers_502_naming_the_tls_handshake_when_github_does_not_speak_tls() throws Exception {
        // Plain HTTP on an https URL: what a proxy or a wrong port in GITHUB_API_URL looks like to the TLS client.
        try (RawUpstream upstream = RawUpstream.answering("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")) {
            run(TestServices.config(upstream.httpsUrl()), clock, (server, client) -> {
                Http.Result result = Http.get(client, "/?n=1&l=python");

                assertThat(result.status()).isEqualTo(502);
                assertThat(result.json().get("error").asText()).isEqualTo("GitHub could not be reached: the TLS handshake failed");
            });
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "500|application/json|{\"message\":\"Server Error\"}|GitHub answered HTTP 500",
        "502|text/html|<html><head><title>Unicorn! &middot; GitHub</title></head><body>No server is available</body></html>|GitHub answered HTTP 502",
        "401|application/json|{\"message\":\"Bad credentials\"}|GitHub rejected the service's credentials (HTTP 401)",
        "422|application/json|{\"message\":\"Validation Failed\"}|GitHub answered HTTP 422",
    })
    void answers_502_json_when_github_answers_an_error(int status, String contentType, String body, String error) {
        github.respond(request -> new Reply(status, java.util.Map.of("Content-Type", contentType),
                body.getBytes(StandardCharsets.UTF_8)));
        run((server, client) -> {
            Http.Result result = Http.get(client, "/?n=1&l=python");

            assertThat(result.status()).isEqualTo(502);
            assertThat(result.contentType()).startsWith("application/json");
            assertThat(result.json().get("error").asText()).isEqualTo(error);
            assertThat(github.calls()).isEqualTo(1);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"total_count\": 1, \"incomplete_results\": false, \"items\": [",
        "<html><body>Sign in to continue</body></html>",
        "{\"total_count\": 1, \"incomplete_results\": false, \"items\": [42]}",
        "{\"message\": \"no items here\"}",
    })
    void answers_502_when_github_answers_2xx_with_something_that_is_not_a_search_result(String body) {
        github.respond(request -> Reply.json(200, body));
        run((server, client) -> {
            Http.Result result = Http.get(client, "/?n=1&l=python");

            assertThat(result.status()).isEqualTo(502);
            assertThat(result.json().get("error").asText()).isEqualTo("GitHub's answer was not a valid search result");
        });
    }

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void answers_502_without_reading_it_whole_when_github_sends_a_search_result_over_8_mib(boolean gzip) {
        // A valid result of 100 repositories with 90 KB descriptions: 9 MB, where GitHub's real page is about 560 KB.
        ObjectNode root = Fixtures.parse(Fixtures.searchBody("python", 100, 100)).deepCopy();
        root.get("items").forEach(item -> ((ObjectNode) item).put("description", "x".repeat(90_000)));
        github.respond(request -> Reply.json(200, root.toString()));
        github.gzipWhenAccepted(gzip); // gzipped, it is small: the bound is on the decoded body
        run((server, client) -> {
            Http.Result result = Http.get(client, "/?n=1&l=python");

            assertThat(result.status()).isEqualTo(502);
            assertThat(result.json().get("error").asText()).isEqualTo("GitHub's answer was not a valid search result");
            assertThat(github.calls()).isEqualTo(1);
        });
    }

    @Test
    void answers_503_with_retry_after_when_github_reports_its_primary_rate_limit() {
        long reset = clock.instant().getEpochSecond() + 42;
        github.respond(request -> FakeGitHub.rateLimited(reset));
        run((server, client) -> {
            Http.Result result = Http.get(client, "/?n=1&l=python");

            assertThat(result.status()).isEqualTo(503);
            assertThat(result.header("Retry-After")).isEqualTo("42");
            assertThat(result.json().get("error").asText()).isEqualTo("GitHub rate limit reached; retry after 42 seconds");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "429|{\"message\":\"Too Many Requests\"}",
        "403|{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}",
    })
    void answers_503_with_githubs_retry_after_for_secondary_rate_limits(int status, String body) {
        github.respond(request -> Reply.json(status, body).withHeader("Retry-After", "17"));
        run((server, client) -> {
            Http.Result result = Http.get(client, "/?n=1&l=python");

            assertThat(result.status()).isEqualTo(503);
            assertThat(result.header("Retry-After")).isEqualTo("17");
            assertThat(result.json().get("error").asText()).isEqualTo("GitHub rate limit reached; retry after 17 seconds");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "503|30|30",
        "502|1|1",
        "504|300|300",
        "503|0|1",
        "503|Thu, 01 Jan 2026 10:00:45 GMT|45", // an HTTP date: the test clock starts at 10:00:00
    })
    void passes_on_a_503_with_retry_after_when_github_is_unavailable_and_says_when_to_retry(
            int status, String retryAfter, String passedOn) {
        github.respond(request -> Reply.json(status, "{\"message\":\"Service Unavailable\"}")
                .withHeader("Retry-After", retryAfter));
        run((server, client) -> {
            Http.Result result = Http.get(client, "/?n=1&l=python");

            assertThat(result.status()).isEqualTo(503);
            assertThat(result.header("Retry-After")).isEqualTo(passedOn);
            assertThat(result.json().get("error").asText())
                    .isEqualTo("GitHub answered HTTP " + status + "; retry after " + passedOn + " seconds");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "503|301",                    // longer than the cache period: not worth passing on
        "503|99999999999999999999",   // does not fit a long
        "503|soon",
        "503|-5",
        "503|''",
        "500|30",                     // only 502, 503 and 504 say "unavailable for now"
    })
    void answers_502_without_retry_after_when_githubs_retry_after_is_malformed_or_too_long(int status, String retryAfter) {
        github.respond(request -> Reply.json(status, "{\"message\":\"Service Unavailable\"}")
                .withHeader("Retry-After", retryAfter));
        run((server, client) -> {
            Http.Result result = Http.get(client, "/?n=1&l=python");

            assertThat(result.status()).isEqualTo(502);
            assertThat(result.header("Retry-After")).isNull();
            assertThat(result.json().get("error").asText()).isEqualTo("GitHub answered HTTP " + status);
        });
    }

    @Test
    void keeps_calling_github_after_it_was_unavailable_with_a_retry_after() {
        github.respond(request -> Reply.json(503, "{\"message\":\"Service Unavailable\"}").withHeader("Retry-After", "30"));
        run((server, client) -> {
            assertThat(Http.get(client, "/?n=1&l=python").status()).isEqualTo(503);
            github.respond(github::search);

            assertThat(Http.get(client, "/?n=1&l=rust").status()).isEqualTo(200);
            assertThat(github.calls()).isEqualTo(2);
        });
    }

    @Test
    void does_not_call_github_again_until_its_rate_limit_resets() {
        long reset = clock.instant().getEpochSecond() + 60;
        github.respond(request -> FakeGitHub.rateLimited(reset));
        run((server, client) -> {
            assertThat(Http.get(client, "/?n=1&l=python").status()).isEqualTo(503);
            clock.advance(Duration.ofSeconds(20));

            Http.Result meanwhile = Http.get(client, "/?n=1&l=rust");

            assertThat(meanwhile.status()).isEqualTo(503);
            assertThat(meanwhile.header("Retry-After")).isEqualTo("40");
            assertThat(github.calls()).isEqualTo(1);

            github.respond(github::search);
            clock.advance(Duration.ofSeconds(41));
            assertThat(Http.get(client, "/?n=1&l=rust").status()).isEqualTo(200);
            assertThat(github.calls()).isEqualTo(2);
        });
    }

    @Test
    void serves_a_cache_hit_for_any_n_and_any_letter_case_without_calling_github() {
        run((server, client) -> {
            JsonNode first = Http.get(client, "/?n=5&l=python").json().get("repos");

            Http.Result hit = Http.get(client, "/?n=2&l=PYTHON");

            assertThat(github.calls()).isEqualTo(1);
            assertThat(hit.header("X-Cache")).isEqualTo("HIT");
            assertThat(hit.json().get("repos")).containsExactly(first.get(0), first.get(1));
        });
    }

    @Test
    void calls_github_again_once_the_entry_is_older_than_the_ttl() {
        run((server, client) -> {
            Http.get(client, "/?n=1&l=python");
            clock.advance(Tuning.defaults().cacheTtl().minusSeconds(1));
            Http.get(client, "/?n=1&l=python");
            assertThat(github.calls()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(1));
            Http.Result result = Http.get(client, "/?n=1&l=python");

            assertThat(github.calls()).isEqualTo(2);
            assertThat(result.header("X-Cache")).isEqualTo("MISS");
        });
    }

    @Test
    void serves_the_last_good_answer_marked_stale_when_github_fails_after_a_success() {
        run((server, client) -> {
            JsonNode fresh = Http.get(client, "/?n=3&l=python").json().get("repos");
            clock.advance(Duration.ofMinutes(6));
            github.respond(request -> Reply.json(500, "{\"message\":\"Server Error\"}"));

            Http.Result result = Http.get(client, "/?n=2&l=python");

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.header("X-Cache")).isEqualTo("STALE");
            JsonNode body = result.json();
            assertThat(fieldNames(body)).containsExactly("repos", "status", "fetched_at", "reason");
            assertThat(body.get("status").asText()).isEqualTo("stale");
            assertThat(body.get("fetched_at").asText()).isEqualTo("2026-01-01T10:00:00Z");
            assertThat(body.get("reason").asText()).isEqualTo("GitHub answered HTTP 500");
            assertThat(body.get("repos")).containsExactly(fresh.get(0), fresh.get(1));
            assertThat(github.calls()).isEqualTo(2);
        });
    }

    @Test
    void keeps_no_failure_so_the_next_request_asks_github_again() {
        github.respond(request -> Reply.json(500, "{\"message\":\"Server Error\"}"));
        run((server, client) -> {
            assertThat(Http.get(client, "/?n=1&l=python").status()).isEqualTo(502);
            github.respond(github::search);

            Http.Result next = Http.get(client, "/?n=1&l=python");

            assertThat(next.status()).isEqualTo(200);
            assertThat(next.header("X-Cache")).isEqualTo("MISS");
            assertThat(github.calls()).isEqualTo(2);
        });
    }

    @Test
    void stops_serving_stale_answers_after_the_stale_limit() {
        run((server, client) -> {
            Http.get(client, "/?n=1&l=python");
            clock.advance(Tuning.defaults().staleFor());
            github.respond(request -> Reply.json(500, "{\"message\":\"Server Error\"}"));

            Http.Result result = Http.get(client, "/?n=1&l=python");

            assertThat(result.status()).isEqualTo(502);
        });
    }

    @Test
    void answers_unknown_routes_and_methods_with_json_errors() {
        run((server, client) -> {
            Http.Result notFound = Http.get(client, "/repos/vinta/awesome-python");
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.contentType()).startsWith("application/json");
            assertThat(notFound.json().get("error").asText()).startsWith("Not found: GET /repos/vinta/awesome-python. Routes: ");

            try (okhttp3.Response post = client.post("/?n=1&l=python")) {
                assertThat(post.code()).isEqualTo(405);
                assertThat(Fixtures.parse(post.body().string()).get("error").asText())
                        .isEqualTo("Method POST is not allowed on /: this API only answers GET and HEAD");
                assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
            }
            // No CORS and no OPTIONS handler: a 405 whose Allow header is the answer OPTIONS asks for.
            try (okhttp3.Response options = client.request("/health", request -> request.method("OPTIONS", null))) {
                assertThat(options.code()).isEqualTo(405);
                assertThat(options.header("Allow")).isEqualTo("GET, HEAD");
                assertThat(Fixtures.parse(options.body().string()).get("error").asText())
                        .isEqualTo("Method OPTIONS is not allowed on /health: this API only answers GET and HEAD");
            }
        });
    }

    @Test
    void answers_json_whatever_accept_asks_for_and_ignores_a_trailing_slash() {
        run((server, client) -> {
            try (okhttp3.Response xml = client.request("/?n=1&l=python", request -> request.header("Accept", "application/xml"))) {
                assertThat(xml.code()).isEqualTo(200);
                assertThat(xml.header("Content-Type")).isEqualTo("application/json");
            }
            Http.Result slash = Http.get(client, "/health/");

            assertThat(slash.status()).isEqualTo(200);
            assertThat(slash.body()).isEqualTo("{\"status\":\"ok\"}");
        });
    }

    @Test
    void names_a_method_it_does_not_know_as_the_client_sent_it() throws Exception {
        run((server, client) -> {
            String answer = Http.raw(server.port(), "FOO /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 405");
            assertThat(answer).contains("{\"error\":\"Method FOO is not allowed on /health: this API only answers GET and HEAD\"}");
        });
    }

    @Test
    void answers_head_with_the_status_and_headers_of_get_and_no_body() {
        run((server, client) -> {
            Http.Result invalid = Http.head(client, "/?n=abc&l=python");
            Http.Result found = Http.head(client, "/?n=1&l=python");

            assertThat(invalid.status()).isEqualTo(400);
            assertThat(found.status()).isEqualTo(200);
            assertThat(found.header("X-Cache")).isEqualTo("MISS");
            assertThat(found.body()).isEmpty();
        });
    }

    static Stream<Arguments> unparsableRequests() {
        return Stream.of(
                Arguments.of("GET /%zz HTTP/1.1", 400),
                Arguments.of("GET / HTTP/1.1\r\nthis is not a header", 400),
                Arguments.of("GET /?n=1&l=python&x=" + "X".repeat(9_000) + " HTTP/1.1", 414),
                Arguments.of("GET /health HTTP/2.0", 426),
                Arguments.of("GET /health HTTP/1.2", 505),
                // An unencoded space ends the target: Jetty's reason names the character, the answer says how to send it.
                Arguments.of("GET /?n=1&l=Jupyter Notebook HTTP/1.1", 400),
                Arguments.of("GET /?n=1&l=python HTTP/1.1\r\nX-Big: " + "X".repeat(10_000), 431));
    }

    @ParameterizedTest
    @MethodSource("unparsableRequests")
    void answers_requests_jetty_cannot_parse_with_json_not_html(String head, int status) throws Exception {
        run((server, client) -> {
            String answer = Http.raw(server.port(), head + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 " + status);
            assertThat(answer).containsIgnoringCase("Content-Type: application/json");
            assertThat(answer).contains("{\"error\":\"").doesNotContainIgnoringCase("<html");
        });
    }

    @Test
    void says_how_to_send_a_character_jetty_refuses_in_the_request_line() throws Exception {
        run((server, client) -> {
            String answer = Http.raw(server.port(), "GET /?n=1&l=Jupyter Notebook HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(answer).endsWith("{\"error\":\"Bad Request: Illegal character SPACE=' '; in the URL, percent-encode it "
                    + "(a space is %20 or +)\"}");
        });
    }

    /** Jetty refuses these targets without a reason of its own; the answer still says what to fix. */
    @ParameterizedTest
    @ValueSource(strings = {"/%zz", "/..", "/%2e%2e/health", "/health%00", "/?n=1&l=py\u00ffthon", "health", "*"})
    void answers_a_target_jetty_cannot_decode_with_what_a_valid_one_looks_like(String target) throws Exception {
        run((server, client) -> {
            String answer = Http.raw(server.port(), "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(answer).endsWith("{\"error\":\"Bad Request: the request target is not a valid URI: it must start "
                    + "with '/', not go above it with '..', and be UTF-8 with each '%' followed by two hex digits "
                    + "(%25 for '%' itself) and no %00\"}");
        });
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<Integer> stars(JsonNode repos) {
        return StreamSupport.stream(repos.spliterator(), false).map(r -> r.get("stargazers_count").asInt()).toList();
    }
}
