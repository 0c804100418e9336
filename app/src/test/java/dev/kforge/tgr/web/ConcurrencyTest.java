package dev.kforge.tgr.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.tgr.TgrService;
import dev.kforge.tgr.support.FakeGitHub;
import dev.kforge.tgr.support.Http;
import dev.kforge.tgr.support.TestServices;
import io.javalin.testtools.JavalinTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once. Events are ordered with latches and by waiting for counters, never by sleeping:
 * the fake GitHub holds its answers until every client is known to be waiting.
 */
class ConcurrencyTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private FakeGitHub github;
    private ExecutorService clients;

    @BeforeEach
    void start() {
        github = FakeGitHub.start();
        clients = Executors.newFixedThreadPool(50);
    }

    @AfterEach
    void stop() {
        clients.shutdownNow();
        github.close();
    }

    @Test
    void fifty_concurrent_misses_for_one_language_make_exactly_one_upstream_call() {
        CountDownLatch upstreamCalled = new CountDownLatch(1);
        github.respond(request -> {
            upstreamCalled.countDown();
            github.awaitRelease();
            return github.search(request);
        });
        TgrService service = TestServices.service(TestServices.config(github.url()));
        JavalinTest.test(service.app(), (server, client) -> {
            List<Future<Http.Result>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(clients.submit(() -> Http.get(client, "/?n=10&l=rust")));
            }
            assertThat(upstreamCalled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            // Every request has missed the cache (and so joined or started the one upstream call) before GitHub answers.
            awaitCondition(() -> service.metrics().cacheMisses() == 50);
            github.release();

            Set<String> bodies = ConcurrentHashMap.newKeySet();
            for (Future<Http.Result> answer : answers) {
                Http.Result result = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(result.status()).isEqualTo(200);
                assertThat(result.json().get("repos")).hasSize(10);
                bodies.add(result.body());
            }
            assertThat(github.calls()).isEqualTo(1);
            assertThat(bodies).hasSize(1);
        });
    }

    @Test
    void concurrent_requests_for_different_languages_each_get_their_own_answer() {
        List<String> languages = List.of("Python", "Rust", "Go", "C++", "Java", "Haskell");
        CountDownLatch allLanguagesAsked = new CountDownLatch(languages.size());
        github.respond(request -> {
            allLanguagesAsked.countDown();
            allLanguagesAsked.await(WAIT.toSeconds(), TimeUnit.SECONDS); // answer only once all searches overlap
            return github.search(request);
        });
        TgrService service = TestServices.service(TestServices.config(github.url()));
        JavalinTest.test(service.app(), (server, client) -> {
            record Asked(String language, int n, Future<Http.Result> answer) {
            }
            List<Asked> asked = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (String language : languages) {
                    int n = 1 + (round * 7 + language.length()) % 20;
                    String l = language.replace("+", "%2B");
                    asked.add(new Asked(language, n, clients.submit(() -> Http.get(client, "/?n=" + n + "&l=" + l))));
                }
            }

            for (Asked a : asked) {
                Http.Result result = a.answer().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(result.status()).as("%s n=%d", a.language(), a.n()).isEqualTo(200);
                JsonNode repos = result.json().get("repos");
                assertThat(repos).as("%s n=%d", a.language(), a.n()).hasSize(a.n());
                for (JsonNode repo : repos) {
                    assertThat(repo.get("language").asText()).as("%s n=%d", a.language(), a.n())
                            .isEqualToIgnoringCase(a.language());
                }
            }
            assertThat(github.calls()).isEqualTo(languages.size());
            assertThat(github.requests()).extracting(r -> FakeGitHub.language(r))
                    .containsExactlyInAnyOrderElementsOf(languages.stream().map(l -> l.toLowerCase(Locale.ROOT)).toList());
        });
    }

    /** Waits (without asserting a duration) until the condition holds; fails only after a generous limit. */
    static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + WAIT);
            }
            Thread.sleep(5);
        }
    }
}
