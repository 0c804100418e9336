package dev.kforge.tgr.trending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.tgr.github.RepositorySearch;
import dev.kforge.tgr.github.SearchPage;
import dev.kforge.tgr.github.UpstreamException;
import dev.kforge.tgr.metrics.Metrics;
import dev.kforge.tgr.support.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cache alone, with a scripted search: TTL, staleness, eviction, single flight and kept bodies. */
class TrendingCacheTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration STALE_FOR = Duration.ofHours(1);
    private static final Duration UPSTREAM_DEADLINE = Duration.ofSeconds(13);
    private static final long OVERHEAD = TrendingCache.ENTRY_OVERHEAD;

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Metrics metrics = new Metrics("test");
    private final ConcurrentLinkedQueue<String> searched = new ConcurrentLinkedQueue<>();
    /** The pool's threads, so a test can wait until they are all parked. */
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(20, task -> {
        Thread thread = Executors.defaultThreadFactory().newThread(task);
        workers.add(thread);
        return thread;
    });
    private volatile RepositorySearch behaviour = this::page;
    private final AtomicInteger renders = new AtomicInteger();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private TrendingCache cache(long maxBytes) {
        return cache(maxBytes, Duration.ofSeconds(60), 64);
    }

    private TrendingCache cache(long maxBytes, Duration waitLimit, int maxWaiting) {
        return cache(clock, maxBytes, waitLimit, maxWaiting);
    }

    private TrendingCache cache(Clock clock, long maxBytes, Duration waitLimit, int maxWaiting) {
        RepositorySearch counting = language -> {
            searched.add(language);
            return behaviour.search(language);
        };
        return new TrendingCache(counting, clock, TTL, STALE_FOR, maxBytes, UPSTREAM_DEADLINE, waitLimit, maxWaiting,
                metrics);
    }

    /** Three repositories of 100 characters each. */
    private SearchPage page(String language) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String prefix = "{\"full_name\":\"" + language + "/" + i + "\",\"pad\":\"";
            items.add(prefix + "x".repeat(100 - prefix.length() - 2) + "\"}");
        }
        return new SearchPage(items, 3, false);
    }

    @Test
    void serves_an_entry_without_searching_until_the_ttl_has_passed() throws Exception {
        TrendingCache cache = cache(1_000_000);

        Answer first = cache.get("python");
        clock.advance(TTL.minusMillis(1));
        Answer second = cache.get("python");

        assertThat(first.source()).isEqualTo(Answer.Source.MISS);
        assertThat(second.source()).isEqualTo(Answer.Source.HIT);
        assertThat(second.repositories()).isEqualTo(first.repositories());
        assertThat(searched).containsExactly("python");
        assertThat(metrics.cacheHits()).isEqualTo(1);
        assertThat(metrics.cacheMisses()).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(cache.get("python").source()).isEqualTo(Answer.Source.MISS);
        assertThat(searched).containsExactly("python", "python");
    }

    @Test
    void serves_the_last_good_answer_as_stale_when_the_search_fails_and_not_after_the_stale_limit() throws Exception {
        TrendingCache cache = cache(1_000_000);
        Answer good = cache.get("go");
        behaviour = language -> {
            throw UpstreamException.of(UpstreamException.Kind.TIMEOUT, "GitHub did not answer within 10 ms", null);
        };
        clock.advance(TTL);

        Answer stale = cache.get("go");

        assertThat(stale.source()).isEqualTo(Answer.Source.STALE);
        assertThat(stale.repositories()).isEqualTo(good.repositories());
        assertThat(stale.fetchedAt()).isEqualTo(good.fetchedAt());
        assertThat(stale.staleReason()).isEqualTo("GitHub did not answer within 10 ms");

        clock.advance(STALE_FOR.minus(TTL));
        assertThatThrownBy(() -> cache.get("go")).isInstanceOf(UpstreamException.class)
                .hasMessage("GitHub did not answer within 10 ms");
    }

    @Test
    void a_failure_without_a_previous_answer_is_the_callers_error() {
        behaviour = language -> {
            throw UpstreamException.rateLimited(30);
        };
        TrendingCache cache = cache(1_000_000);

        assertThatThrownBy(() -> cache.get("go")).isInstanceOfSatisfying(UpstreamException.class,
                e -> assertThat(e.retryAfterSeconds()).isEqualTo(30));
        assertThat(cache.size()).isZero();
    }

    @Test
    void evicts_the_least_recently_used_language_once_over_the_byte_bound() throws Exception {
        TrendingCache cache = cache(2 * (300 + OVERHEAD) + 100); // room for two languages of 300 characters

        cache.get("a");
        cache.get("b");
        cache.get("a"); // a is now the most recently used
        cache.get("c"); // evicts b

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.weight()).isEqualTo(2 * (300 + OVERHEAD));
        searched.clear();
        assertThat(cache.get("a").source()).isEqualTo(Answer.Source.HIT);
        assertThat(cache.get("c").source()).isEqualTo(Answer.Source.HIT);
        assertThat(cache.get("b").source()).isEqualTo(Answer.Source.MISS);
        assertThat(searched).containsExactly("b");
    }

    @Test
    void bounds_the_number_of_languages_even_when_github_finds_nothing_for_them() throws Exception {
        behaviour = language -> new SearchPage(List.of(), 0, false); // a typo, or a made-up language
        TrendingCache cache = cache(10 * OVERHEAD);

        for (int i = 0; i < 100; i++) {
            serve(cache, "no-such-language-" + i, 5);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void keeps_a_single_entry_even_when_it_alone_exceeds_the_bound() throws Exception {
        TrendingCache cache = cache(10);

        cache.get("a");
        cache.get("b");

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get("b").source()).isEqualTo(Answer.Source.HIT);
    }

    @Test
    void concurrent_misses_share_one_search_and_its_failure() throws Exception {
        CountDownLatch searching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        behaviour = language -> {
            calls.incrementAndGet();
            searching.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw UpstreamException.of(UpstreamException.Kind.HTTP_ERROR, "GitHub answered HTTP 500", null);
        };
        TrendingCache cache = cache(1_000_000);

        List<Future<?>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(threads.submit(() -> cache.get("rust")));
        }
        assertThat(searching.await(60, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // A miss is counted before the request joins the search in flight: wait until every request has also
        // parked (the searcher in its release, the others waiting for its result), or a late one would search again.
        while ((metrics.cacheMisses() < 20 || !allWorkersParked()) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        release.countDown();

        for (Future<?> result : results) {
            assertThatThrownBy(result::get).hasCauseInstanceOf(UpstreamException.class)
                    .cause().hasMessage("GitHub answered HTTP 500");
        }
        assertThat(calls).hasValue(1);
    }

    /** Makes every search block until {@code release} is counted down, counting {@code searching} down first. */
    /** A search for rust, started by another request and in flight: GitHub holds it until {@code release}. */
    private Future<Answer> searchHeldUntil(TrendingCache cache, CountDownLatch release) throws InterruptedException {
        CountDownLatch searching = new CountDownLatch(1);
        searchesHeldUntil(searching, release);
        Future<Answer> searcher = threads.submit(() -> cache.get("rust"));
        assertThat(searching.await(60, TimeUnit.SECONDS)).isTrue();
        return searcher;
    }

    private void searchesHeldUntil(CountDownLatch searching, CountDownLatch release) {
        behaviour = language -> {
            searching.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return page(language);
        };
    }

    private long waiting() {
        for (String line : metrics.render().split("\n")) {
            if (line.startsWith("tgr_upstream_waiting ")) {
                return Long.parseLong(line.substring(line.indexOf(' ') + 1));
            }
        }
        return -1;
    }

    private void awaitWaiting(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (waiting() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("tgr_upstream_waiting never reached " + expected + ", is " + waiting());
            }
            Thread.sleep(5);
        }
    }

    @Test
    void a_request_that_stops_waiting_for_the_search_it_joined_gives_its_place_back() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TrendingCache cache = cache(1_000_000, Duration.ofMillis(100), 2);
        Future<Answer> searcher = searchHeldUntil(cache, release);

        // Twice as many as the bound, two at a time: each pair times out, and the next pair still gets to wait.
        for (int round = 0; round < 2; round++) {
            List<Future<Answer>> joiners = List.of(threads.submit(() -> cache.get("rust")),
                    threads.submit(() -> cache.get("rust")));
            for (Future<Answer> joiner : joiners) {
                assertThatThrownBy(joiner::get).cause().isInstanceOf(UpstreamException.class)
                        .hasMessage("GitHub did not answer within 100 ms");
            }
            assertThat(waiting()).isZero();
        }
        release.countDown();
        assertThat(searcher.get(60, TimeUnit.SECONDS).source()).isEqualTo(Answer.Source.MISS);
        assertThat(metrics.render()).contains("tgr_upstream_wait_rejected_total 0");
    }

    @Test
    void an_interrupted_waiter_gives_its_place_back() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TrendingCache cache = cache(1_000_000, Duration.ofSeconds(60), 1);
        Future<Answer> searcher = searchHeldUntil(cache, release);

        Future<Answer> interrupted = threads.submit(() -> cache.get("rust"));
        awaitWaiting(1);
        interrupted.cancel(true);
        awaitWaiting(0);

        Future<Answer> next = threads.submit(() -> cache.get("rust")); // the one place is free again
        awaitWaiting(1);
        assertThatThrownBy(() -> cache.get("rust")).isInstanceOf(UpstreamException.class)
                .hasMessage("GitHub is slow to answer: 1 requests are already waiting for GitHub; retry after 13 seconds");
        release.countDown();
        assertThat(searcher.get(60, TimeUnit.SECONDS).source()).isEqualTo(Answer.Source.MISS);
        assertThat(next.get(60, TimeUnit.SECONDS).source()).isEqualTo(Answer.Source.MISS);
        assertThat(waiting()).isZero();
        assertThat(searched).containsExactly("rust");
    }

    /** The Retry-After of the retry-later error a request for the language gets instead of a waiting place. */
    private static long retryAfterWhenRejected(TrendingCache cache, String language) {
        try {
            Answer answer = cache.get(language);
            throw new AssertionError("Expected no place to wait, got a " + answer.source() + " answer");
        } catch (UpstreamException e) {
            assertThat(e.kind()).isEqualTo(UpstreamException.Kind.TOO_MANY_WAITING);
            return e.retryAfterSeconds();
        }
    }

    @Test
    void a_request_without_a_waiting_place_is_told_to_retry_when_the_search_in_flight_reaches_its_deadline()
            throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TrendingCache cache = cache(1_000_000, Duration.ofSeconds(18), 0);
        Future<Answer> searcher = searchHeldUntil(cache, release);

        assertThat(retryAfterWhenRejected(cache, "rust")).isEqualTo(13); // the search has just started
        clock.advance(Duration.ofMillis(10_001));
        assertThat(retryAfterWhenRejected(cache, "rust")).isEqualTo(3); // 2.999 s left, rounded up
        clock.advance(Duration.ofMillis(2_999));
        assertThat(retryAfterWhenRejected(cache, "rust")).isEqualTo(1); // at its deadline
        clock.advance(Duration.ofSeconds(30));
        assertThat(retryAfterWhenRejected(cache, "rust")).isEqualTo(1); // hanging beyond it

        release.countDown();
        assertThat(searcher.get(60, TimeUnit.SECONDS).source()).isEqualTo(Answer.Source.MISS);
        assertThat(searched).containsExactly("rust");
    }

    @Test
    void a_request_without_a_waiting_place_is_never_told_to_retry_later_than_the_wait_limit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TrendingCache cache = cache(1_000_000, Duration.ofMillis(4_001), 0); // shorter than the 13 s deadline
        Future<Answer> searcher = searchHeldUntil(cache, release);

        assertThat(retryAfterWhenRejected(cache, "rust")).isEqualTo(5);

        release.countDown();
        assertThat(searcher.get(60, TimeUnit.SECONDS).source()).isEqualTo(Answer.Source.MISS);
    }

    /**
     * The race: a request finds the search in flight and no place to wait for it, and that search stores its entry
     * before the request, failing, looks for one to serve stale. The test clock orders it: the rejected request reads
     * the time for its Retry-After, and the search completes before the read returns.
     */
    @Test
    void a_request_without_a_waiting_place_gets_the_entry_the_search_stored_meanwhile_as_a_fresh_miss()
            throws Exception {
        CountDownLatch searching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        searchesHeldUntil(searching, release);
        Thread rejected = Thread.currentThread();
        AtomicReference<Future<Answer>> searcher = new AtomicReference<>();
        AtomicBoolean completedMeanwhile = new AtomicBoolean();
        Clock completingOnRejection = new Clock() {
            @Override
            public Instant instant() {
                if (Thread.currentThread() == rejected && metrics.render().contains("tgr_upstream_wait_rejected_total 1")
                        && completedMeanwhile.compareAndSet(false, true)) {
                    release.countDown();
                    try {
                        searcher.get().get(60, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return clock.instant();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
        TrendingCache cache = cache(completingOnRejection, 1_000_000, Duration.ofSeconds(18), 0);
        searcher.set(threads.submit(() -> cache.get("rust")));
        assertThat(searching.await(60, TimeUnit.SECONDS)).isTrue();

        Answer answer = cache.get("rust");

        Answer stored = searcher.get().get(60, TimeUnit.SECONDS);
        assertThat(completedMeanwhile).isTrue();
        assertThat(answer.source()).isEqualTo(Answer.Source.MISS);
        assertThat(answer.staleReason()).isNull();
        assertThat(answer.fetchedAt()).isEqualTo(stored.fetchedAt());
        assertThat(answer.repositories()).isEqualTo(stored.repositories());
        assertThat(metrics.render()).contains("tgr_upstream_wait_rejected_total 1", "tgr_cache_stale_served_total 0");
        assertThat(searched).containsExactly("rust");
    }

    private boolean allWorkersParked() {
        return workers.size() == 20 && workers.stream()
                .allMatch(thread -> thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING);
    }

    /** Serves {@code n} of a language as the controller does, counting renderings in {@link #renders}. */
    private byte[] serve(TrendingCache cache, String language, int n) throws UpstreamException {
        Answer answer = cache.get(language);
        return answer.body(n, k -> {
            renders.incrementAndGet();
            String status = answer.stale() ? "stale: " + answer.staleReason() : "ok";
            return (String.join(",", answer.first(k)) + " " + status).getBytes(StandardCharsets.UTF_8);
        });
    }

    @Test
    void renders_a_fresh_body_once_per_n_and_serves_the_same_bytes_to_every_hit() throws Exception {
        TrendingCache cache = cache(1_000_000);

        byte[] miss = serve(cache, "python", 2);
        byte[] hit = serve(cache, "python", 2);
        byte[] one = serve(cache, "python", 1);
        byte[] oneAgain = serve(cache, "python", 1);

        assertThat(hit).isSameAs(miss);
        assertThat(oneAgain).isSameAs(one);
        assertThat(new String(one, StandardCharsets.UTF_8)).startsWith("{\"full_name\":\"python/0\"").endsWith(" ok");
        assertThat(one).isNotEqualTo(miss);
        assertThat(renders).hasValue(2);
        assertThat(cache.weight()).isEqualTo(300 + OVERHEAD + miss.length + one.length);
    }

    @Test
    void serves_every_n_beyond_the_page_with_the_body_of_the_whole_page() throws Exception {
        TrendingCache cache = cache(1_000_000);

        byte[] beyondThePage = serve(cache, "python", 100); // the page holds 3 repositories
        byte[] wholePage = serve(cache, "python", 3);

        assertThat(wholePage).isSameAs(beyondThePage);
        assertThat(renders).hasValue(1);
    }

    @Test
    void renders_a_stale_body_for_every_request() throws Exception {
        TrendingCache cache = cache(1_000_000);
        byte[] fresh = serve(cache, "go", 2);
        behaviour = language -> {
            throw UpstreamException.of(UpstreamException.Kind.TIMEOUT, "GitHub did not answer within 10 ms", null);
        };
        clock.advance(TTL);
        renders.set(0);

        byte[] stale = serve(cache, "go", 2);
        byte[] staleAgain = serve(cache, "go", 2);

        assertThat(new String(stale, StandardCharsets.UTF_8)).endsWith(" stale: GitHub did not answer within 10 ms");
        assertThat(staleAgain).isEqualTo(stale).isNotSameAs(stale);
        assertThat(stale).isNotEqualTo(fresh);
        assertThat(renders).hasValue(2);
    }

    @Test
    void a_refreshed_entry_renders_its_bodies_again_and_drops_the_old_ones_from_the_weight() throws Exception {
        TrendingCache cache = cache(1_000_000);
        byte[] old = serve(cache, "rust", 3);
        behaviour = language -> new SearchPage(page(language).items().subList(0, 2), 2, false);
        clock.advance(TTL);

        byte[] refreshed = serve(cache, "rust", 3);
        byte[] hit = serve(cache, "rust", 3);

        assertThat(refreshed).isNotEqualTo(old);
        assertThat(new String(refreshed, StandardCharsets.UTF_8)).doesNotContain("rust/2");
        assertThat(hit).isSameAs(refreshed);
        assertThat(renders).hasValue(2);
        assertThat(cache.weight()).isEqualTo(200 + OVERHEAD + refreshed.length);
    }

    @Test
    void counts_kept_bodies_towards_the_byte_bound() throws Exception {
        // room for two languages of 300 characters and 100 bytes of bodies
        TrendingCache cache = cache(2 * (300 + OVERHEAD) + 100);
        cache.get("a");
        cache.get("b");

        byte[] body = serve(cache, "b", 2); // 204 bytes: over the bound, so a, the least recently used, is evicted

        assertThat(body).hasSize(204);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.weight()).isEqualTo(300 + OVERHEAD + 204);
        searched.clear();
        assertThat(cache.get("b").source()).isEqualTo(Answer.Source.HIT);
        assertThat(cache.get("a").source()).isEqualTo(Answer.Source.MISS);
        assertThat(searched).containsExactly("a");
    }

    @Test
    void keeps_bodies_of_about_one_whole_page_per_entry_and_renders_the_rest_per_request() throws Exception {
        TrendingCache cache = cache(1_000_000);
        byte[] whole = serve(cache, "a", 3);    // 305 bytes: within the budget of 300 + 3 + 64
        serve(cache, "a", 1);                   // 103 bytes more would exceed it: not kept
        renders.set(0);

        byte[] wholeAgain = serve(cache, "a", 3);
        byte[] oneAgain = serve(cache, "a", 1);
        byte[] oneOnceMore = serve(cache, "a", 1);

        assertThat(wholeAgain).isSameAs(whole);
        assertThat(oneOnceMore).isEqualTo(oneAgain).isNotSameAs(oneAgain);
        assertThat(renders).hasValue(2);
        assertThat(cache.weight()).isEqualTo(300 + OVERHEAD + whole.length);
    }

    @Test
    void a_body_rendered_from_a_replaced_entry_is_served_but_not_kept() throws Exception {
        TrendingCache cache = cache(1_000_000);
        Answer old = cache.get("a");
        clock.advance(TTL);
        cache.get("a"); // replaces the entry old came from

        byte[] body = old.body(2, k -> String.join(",", old.first(k)).getBytes(StandardCharsets.UTF_8));
        byte[] again = old.body(2, k -> String.join(",", old.first(k)).getBytes(StandardCharsets.UTF_8));

        assertThat(again).isEqualTo(body).isNotSameAs(body);
        assertThat(cache.weight()).isEqualTo(300 + OVERHEAD);
    }
}
