package dev.kforge.tgr.trending;

import dev.kforge.tgr.github.RepositorySearch;
import dev.kforge.tgr.github.SearchPage;
import dev.kforge.tgr.github.UpstreamException;
import dev.kforge.tgr.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * The top repositories per language, keyed by the lower-cased language, each entry holding GitHub's whole
 * first page (100 repositories) so that every {@code n} is served from one upstream call.
 *
 * <ul>
 *   <li>Fresh for {@code ttl}: answered without calling GitHub.</li>
 *   <li>Single flight: concurrent misses for one language share one upstream call.</li>
 *   <li>Stale: when GitHub fails, an entry younger than {@code staleFor} is served, marked stale; so it is, at
 *       once, to the other requests for the language while one request refreshes it.</li>
 *   <li>Bounded waiting: at most {@code maxWaiting} requests, across languages, wait for a search another request
 *       started; one beyond them, with nothing to serve stale, gets a retry-later error at once, to retry when the
 *       search it would have joined reaches its deadline.</li>
 *   <li>Bounded: the least recently used languages are evicted once the entries hold more than
 *       {@code maxBytes}: characters of repository JSON, plus the bytes of the response bodies they keep, plus
 *       {@link #ENTRY_OVERHEAD} per language.</li>
 *   <li>Rendered once: an entry keeps the response bodies rendered from it while fresh, by {@code n}, so a
 *       hit serves bytes ready to write. They go with the entry when it is replaced or evicted.</li>
 * </ul>
 * An entry's page never changes; the map, the byte count and the kept bodies are guarded by one lock held only
 * for map and bookkeeping operations, never during a call or a rendering.
 */
public final class TrendingCache {

    /**
     * What an entry costs besides its JSON (key, objects, map node), counted towards {@code maxBytes}, so that
     * languages GitHub finds nothing for, whose pages weigh nothing, cannot pile up without bound.
     */
    static final long ENTRY_OVERHEAD = 512;

    /** The reason of a stale answer served while another request's search for the language is in flight. */
    static final String REFRESHING = "Refreshing from GitHub";

    /** A search in flight for one language: its result, for the requests that join it, and when it started. */
    private record Search(CompletableFuture<Entry> result, Instant startedAt) {
    }

    /**
     * One language's page and the response bodies rendered from it. Bodies are kept by {@code min(n, items)},
     * since every larger {@code n} gives the same body: at most {@link SearchQuery#MAX_N} + 1 slots.
     *
     * <p>Memory: kept bodies count towards {@code maxBytes} with their page, so that the bound still covers all the
     * cache holds; and an entry keeps at most about one whole page's worth of bodies ({@link #bodyBudget}, first
     * come, first kept), so that bodies, cheap to render again, take at most about half the bound from pages, which
     * each cost a GitHub call. Bodies beyond the budget are rendered per request, as stale ones are.
     */
    private final class Entry implements Answer.Bodies {
        /** Room for the commas between repositories and the {@code {"repos":[...],"status":"ok"}} around them. */
        private static final int ENVELOPE = 64;

        final String key;
        final SearchPage page;
        final Instant fetchedAt;
        final long pageWeight;
        final long bodyBudget;
        /** Written under {@link #lock}, read without it: a body is set once, whole. */
        private final AtomicReferenceArray<byte[]> bodies;
        /** Guarded by {@link #lock}. */
        private long bodyBytes;

        Entry(String key, SearchPage page, Instant fetchedAt) {
            this.key = key;
            this.page = page;
            this.fetchedAt = fetchedAt;
            this.pageWeight = page.weight() + ENTRY_OVERHEAD;
            this.bodyBudget = page.weight() + page.items().size() + ENVELOPE;
            this.bodies = new AtomicReferenceArray<>(page.items().size() + 1);
        }

        /** Called with {@link #lock} held. */
        long weight() {
            return pageWeight + bodyBytes;
        }

        @Override
        public byte[] body(int n, IntFunction<byte[]> render) {
            int slot = Math.min(n, page.items().size());
            byte[] body = bodies.get(slot);
            return body != null ? body : keep(this, slot, render.apply(n));
        }
    }

    private final RepositorySearch search;
    private final Clock clock;
    private final Duration ttl;
    private final Duration staleFor;
    private final long maxBytes;
    private final Duration upstreamDeadline;
    private final Duration waitLimit;
    private final int maxWaiting;
    /** Places for requests waiting for a search another request started, so that they cannot take every thread. */
    private final Semaphore waiting;
    private final long maxRetryWaitingAfterSeconds;
    private final Metrics metrics;

    private final Object lock = new Object();
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private final ConcurrentHashMap<String, Search> inFlight = new ConcurrentHashMap<>();

    /**
     * @param upstreamDeadline the longest one search can take (connect + read timeout): by then a search in flight
     *                         has ended
     * @param waitLimit how long a request waits for a concurrent request's upstream call; longer than the
     *                  upstream deadline, so it only matters if that call hangs despite its timeout
     * @param maxWaiting how many requests may wait at once for searches other requests started, all languages
     */
    public TrendingCache(RepositorySearch search, Clock clock, Duration ttl, Duration staleFor, long maxBytes,
                         Duration upstreamDeadline, Duration waitLimit, int maxWaiting, Metrics metrics) {
        this.search = search;
        this.clock = clock;
        this.ttl = ttl;
        this.staleFor = staleFor;
        this.maxBytes = maxBytes;
        this.upstreamDeadline = upstreamDeadline;
        this.waitLimit = waitLimit;
        this.maxWaiting = maxWaiting;
        this.waiting = new Semaphore(maxWaiting);
        // By then every request now waiting has got its answer or given up.
        this.maxRetryWaitingAfterSeconds = Math.max(1, (waitLimit.toMillis() + 999) / 1000);
        this.metrics = metrics;
        metrics.gauge("tgr_cache_entries", "Languages in the cache, fresh or stale.", this::size);
        metrics.gauge("tgr_cache_bytes",
                "Characters of repository JSON, bytes of kept response bodies, and a fixed overhead per language, in the cache.", this::weight);
        metrics.gauge("tgr_upstream_waiting",
                "Requests waiting for a GitHub search another request started, at most " + maxWaiting + ".", this::waiting);
    }

    /** The repositories of a language; the key is {@link SearchQuery#languageKey()}. */
    public Answer get(String languageKey) throws UpstreamException {
        Entry cached = peek(languageKey);
        if (cached != null && isFresh(cached)) {
            metrics.cacheHit();
            return answer(cached, Answer.Source.HIT, null);
        }
        metrics.cacheMiss();
        try {
            return load(languageKey, cached != null && servableStale(cached) ? cached : null);
        } catch (UpstreamException e) {
            Entry last = peek(languageKey);
            if (last != null && isFresh(last)) {
                // A concurrent search stored it after this request missed, e.g. as it found no place to wait for it.
                return answer(last, Answer.Source.MISS, null);
            }
            if (last != null && servableStale(last)) {
                return stale(last, e.getMessage());
            }
            throw e;
        }
    }

    public long size() {
        synchronized (lock) {
            return entries.size();
        }
    }

    public long weight() {
        synchronized (lock) {
            return bytes;
        }
    }

    public long waiting() {
        return maxWaiting - waiting.availablePermits();
    }

    /**
     * Searches GitHub for a language, or joins the search in flight for it. A request that finds a search in flight
     * and has a {@code stale} entry to serve gets it at once instead: only the request that started the search
     * waits for it, so a hanging GitHub holds one request thread per language rather than every request for it.
     * Without such an entry (a true miss, or one older than {@code staleFor}) there is nothing else to serve, and the
     * request waits for that search's result, if one of the {@code maxWaiting} places is free; else it fails at once
     * with a retry-later error (a 503 with Retry-After, see {@link #retryWaitingAfterSeconds}). Only these joining
     * requests take a place: the request that starts a search already holds one of {@code ConcurrencyLimitedSearch}'s,
     * so a hanging GitHub holds at most {@code maxConcurrentSearches + maxWaiting} threads, and waiters for one
     * language cannot stop another's search.
     *
     * <p>The request that starts the search waits for it rather than being served stale while a background thread
     * searches: it stays the one upstream call per refresh, with no executor to bound or stop, its failure reaches
     * a client as today's stale answer (with the real reason), and {@code ConcurrencyLimitedSearch} already bounds
     * how many request threads such searches hold.
     *
     * @param stale the expired entry this request found, if it may still be served; else null
     */
    private Answer load(String key, Entry stale) throws UpstreamException {
        Search mine = new Search(new CompletableFuture<>(), clock.instant());
        Search running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return stale != null ? stale(stale, REFRESHING) : answer(join(running), Answer.Source.MISS, null);
        }
        try {
            // Another request may have stored a fresh entry between our miss and our claim.
            Entry current = peek(key);
            if (current != null && isFresh(current)) {
                mine.result().complete(current);
                return answer(current, Answer.Source.MISS, null);
            }
            Entry loaded = new Entry(key, search.search(key), clock.instant());
            store(key, loaded);
            mine.result().complete(loaded);
            return answer(loaded, Answer.Source.MISS, null);
        } catch (UpstreamException | RuntimeException | Error e) {
            mine.result().completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** Waits for a search another request started, in one of the {@code maxWaiting} places, always given back. */
    private Entry join(Search running) throws UpstreamException {
        if (!waiting.tryAcquire()) {
            metrics.upstreamWaitRejected();
            throw UpstreamException.tooManyWaiting(maxWaiting, retryWaitingAfterSeconds(running));
        }
        try {
            return await(running.result());
        } finally {
            waiting.release();
        }
    }

    /**
     * Until the search a request found no place to wait for reaches its deadline: by then it has ended, and a retry
     * finds its answer cached or starts a search of its own, which needs no place. Rounded up, at least 1 second, and
     * at most the wait limit, by when every request now waiting has given up its place.
     */
    private long retryWaitingAfterSeconds(Search running) {
        long millis = Duration.between(clock.instant(), running.startedAt().plus(upstreamDeadline)).toMillis();
        return Math.min(maxRetryWaitingAfterSeconds, Math.max(1, (millis + 999) / 1000));
    }

    private Entry await(CompletableFuture<Entry> running) throws UpstreamException {
        try {
            return running.get(waitLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UpstreamException upstream) {
                throw upstream;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw UpstreamException.of(UpstreamException.Kind.TIMEOUT,
                    "GitHub did not answer within " + waitLimit.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UpstreamException.of(UpstreamException.Kind.TIMEOUT, "Interrupted while waiting for GitHub", e);
        }
    }

    private boolean isFresh(Entry entry) {
        return Duration.between(entry.fetchedAt, clock.instant()).compareTo(ttl) < 0;
    }

    /** Young enough to be served stale, when GitHub fails or while it is asked again. */
    private boolean servableStale(Entry entry) {
        return Duration.between(entry.fetchedAt, clock.instant()).compareTo(staleFor) < 0;
    }

    private Answer stale(Entry entry, String reason) {
        metrics.cacheStaleServed();
        return answer(entry, Answer.Source.STALE, reason);
    }

    private Entry peek(String key) {
        synchronized (lock) {
            return entries.get(key);
        }
    }

    private void store(String key, Entry entry) {
        synchronized (lock) {
            Entry previous = entries.put(key, entry);
            if (previous != null) {
                bytes -= previous.weight();
            }
            bytes += entry.weight();
            evictBeyondBound(key);
        }
    }

    /**
     * Keeps a body rendered from an entry, unless the entry left the map meanwhile (its bodies must not count
     * any more) or its budget is spent. Returns the body to serve: a concurrent request's, if it kept one first.
     */
    private byte[] keep(Entry entry, int slot, byte[] body) {
        synchronized (lock) {
            byte[] kept = entry.bodies.get(slot);
            if (kept != null) {
                return kept;
            }
            if (entries.get(entry.key) != entry || entry.bodyBytes + body.length > entry.bodyBudget) {
                return body;
            }
            entry.bodies.set(slot, body);
            entry.bodyBytes += body.length;
            bytes += body.length;
            evictBeyondBound(entry.key);
            return body;
        }
    }

    /** Called with {@link #lock} held: evicts the least recently used entries, never {@code spare}'s. */
    private void evictBeyondBound(String spare) {
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && entries.size() > 1 && eldest.hasNext()) {
            Map.Entry<String, Entry> e = eldest.next();
            if (e.getKey().equals(spare)) {
                continue; // never what was just stored or added to
            }
            bytes -= e.getValue().weight();
            eldest.remove();
        }
    }

    private static Answer answer(Entry entry, Answer.Source source, String staleReason) {
        Answer.Bodies bodies = source == Answer.Source.STALE ? Answer.Bodies.RENDERED_EVERY_TIME : entry;
        return new Answer(entry.page.items(), entry.page.incomplete(), source, entry.fetchedAt, staleReason, bodies);
    }
}
