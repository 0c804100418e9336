package dev.kforge.tgr.web;

import static dev.kforge.tgr.web.ConcurrencyTest.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.tgr.TgrService;
import dev.kforge.tgr.config.AppConfig;
import dev.kforge.tgr.config.Tuning;
import dev.kforge.tgr.support.FakeGitHub;
import dev.kforge.tgr.support.FakeHttpServer.Reply;
import dev.kforge.tgr.support.Http;
import dev.kforge.tgr.support.MutableClock;
import dev.kforge.tgr.support.TestServices;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.TestCase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bound on GitHub searches in flight ({@link Tuning#maxConcurrentSearches()}), with GitHub hanging: the fake
 * holds its answers until the test releases them. Events are ordered by waiting for counters, never by sleeping;
 * "at once" is shown by answers that arrive while the searches holding the permits are still unanswered.
 */
class ConcurrentSearchLimitTest {

    private static final int LIMIT = 2;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BUSY = "GitHub is slow to answer: " + LIMIT + " searches are already in flight; "
            + "retry after 13 seconds";

    private FakeGitHub github;
    private MutableClock clock;
    private ExecutorService clients;
    /** While true, the fake GitHub answers no search until {@link FakeGitHub#release()}. */
    private volatile boolean hanging;

    @BeforeEach
    void start() {
        github = FakeGitHub.start();
        github.respond(request -> {
            if (hanging) {
                github.awaitRelease();
            }
            return github.search(request);
        });
        clock = MutableClock.atFixedStart();
        clients = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() {
        clients.shutdownNow();
        github.close();
    }

    private AppConfig config() {
        return AppConfig.forTests(github.url()).withTuning(Tuning.defaults().withMaxConcurrentSearches(LIMIT));
    }

    private void run(AppConfig config, TestCase test) {
        JavalinTest.test(TestServices.service(config, clock).app(), test);
    }

    /** Starts one search per language, GitHub hanging, and returns once GitHub has received all of them. */
    private List<Future<Http.Result>> holdEveryPermit(io.javalin.testtools.HttpClient client, String... languages)
            throws InterruptedException {
        hanging = true;
        int before = github.calls();
        List<Future<Http.Result>> held = new ArrayList<>();
        for (String language : languages) {
            held.add(clients.submit(() -> Http.get(client, "/?n=3&l=" + language)));
        }
        awaitCondition(() -> github.calls() == before + languages.length);
        return held;
    }

    private static List<String> metricLines(io.javalin.testtools.HttpClient client) {
        return Arrays.asList(Http.get(client, "/metrics").body().split("\n"));
    }

    @Test
    void a_miss_for_another_language_gets_503_with_retry_after_at_once_while_every_permit_is_held() {
        run(config(), (server, client) -> {
            List<Future<Http.Result>> held = holdEveryPermit(client, "rust", "go");

            Http.Result rejected = Http.get(client, "/?n=3&l=python");

            assertThat(rejected.status()).isEqualTo(503);
            assertThat(rejected.contentType()).isEqualTo(Json.CONTENT_TYPE);
            assertThat(rejected.json().get("error").asText()).isEqualTo(BUSY);
            assertThat(rejected.header("Retry-After")).isEqualTo("13"); // connect 3 s + read 10 s
            // Answered while both searches are still waiting for GitHub: before any timeout, without calling GitHub.
            assertThat(held).noneMatch(Future::isDone);
            assertThat(github.calls()).isEqualTo(LIMIT);
            assertThat(metricLines(client)).contains("tgr_upstream_rejected_total 1", "tgr_upstream_in_flight 2");

            github.release();
            for (Future<Http.Result> answer : held) {
                assertThat(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        });
    }

    @Test
    void a_miss_for_a_language_already_in_flight_joins_that_search_instead_of_being_rejected() {
        TgrService service = TestServices.service(config(), clock);
        JavalinTest.test(service.app(), (server, client) -> {
            List<Future<Http.Result>> held = holdEveryPermit(client, "rust", "go");

            Future<Http.Result> joined = clients.submit(() -> Http.get(client, "/?n=5&l=Rust"));
            awaitCondition(() -> service.metrics().cacheMisses() == LIMIT + 1);
            github.release();

            Http.Result result = joined.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(200);
            assertThat(result.header("X-Cache")).isEqualTo("MISS");
            assertThat(result.json().get("repos")).hasSize(5);
            assertThat(held.get(0).get(WAIT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(github.calls()).isEqualTo(LIMIT); // one search for rust, shared
            assertThat(metricLines(client)).contains("tgr_upstream_rejected_total 0");
        });
    }

    @Test
    void serves_the_last_good_answer_as_stale_instead_of_503_while_every_permit_is_held() {
        run(config(), (server, client) -> {
            JsonNode fresh = Http.get(client, "/?n=2&l=python").json().get("repos");
            clock.advance(Tuning.defaults().cacheTtl());
            List<Future<Http.Result>> held = holdEveryPermit(client, "rust", "go");

            Http.Result result = Http.get(client, "/?n=2&l=python");

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.header("X-Cache")).isEqualTo("STALE");
            JsonNode body = result.json();
            assertThat(body.get("status").asText()).isEqualTo("stale");
            assertThat(body.get("reason").asText()).isEqualTo(BUSY);
            assertThat(body.get("repos")).isEqualTo(fresh);
            assertThat(held).noneMatch(Future::isDone);
            assertThat(github.calls()).isEqualTo(1 + LIMIT);
            github.release();
        });
    }

    /**
     * The outage the bound exists for: more misses for distinct languages than Jetty has request threads. Without
     * the bound every thread waits for GitHub and the probes queue behind them until the kubelet gives up.
     */
    @Test
    void health_and_ready_answer_while_more_distinct_languages_miss_than_jetty_has_threads() {
        AppConfig config = config().withTuning(config().tuning().withReadTimeout(WAIT)); // GitHub hangs, not fails
        TgrService service = TestServices.service(config, clock);
        JavalinTest.test(service.app(), (server, client) -> {
            ThreadPool.SizedThreadPool jettyThreads = (ThreadPool.SizedThreadPool) server.jettyServer().threadPool();
            int misses = jettyThreads.getMaxThreads();
            hanging = true;
            AtomicInteger rejected = new AtomicInteger();
            for (int i = 0; i < misses; i++) {
                String language = "lang" + i;
                clients.submit(() -> {
                    if (Http.get(client, "/?n=1&l=" + language).status() == 503) {
                        rejected.incrementAndGet();
                    }
                });
            }
            // Every miss has reached the service, and all but the searches holding the permits have been answered.
            awaitCondition(() -> service.metrics().cacheMisses() == misses && rejected.get() == misses - LIMIT);

            assertThat(Http.get(client, "/health").status()).isEqualTo(200);
            assertThat(Http.get(client, "/ready").status()).isEqualTo(200);
            assertThat(github.calls()).isEqualTo(LIMIT);
            github.release();
        });
    }

    @Test
    void releases_every_permit_when_searches_succeed_or_github_answers_an_error() {
        run(config(), (server, client) -> {
            for (int i = 0; i < 2 * LIMIT; i++) {
                assertThat(Http.get(client, "/?n=1&l=ok" + i).status()).isEqualTo(200);
            }
            github.respond(request -> Reply.json(500, "{\"message\":\"Server Error\"}"));
            for (int i = 0; i < 2 * LIMIT; i++) {
                assertThat(Http.get(client, "/?n=1&l=failing" + i).status()).isEqualTo(502);
            }
            assertThat(metricLines(client)).contains("tgr_upstream_in_flight 0");

            github.respond(request -> {
                github.awaitRelease();
                return github.search(request);
            });
            List<Future<Http.Result>> held = holdEveryPermit(client, "rust", "go"); // all LIMIT permits are free
            github.release();
            for (Future<Http.Result> answer : held) {
                assertThat(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(200);
            }
            assertThat(metricLines(client)).contains("tgr_upstream_in_flight 0", "tgr_upstream_rejected_total 0");
        });
    }

    @Test
    void releases_every_permit_when_github_does_not_answer_in_time() {
        hanging = true; // and never released: every search times out
        AppConfig config = config().withTuning(config().tuning().withReadTimeout(Duration.ofMillis(300)));
        run(config, (server, client) -> {
            for (int i = 0; i < 2 * LIMIT; i++) {
                Http.Result result = Http.get(client, "/?n=1&l=slow" + i);
                assertThat(result.status()).isEqualTo(502);
                assertThat(result.json().get("error").asText()).isEqualTo("GitHub did not answer within 300 ms");
            }
            assertThat(github.calls()).isEqualTo(2 * LIMIT);
            assertThat(metricLines(client)).contains("tgr_upstream_in_flight 0", "tgr_upstream_rejected_total 0");
        });
    }
}
