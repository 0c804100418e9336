package dev.kforge.tgr.support;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's search API as far as the service uses it: {@code GET /search/repositories?q=language:"X"}
 * answers {@value #TOTAL} repositories of X, most stars first, a page of {@code per_page} at a time, with
 * GitHub's {@code Link} and {@code X-RateLimit-*} headers.
 */
public final class FakeGitHub extends FakeHttpServer {

    public static final int TOTAL = 250;
    private static final Pattern LANGUAGE = Pattern.compile("language:\"([^\"]*)\"");

    private FakeGitHub() {
        super(null);
        respond(this::search);
        gzipWhenAccepted(true);
    }

    public static FakeGitHub start() {
        return new FakeGitHub();
    }

    /** The default answer: a page of generated repositories for the language in {@code q}. */
    public Reply search(Request request) {
        if (!request.path().equals("/search/repositories")) {
            return Reply.json(404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}");
        }
        String language = language(request);
        int perPage = Integer.parseInt(request.query().getOrDefault("per_page", "30"));
        return searchReply(language, Math.min(perPage, 100), TOTAL);
    }

    /** A successful search answer for {@code total} repositories of a language. */
    public Reply searchReply(String language, int perPage, int total) {
        String q = "language%3A%22" + language + "%22";
        long reset = Instant.now().getEpochSecond() + 60;
        return Reply.json(200, Fixtures.searchBody(language, perPage, total))
                .withHeader("Link", "<" + url() + "/search/repositories?q=" + q + "&sort=stars&order=desc&per_page="
                        + perPage + "&page=2>; rel=\"next\", <" + url() + "/search/repositories?q=" + q
                        + "&sort=stars&order=desc&per_page=" + perPage + "&page=" + ((total + perPage - 1) / perPage)
                        + ">; rel=\"last\"")
                .withHeader("X-RateLimit-Limit", "30")
                .withHeader("X-RateLimit-Remaining", "29")
                .withHeader("X-RateLimit-Reset", Long.toString(reset))
                .withHeader("X-RateLimit-Used", "1")
                .withHeader("X-RateLimit-Resource", "search");
    }

    /** GitHub's primary rate limit answer. */
    public static Reply rateLimited(long resetEpochSeconds) {
        return Reply.json(403, "{\"message\":\"API rate limit exceeded for 192.0.2.1. (But here's the good news: "
                        + "Authenticated requests get a higher rate limit.)\",\"documentation_url\":"
                        + "\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}")
                .withHeader("X-RateLimit-Limit", "10")
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", Long.toString(resetEpochSeconds))
                .withHeader("X-RateLimit-Resource", "search");
    }

    /** The language in the request's {@code q}, or fails the request if {@code q} is not one quoted qualifier. */
    public static String language(Request request) {
        String q = request.query().getOrDefault("q", "");
        Matcher m = LANGUAGE.matcher(q);
        if (!m.matches()) {
            throw new IllegalArgumentException("unexpected q: " + q);
        }
        return m.group(1);
    }
}
