package dev.kforge.tgr.github;

import dev.kforge.tgr.metrics.Metrics;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * At most {@code maxInFlight} searches at once. When GitHub hangs, each search holds a Jetty request thread for up
 * to the upstream deadline (connect + read timeout); unbounded, misses for distinct languages could take every
 * thread, and {@code /health} and {@code /ready} would queue behind them until the kubelet restarts the pod.
 *
 * <p>A search beyond the bound is neither sent nor queued: it fails at once, as one skipped for GitHub's rate
 * limit does, so the request gets a stale answer or a 503 with Retry-After. Waiting for a permit would hold the
 * thread all the same, and a healthy GitHub (well under a second a search, 30 searches a minute) never needs
 * that many at once.
 *
 * <p>It wraps the search, under the cache's single flight: a request joining a search already in flight for its
 * language needs no permit, and one permit is held for exactly one upstream call.
 */
public final class ConcurrencyLimitedSearch implements RepositorySearch {

    private final RepositorySearch search;
    private final int maxInFlight;
    private final Semaphore permits;
    private final long retryAfterSeconds;
    private final Metrics metrics;

    /** @param upstreamDeadline the longest one search can hold its permit: how long a rejected client should wait */
    public ConcurrencyLimitedSearch(RepositorySearch search, int maxInFlight, Duration upstreamDeadline, Metrics metrics) {
        this.search = search;
        this.maxInFlight = maxInFlight;
        this.permits = new Semaphore(maxInFlight);
        this.retryAfterSeconds = Math.max(1, (upstreamDeadline.toMillis() + 999) / 1000);
        this.metrics = metrics;
        metrics.gauge("tgr_upstream_in_flight", "GitHub searches in flight, at most " + maxInFlight + ".", this::inFlight);
    }

    @Override
    public SearchPage search(String language) throws UpstreamException {
        if (!permits.tryAcquire()) {
            metrics.upstreamRejected();
            throw UpstreamException.tooManySearches(maxInFlight, retryAfterSeconds);
        }
        try {
            return search.search(language);
        } finally {
            permits.release();
        }
    }

    public int inFlight() {
        return maxInFlight - permits.availablePermits();
    }
}
