package dev.kforge.tgr.config;

import dev.kforge.tgr.TgrContract;
import java.time.Duration;

/**
 * Timeouts, cache bounds and shutdown timing. Not read from the environment: these are the service's
 * policy, and tests shorten them.
 *
 * @param connectTimeout  TCP/TLS connect timeout to GitHub and to the Kubernetes API
 * @param readTimeout     time allowed for a whole upstream answer (headers and body) once connected
 * @param cacheTtl        how long a GitHub answer is served without asking GitHub again
 * @param staleFor        how long after it was fetched an answer may still be served, marked stale,
 *                        when GitHub fails
 * @param cacheMaxBytes   bound on the cached repository JSON, in bytes (characters), the response bodies
 *                        kept with it and a fixed overhead per language; the least recently used language is
 *                        evicted first. One language holds
 *                        up to 100 repositories of about 6 KB each, and bodies of at most about as much.
 * @param drainDelay      how long the service keeps serving after readiness turns false on SIGTERM, so that
 *                        Kubernetes removes the pod from its Service's endpoints before the port closes
 * @param stopTimeout     how long in-flight requests may take to finish once the port is closed
 * @param maxConcurrentSearches bound on GitHub searches in flight at once (see {@link #DEFAULT_MAX_CONCURRENT_SEARCHES})
 * @param maxWaitingRequests bound on requests waiting at once for a search another request started
 *                           (see {@link #DEFAULT_MAX_WAITING_REQUESTS})
 */
public record Tuning(
        Duration connectTimeout,
        Duration readTimeout,
        Duration cacheTtl,
        Duration staleFor,
        long cacheMaxBytes,
        Duration drainDelay,
        Duration stopTimeout,
        int maxConcurrentSearches,
        int maxWaitingRequests) {

    /** Outside a cluster nothing routes traffic by readiness, so there is nothing to drain. */
    public static final Duration IN_CLUSTER_DRAIN_DELAY = Duration.ofSeconds(TgrContract.DRAIN_SECONDS);

    /**
     * Each search in flight holds a Jetty request thread for up to connect + read timeout (13 s) when GitHub hangs;
     * Javalin's default pool has 250 threads, so 16 leaves over 230 for hits, stale answers, /health and /ready.
     * 16 searches at once is far more than GitHub allows anyway: 30 searches a minute with credentials.
     */
    public static final int DEFAULT_MAX_CONCURRENT_SEARCHES = 16;

    /**
     * A request for a language with nothing to serve stale joins the search in flight for it and holds a Jetty
     * thread until that search ends (up to connect + read timeout + 5 s slack, 18 s, when GitHub hangs). The
     * requests that start searches are bounded by {@link #DEFAULT_MAX_CONCURRENT_SEARCHES}; 64 waiting besides
     * them make at most 80 of the 250 threads held by a hanging GitHub, leaving 170 for hits, stale answers,
     * /health and /ready. 64 is still 4 waiting requests per search the bound allows: a burst of misses for a
     * few new languages, the usual case with a healthy GitHub, answers in well under a second and is not
     * rejected.
     */
    public static final int DEFAULT_MAX_WAITING_REQUESTS = 64;

    public Tuning {
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("readTimeout", readTimeout);
        requirePositive("cacheTtl", cacheTtl);
        if (staleFor.compareTo(cacheTtl) < 0) {
            throw new IllegalArgumentException("staleFor (" + staleFor + ") must not be shorter than cacheTtl (" + cacheTtl + ")");
        }
        if (cacheMaxBytes < 1) {
            throw new IllegalArgumentException("cacheMaxBytes must be positive, got " + cacheMaxBytes);
        }
        if (drainDelay.isNegative()) {
            throw new IllegalArgumentException("drainDelay must not be negative, got " + drainDelay);
        }
        requirePositive("stopTimeout", stopTimeout);
        if (maxConcurrentSearches < 1) {
            throw new IllegalArgumentException("maxConcurrentSearches must be positive, got " + maxConcurrentSearches);
        }
        if (maxWaitingRequests < 0) {
            throw new IllegalArgumentException("maxWaitingRequests must not be negative, got " + maxWaitingRequests);
        }
    }

    public static Tuning defaults() {
        return new Tuning(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofHours(1),
                48L * 1024 * 1024, Duration.ZERO, Duration.ofSeconds(TgrContract.STOP_TIMEOUT_SECONDS), DEFAULT_MAX_CONCURRENT_SEARCHES,
                DEFAULT_MAX_WAITING_REQUESTS);
    }

    public Tuning withConnectTimeout(Duration value) {
        return new Tuning(value, readTimeout, cacheTtl, staleFor, cacheMaxBytes, drainDelay, stopTimeout, maxConcurrentSearches,
                maxWaitingRequests);
    }

    public Tuning withReadTimeout(Duration value) {
        return new Tuning(connectTimeout, value, cacheTtl, staleFor, cacheMaxBytes, drainDelay, stopTimeout, maxConcurrentSearches,
                maxWaitingRequests);
    }

    public Tuning withCache(Duration ttl, Duration stale, long maxBytes) {
        return new Tuning(connectTimeout, readTimeout, ttl, stale, maxBytes, drainDelay, stopTimeout, maxConcurrentSearches,
                maxWaitingRequests);
    }

    public Tuning withDrainDelay(Duration value) {
        return new Tuning(connectTimeout, readTimeout, cacheTtl, staleFor, cacheMaxBytes, value, stopTimeout, maxConcurrentSearches,
                maxWaitingRequests);
    }

    public Tuning withStopTimeout(Duration value) {
        return new Tuning(connectTimeout, readTimeout, cacheTtl, staleFor, cacheMaxBytes, drainDelay, value, maxConcurrentSearches,
                maxWaitingRequests);
    }

    public Tuning withMaxConcurrentSearches(int value) {
        return new Tuning(connectTimeout, readTimeout, cacheTtl, staleFor, cacheMaxBytes, drainDelay, stopTimeout, value,
                maxWaitingRequests);
    }

    public Tuning withMaxWaitingRequests(int value) {
        return new Tuning(connectTimeout, readTimeout, cacheTtl, staleFor, cacheMaxBytes, drainDelay, stopTimeout,
                maxConcurrentSearches, value);
    }

    /** The longest one upstream call can take: the most a search in flight holds its place in the bound. */
    public Duration upstreamDeadline() {
        return connectTimeout.plus(readTimeout);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
