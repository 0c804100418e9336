package dev.kforge.tgr.trending;

import java.time.Instant;
import java.util.List;

/**
 * The repositories for one language, and whether they are fresh.
 *
 * @param repositories GitHub's repository objects as compact JSON, most stars first
 * @param source       where the answer came from
 * @param fetchedAt    when GitHub produced these repositories
 * @param staleReason  for {@link Source#STALE}: why GitHub could not be asked again; otherwise null
 */
public record Answer(List<String> repositories, Source source, Instant fetchedAt, String staleReason) {

    /** Reported in the {@code X-Cache} response header. */
    public enum Source {
        /** A fresh cache entry; GitHub was not called. */
        HIT,
        /** GitHub was called for this request, or for a concurrent one for the same language. */
        MISS,
        /** GitHub failed; this is the last good answer, older than the cache TTL. */
        STALE
    }

    public boolean stale() {
        return source == Source.STALE;
    }

    /** The first {@code n} repositories (fewer when GitHub found fewer). */
    public List<String> first(int n) {
        return repositories.size() <= n ? repositories : repositories.subList(0, n);
    }
}
