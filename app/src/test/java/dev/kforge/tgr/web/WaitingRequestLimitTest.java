package dev.kforge.tgr.web;

import static dev.kforge.tgr.web.ConcurrencyTest.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.tgr.TgrService;
import dev.kforge.tgr.config.AppConfig;
import dev.kforge.tgr.config.Tuning;
import dev.kforge.tgr.support.FakeGitHub;
import dev.kforge.tgr.support.FakeHttpServer.Reply;
import dev.kforge.tgr.support.FakeHttpServer.Responder;
import dev.kforge.tgr.support.Http;
import dev.kforge.tgr.support.MutableClock;
import dev.kforge.tgr.support.TestServices;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bound on requests waiting for a search another request started ({@link Tuning#maxWaitingRequests()}), for a
 * language with nothing to serve stale, GitHub hanging: the fake holds its answers until the test opens its gate,
 * and the service's read timeout is longer than any test. Events are ordered by waiting for counters, never by
 * sleeping; "at once" is shown by answers that arrive while the search is still unanswered.
 */
class WaitingRequestLimitTest {

    private static final int LIMIT = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** connect 3 s + read 60 s: the search in flight started at the test clock's (fixed) now, and ends by then. */
    private static final long RETRY_AFTER = 63;
    private static final String BUSY = "GitHub is slow to answer: " + LIMIT + " requests are already waiting for GitHub; "
            + "retry after " + RETRY_AFTER + " seconds";

    private FakeGitHub github;
    private MutableClock clock;
    private ExecutorService clients;
    private TgrService service;
    /** The fake answers no search until the test counts this down; a new gate holds the next searches again. */
    private volatile CountDownLatch gate = new CountDownLatch(0);
    /** What the fake answers once the gate opens. */
    private volatile Responder answer;

    @BeforeEach
    void start() {
        github = FakeGitHub.start();
        answer = github::search;
        github.respond(request -> {
            gate.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            return answer.reply(request);
        });
        clients = Executors.newCachedThreadPool();
        AppConfig config = AppConfig.forTests(github.url())
                .withTuning(Tuning.defaults().withReadTimeout(WAIT).withMaxWaitingRequests(LIMIT));
        clock = MutableClock.atFixedStart();
        service = TestServices.service(config, clock);
    }

    @AfterEach
    void stop() {
        gate.countDown();
        clients.shutdownNow();
        github.close();
    }

    /** Holds GitHub's next answers until {@link #gate} is counted down. */
    private CountDownLatch holdGitHub() {
        CountDownLatch held = new CountDownLatch(1);
        gate = held;
        return held;
    }

    /** A request sent in the background; its 503s are also collected in {@code rejected}. */
    private Future<Http.Result> send(HttpClient client, String language, Queue<Http.Result> rejected) {
        return clients.submit(() -> {
            Http.Result result = Http.get(client, "/?n=5&l=" + language);
            if (result.status() == 503) {
                rejected.add(result);
            }
            return result;
        });
    }

    /**
     * With GitHub held, starts the search for a language and then sends {@code joiners} more requests for it; returns
     * once all of them have reached the cache and all but {@code expectedRejections} are waiting.
     */
    private List<Future<Http.Result>> searchAndJoin(HttpClient client, String language, int joiners,
                                                    int expectedRejections, Queue<Http.Result> rejected)
            throws InterruptedException {
        long misses = service.metrics().cacheMisses();
        int calls = github.calls();
        List<Future<Http.Result>> sent = new ArrayList<>();
        sent.add(send(client, language, rejected));
        awaitCondition(() -> github.calls() == calls + 1);
        int rejectedBefore = rejected.size();
        for (int i = 0; i < joiners; i++) {
            sent.add(send(client, language, rejected));
        }
        awaitCondition(() -> service.metrics().cacheMisses() == misses + 1 + joiners
                && rejected.size() == rejectedBefore + expectedRejections
                && waiting(client) == joiners - expectedRejections);
        return sent;
    }

    /** The {@code tgr_upstream_waiting} gauge, or -1 while the service has none. */
    private static long waiting(HttpClient client) {
        for (String line : Http.get(client, "/metrics").body().split("\n")) {
            if (line.startsWith("tgr_upstream_waiting ")) {
                return Long.parseLong(line.substring(line.indexOf(' ') + 1));
            }
        }
        return -1;
    }

    private static List<String> metricLines(HttpClient client) {
        return List.of(Http.get(client, "/metrics").body().split("\n"));
    }

    private static List<Http.Result> answers(List<Future<Http.Result>> sent) throws Exception {
        List<Http.Result> results = new ArrayList<>();
        for (Future<Http.Result> result : sent) {
            results.add(result.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    void requests_beyond_the_bound_for_a_language_without_an_entry_get_503_with_retry_after_at_once_while_the_others_wait() {
        JavalinTest.test(service.app(), (server, client) -> {
            CountDownLatch held = holdGitHub();
            Queue<Http.Result> rejected = new ConcurrentLinkedQueue<>();

            // The request that starts the search is not counted: it holds a place in the bound on searches instead.
            List<Future<Http.Result>> sent = searchAndJoin(client, "rust", LIMIT + 2, 2, rejected);

            for (Http.Result result : rejected) {
                assertThat(result.contentType()).isEqualTo(Json.CONTENT_TYPE);
                assertThat(result.json().get("error").asText()).isEqualTo(BUSY);
                assertThat(result.header("Retry-After")).isEqualTo(Long.toString(RETRY_AFTER));
            }
            // Answered while the search and its waiters are still waiting for GitHub, without another search.
            assertThat(sent.stream().filter(f -> !f.isDone())).hasSize(1 + LIMIT);
            assertThat(github.calls()).isEqualTo(1);
            assertThat(metricLines(client)).contains("tgr_upstream_waiting 3", "tgr_upstream_wait_rejected_total 2",
                    "tgr_upstream_in_flight 1");

            held.countDown();
            List<Http.Result> results = answers(sent);
            assertThat(results.stream().filter(r -> r.status() == 200)).hasSize(1 + LIMIT)
                    .allSatisfy(r -> assertThat(r.header("X-Cache")).isEqualTo("MISS"));
            assertThat(metricLines(client)).contains("tgr_upstream_waiting 0");
        });
    }

    @Test
    void a_request_beyond_the_bound_is_told_to_retry_when_the_search_in_flight_reaches_its_deadline() {
        JavalinTest.test(service.app(), (server, client) -> {
            CountDownLatch held = holdGitHub();
            Queue<Http.Result> rejected = new ConcurrentLinkedQueue<>();
            List<Future<Http.Result>> sent = searchAndJoin(client, "rust", LIMIT, 0, rejected);

            // The search's deadline is connect 3 s + read 60 s after it started: 2.5 s from now, rounded up.
            clock.advance(Duration.ofMillis(60_500));
            Http.Result late = Http.get(client, "/?n=5&l=rust");

            assertThat(late.status()).isEqualTo(503);
            assertThat(late.header("Retry-After")).isEqualTo("3");
            assertThat(late.json().get("error").asText()).isEqualTo("GitHub is slow to answer: " + LIMIT
                    + " requests are already waiting for GitHub; retry after 3 seconds");
            held.countDown();
            assertThat(answers(sent)).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        });
    }

    /**
     * The outage the bound exists for: more requests for one language with nothing cached than Jetty has threads.
     * Without the bound every thread waits for GitHub and the probes queue behind them until the kubelet gives up.
     */
    @Test
    void health_and_ready_answer_while_more_requests_for_one_uncached_language_arrive_than_jetty_has_threads() {
        JavalinTest.test(service.app(), (server, client) -> {
            ThreadPool.SizedThreadPool jettyThreads = (ThreadPool.SizedThreadPool) server.jettyServer().threadPool();
            int requests = jettyThreads.getMaxThreads();
            CountDownLatch held = holdGitHub();
            Queue<Http.Result> rejected = new ConcurrentLinkedQueue<>();

            searchAndJoin(client, "rust", requests - 1, requests - 1 - LIMIT, rejected);

            assertThat(Http.get(client, "/health").status()).isEqualTo(200);
            assertThat(Http.get(client, "/ready").status()).isEqualTo(200);
            assertThat(github.calls()).isEqualTo(1);
            held.countDown();
        });
    }

    @Test
    void every_waiting_place_is_freed_when_the_search_succeeds_or_fails() {
        JavalinTest.test(service.app(), (server, client) -> {
            Queue<Http.Result> rejected = new ConcurrentLinkedQueue<>();

            CountDownLatch held = holdGitHub();
            List<Future<Http.Result>> sent = searchAndJoin(client, "rust", LIMIT, 0, rejected);
            held.countDown();
            assertThat(answers(sent)).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
            assertThat(waiting(client)).isZero();

            // GitHub fails: every waiter gets the error (there is nothing to serve stale), and gives its place back.
            answer = request -> Reply.json(500, "{\"message\":\"Server Error\"}");
            held = holdGitHub();
            sent = searchAndJoin(client, "go", LIMIT, 0, rejected);
            held.countDown();
            assertThat(answers(sent)).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(502);
                assertThat(r.json().get("error").asText()).isEqualTo("GitHub answered HTTP 500");
            });
            assertThat(waiting(client)).isZero();

            // All the places are free again: LIMIT more requests wait, and only the one beyond them is rejected.
            answer = github::search;
            held = holdGitHub();
            sent = searchAndJoin(client, "java", LIMIT + 1, 1, rejected);
            held.countDown();
            assertThat(answers(sent).stream().filter(r -> r.status() == 200)).hasSize(1 + LIMIT);
            assertThat(metricLines(client)).contains("tgr_upstream_waiting 0", "tgr_upstream_wait_rejected_total 1");
        });
    }
}
