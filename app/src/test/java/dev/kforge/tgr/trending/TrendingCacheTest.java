package dev.kforge.tgr.trending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.tgr.github.RepositorySearch;
import dev.kforge.tgr.github.SearchPage;
import dev.kforge.tgr.github.UpstreamException;
import dev.kforge.tgr.metrics.Metrics;
import dev.kforge.tgr.support.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cache alone, with a scripted search: TTL, staleness, eviction and single flight. */
class TrendingCacheTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration STALE_FOR = Duration.ofHours(1);

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Metrics metrics = new Metrics("test");
    private final ConcurrentLinkedQueue<String> searched = new ConcurrentLinkedQueue<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(20);
    private volatile RepositorySearch behaviour = this::page;

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private TrendingCache cache(long maxBytes) {
        RepositorySearch counting = language -> {
            searched.add(language);
            return behaviour.search(language);
        };
        return new TrendingCache(counting, clock, TTL, STALE_FOR, maxBytes, Duration.ofSeconds(60), metrics);
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
        TrendingCache cache = cache(700); // room for two languages of 300 characters

        cache.get("a");
        cache.get("b");
        cache.get("a"); // a is now the most recently used
        cache.get("c"); // evicts b

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.weight()).isEqualTo(600);
        searched.clear();
        assertThat(cache.get("a").source()).isEqualTo(Answer.Source.HIT);
        assertThat(cache.get("c").source()).isEqualTo(Answer.Source.HIT);
        assertThat(cache.get("b").source()).isEqualTo(Answer.Source.MISS);
        assertThat(searched).containsExactly("b");
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
        while (metrics.cacheMisses() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        release.countDown();

        for (Future<?> result : results) {
            assertThatThrownBy(result::get).hasCauseInstanceOf(UpstreamException.class)
                    .cause().hasMessage("GitHub answered HTTP 500");
        }
        assertThat(calls).hasValue(1);
    }
}
