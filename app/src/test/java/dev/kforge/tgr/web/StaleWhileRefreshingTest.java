package dev.kforge.tgr.web;

import static dev.kforge.tgr.web.ConcurrencyTest.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.javalin.testtools.TestCase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A refresh of an expired entry with GitHub hanging: the fake holds its answers until the test releases them, and
 * the service's read timeout is longer than any test, so GitHub hangs rather than fails. Only the request that
 * started the refresh waits for it; the others are served the cached entry, stale, at once. Events are ordered by
 * waiting for counters; "at once" is shown by answers that arrive while the refresh is still unanswered.
 */
class StaleWhileRefreshingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration TTL = Tuning.defaults().cacheTtl();
    private static final Duration STALE_FOR = Tuning.defaults().staleFor();

    private FakeGitHub github;
    private MutableClock clock;
    private ExecutorService clients;
    private TgrService service;
    /** While true, the fake GitHub answers no search until {@link FakeGitHub#release()}. */
    private volatile boolean hanging;
    /** What the fake answers once released. */
    private volatile Responder answer;

    @BeforeEach
    void start() {
        github = FakeGitHub.start();
        answer = github::search;
        github.respond(request -> {
            if (hanging) {
                github.awaitRelease();
            }
            return answer.reply(request);
        });
        clock = MutableClock.atFixedStart();
        clients = Executors.newCachedThreadPool();
        AppConfig config = AppConfig.forTests(github.url()).withTuning(Tuning.defaults().withReadTimeout(WAIT));
        service = TestServices.service(config, clock);
    }

    @AfterEach
    void stop() {
        clients.shutdownNow();
        github.close();
    }

    private void run(TestCase test) {
        JavalinTest.test(service.app(), test);
    }

    /** A page of only 3 repositories for the language: what GitHub answers to a refresh, to tell it from the first. */
    private Reply threeRepositories(FakeGitHub.Request request) {
        return github.searchReply(FakeGitHub.language(request), 100, 3);
    }

    /**
     * Caches python, lets its entry age by {@code age}, and starts a refresh that GitHub holds, then answers with
     * {@code refresh}.
     */
    private Future<Http.Result> refreshHeldByGitHub(HttpClient client, Duration age, Responder refresh)
            throws InterruptedException {
        assertThat(Http.get(client, "/?n=5&l=python").header("X-Cache")).isEqualTo("MISS");
        clock.advance(age);
        answer = refresh;
        hanging = true;
        Future<Http.Result> refreshing = clients.submit(() -> Http.get(client, "/?n=5&l=python"));
        awaitCondition(() -> github.calls() == 2);
        return refreshing;
    }

    private static List<String> metricLines(HttpClient client) {
        return Arrays.asList(Http.get(client, "/metrics").body().split("\n"));
    }

    private static Http.Result answer(Future<Http.Result> result) throws Exception {
        return result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void a_request_during_the_refresh_of_an_expired_entry_gets_it_stale_at_once_without_another_search() {
        run((server, client) -> {
            JsonNode cached = Http.get(client, "/?n=5&l=python").json().get("repos");
            clock.advance(TTL);
            hanging = true;
            Future<Http.Result> refreshing = clients.submit(() -> Http.get(client, "/?n=5&l=python"));
            awaitCondition(() -> github.calls() == 2);

            Http.Result during = Http.get(client, "/?n=5&l=Python");

            assertThat(during.status()).isEqualTo(200);
            assertThat(during.header("X-Cache")).isEqualTo("STALE");
            JsonNode body = during.json();
            assertThat(body.get("status").asText()).isEqualTo("stale");
            assertThat(body.get("reason").asText()).isEqualTo("Refreshing from GitHub");
            assertThat(body.get("fetched_at").asText()).isEqualTo("2026-01-01T10:00:00Z");
            assertThat(body.get("repos")).isEqualTo(cached);
            // Answered while the refresh is still waiting for GitHub, and without a search of its own.
            assertThat(refreshing).isNotDone();
            assertThat(github.calls()).isEqualTo(2);
            assertThat(metricLines(client)).contains("tgr_cache_stale_served_total 1", "tgr_cache_misses_total 3");

            github.release();
            Http.Result refreshed = answer(refreshing);
            assertThat(refreshed.status()).isEqualTo(200);
            assertThat(refreshed.header("X-Cache")).isEqualTo("MISS");
            assertThat(refreshed.json().get("status").asText()).isEqualTo("ok");
        });
    }

    @Test
    void once_the_refresh_succeeds_the_next_request_is_a_fresh_hit_with_the_new_page() {
        run((server, client) -> {
            // The refresh brings a different page.
            Future<Http.Result> refreshing = refreshHeldByGitHub(client, TTL, this::threeRepositories);
            for (int i = 0; i < 3; i++) {
                Http.Result during = Http.get(client, "/?n=5&l=python");
                assertThat(during.header("X-Cache")).isEqualTo("STALE");
                assertThat(during.json().get("repos")).hasSize(5);
            }
            assertThat(refreshing).isNotDone();

            github.release();
            Http.Result refreshed = answer(refreshing);
            Http.Result next = Http.get(client, "/?n=5&l=python");

            assertThat(refreshed.header("X-Cache")).isEqualTo("MISS");
            assertThat(refreshed.json().get("repos")).hasSize(3);
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.header("X-Cache")).isEqualTo("HIT");
            assertThat(next.json().get("status").asText()).isEqualTo("ok");
            assertThat(next.json().get("repos")).isEqualTo(refreshed.json().get("repos"));
            assertThat(github.calls()).isEqualTo(2);
            assertThat(metricLines(client)).contains("tgr_cache_stale_served_total 3");
        });
    }

    @Test
    void when_the_refresh_fails_its_request_gets_the_stale_answer_and_the_next_request_searches_again() {
        run((server, client) -> {
            Future<Http.Result> refreshing = refreshHeldByGitHub(client, TTL,
                    request -> Reply.json(500, "{\"message\":\"Server Error\"}"));
            assertThat(Http.get(client, "/?n=5&l=python").json().get("reason").asText())
                    .isEqualTo("Refreshing from GitHub");

            github.release();
            Http.Result failed = answer(refreshing);

            assertThat(failed.status()).isEqualTo(200);
            assertThat(failed.header("X-Cache")).isEqualTo("STALE");
            assertThat(failed.json().get("reason").asText()).isEqualTo("GitHub answered HTTP 500");
            // The failure is kept nowhere: the next request asks GitHub again.
            answer = github::search;
            Http.Result next = Http.get(client, "/?n=5&l=python");
            assertThat(next.header("X-Cache")).isEqualTo("MISS");
            assertThat(github.calls()).isEqualTo(3);
        });
    }

    @Test
    void concurrent_requests_without_a_cached_entry_share_one_search_and_all_get_its_answer() {
        run((server, client) -> {
            hanging = true;
            List<Future<Http.Result>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(clients.submit(() -> Http.get(client, "/?n=5&l=rust")));
            }
            awaitCondition(() -> service.metrics().cacheMisses() == 8 && github.calls() == 1);
            assertThat(answers).noneMatch(Future::isDone); // nothing to serve but GitHub's answer

            github.release();

            for (Future<Http.Result> result : answers) {
                Http.Result done = answer(result);
                assertThat(done.status()).isEqualTo(200);
                assertThat(done.header("X-Cache")).isEqualTo("MISS");
                assertThat(done.json().get("status").asText()).isEqualTo("ok");
                assertThat(done.json().get("repos")).hasSize(5);
            }
            assertThat(github.calls()).isEqualTo(1);
            assertThat(metricLines(client)).contains("tgr_cache_stale_served_total 0");
        });
    }

    @Test
    void an_entry_older_than_the_stale_limit_is_not_served_requests_wait_for_the_refresh() {
        run((server, client) -> {
            Future<Http.Result> refreshing = refreshHeldByGitHub(client, STALE_FOR, this::threeRepositories);
            Future<Http.Result> joining = clients.submit(() -> Http.get(client, "/?n=5&l=python"));
            awaitCondition(() -> service.metrics().cacheMisses() == 3);
            assertThat(joining).isNotDone();

            github.release();

            for (Http.Result done : List.of(answer(refreshing), answer(joining))) {
                assertThat(done.status()).isEqualTo(200);
                assertThat(done.header("X-Cache")).isEqualTo("MISS");
                assertThat(done.json().get("status").asText()).isEqualTo("ok");
                assertThat(done.json().get("repos")).hasSize(3); // the refreshed page, not the old one
            }
            assertThat(github.calls()).isEqualTo(2);
            assertThat(metricLines(client)).contains("tgr_cache_stale_served_total 0");
        });
    }
}
