package dev.kforge.tgr.github;

import java.util.Locale;

/**
 * A GitHub search that did not produce repositories. The message is written for API clients: it says what
 * went wrong with GitHub without leaking headers, credentials or GitHub's raw answer.
 */
public final class UpstreamException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the search failed; the metric label is {@link #label()}. */
    public enum Kind {
        /** GitHub's primary or secondary rate limit: answered 503 with Retry-After. */
        RATE_LIMITED,
        /** No complete answer within the read timeout. */
        TIMEOUT,
        /** Could not connect, the TLS handshake failed, or the connection closed before a complete answer. */
        UNREACHABLE,
        /**
         * GitHub answered with an error status other than a rate limit: answered 502, or 503 with Retry-After when it
         * was a 502, 503 or 504 saying when to retry ({@link UpstreamException#unavailable}).
         */
        HTTP_ERROR,
        /** GitHub answered 2xx, but not with a search result; or not with HTTP at all. */
        MALFORMED,
        /** Not sent: as many searches as allowed were in flight already. Answered 503 with Retry-After. */
        TOO_MANY_SEARCHES,
        /** Not waited for: as many requests as allowed were waiting for searches in flight already. 503 with Retry-After. */
        TOO_MANY_WAITING;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final long retryAfterSeconds;

    private UpstreamException(Kind kind, String message, long retryAfterSeconds, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static UpstreamException rateLimited(long retryAfterSeconds) {
        return new UpstreamException(Kind.RATE_LIMITED,
                "GitHub rate limit reached; retry after " + retryAfterSeconds + " seconds", retryAfterSeconds, null);
    }

    public static UpstreamException tooManySearches(int inFlight, long retryAfterSeconds) {
        return new UpstreamException(Kind.TOO_MANY_SEARCHES, "GitHub is slow to answer: " + inFlight
                + " searches are already in flight; retry after " + retryAfterSeconds + " seconds", retryAfterSeconds, null);
    }

    public static UpstreamException tooManyWaiting(int waiting, long retryAfterSeconds) {
        return new UpstreamException(Kind.TOO_MANY_WAITING, "GitHub is slow to answer: " + waiting
                + " requests are already waiting for GitHub; retry after " + retryAfterSeconds + " seconds", retryAfterSeconds, null);
    }

    /** GitHub answered 502, 503 or 504 with a usable Retry-After: the client is told to retry then. */
    public static UpstreamException unavailable(int status, long retryAfterSeconds, Throwable cause) {
        return new UpstreamException(Kind.HTTP_ERROR, "GitHub answered HTTP " + status + "; retry after "
                + retryAfterSeconds + " seconds", retryAfterSeconds, cause);
    }

    public static UpstreamException of(Kind kind, String message, Throwable cause) {
        if (kind == Kind.RATE_LIMITED || kind == Kind.TOO_MANY_SEARCHES || kind == Kind.TOO_MANY_WAITING) {
            throw new IllegalArgumentException("use rateLimited, tooManySearches or tooManyWaiting, which set Retry-After");
        }
        return new UpstreamException(kind, message, 0, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** Seconds a client should wait before retrying; only meaningful when {@link #isRetryLater()}. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The client should retry after {@link #retryAfterSeconds()}: 503 with Retry-After, not 502. */
    public boolean isRetryLater() {
        return retryAfterSeconds > 0;
    }
}
