package dev.kforge.tgr.trending;

import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The repositories for one language, and whether they are fresh.
 *
 * @param repositories GitHub's repository objects as compact JSON, most stars first
 * @param incomplete   GitHub's {@code incomplete_results}: its search timed out and these are the repositories it
 *                     had found by then, so some of the most starred may be missing
 * @param source       where the answer came from
 * @param fetchedAt    when GitHub produced these repositories
 * @param staleReason  for {@link Source#STALE}: why GitHub could not be asked again, or that another request
 *                     is asking it; otherwise null
 * @param bodies       the response bodies rendered from these repositories, by {@code n}
 */
public record Answer(List<String> repositories, boolean incomplete, Source source, Instant fetchedAt, String staleReason,
                     Bodies bodies) {

    /** Reported in the {@code X-Cache} response header. */
    public enum Source {
        /** A fresh cache entry; GitHub was not called. */
        HIT,
        /** GitHub was called for this request, or for a concurrent one for the same language. */
        MISS,
        /**
         * The last good answer, older than the cache TTL: GitHub failed, or another request for the language is
         * asking it again.
         */
        STALE
    }

    /**
     * Response bodies by {@code n}. A fresh answer's are kept with its cache entry, so that a body is rendered
     * once per cached page and {@code n}, not once per request.
     */
    public interface Bodies {

        /** Keeps nothing: for stale answers, whose bodies also carry the failure. */
        Bodies RENDERED_EVERY_TIME = (n, render) -> render.apply(n);

        /** The body for {@code n}: a kept one, or what {@code render} gives, which may be kept for later calls. */
        byte[] body(int n, IntFunction<byte[]> render);
    }

    public boolean stale() {
        return source == Source.STALE;
    }

    /** The first {@code n} repositories (fewer when GitHub found fewer). */
    public List<String> first(int n) {
        return repositories.size() <= n ? repositories : repositories.subList(0, n);
    }

    /**
     * The response body for {@code n}: while the answer is fresh, rendered at most once per cached page and
     * {@code n} (within a memory budget, see {@link TrendingCache}). {@code render} must depend only on {@code n},
     * the repositories, whether they are incomplete and whether the answer is stale: its result is served to later
     * requests for the same language and {@code n}, hits and misses alike.
     */
    public byte[] body(int n, IntFunction<byte[]> render) {
        return bodies.body(n, render);
    }
}
