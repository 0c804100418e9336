package dev.kforge.tgr.web;

import dev.kforge.tgr.github.UpstreamException;
import dev.kforge.tgr.trending.Answer;
import dev.kforge.tgr.trending.InvalidQueryException;
import dev.kforge.tgr.trending.SearchQuery;
import dev.kforge.tgr.trending.TrendingCache;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code GET /?n=<int>&l=<language>}: the first {@code n} repositories of language {@code l}, most stars
 * first, as GitHub's own repository objects.
 *
 * <pre>
 * {"repos":[...],"status":"ok"}
 * {"repos":[...],"status":"stale","fetched_at":"2026-01-01T10:00:00Z","reason":"GitHub answered HTTP 502"}
 * {"repos":[...],"status":"ok","incomplete_results":true}
 * </pre>
 */
final class TrendingController {

    static final String CACHE_HEADER = "X-Cache";

    private final TrendingCache cache;

    TrendingController(TrendingCache cache) {
        this.cache = cache;
    }

    void trending(Context ctx) throws InvalidQueryException, UpstreamException {
        SearchQuery query = SearchQuery.fromQueryString(ctx.queryString());
        Answer answer = cache.get(query.languageKey());
        ctx.header(CACHE_HEADER, answer.source().name());
        // A fresh answer's body is rendered once per cached page and n, then served as the same bytes.
        byte[] body = answer.body(query.n(), n -> render(answer, n).getBytes(StandardCharsets.UTF_8));
        ctx.contentType(Json.CONTENT_TYPE).result(body);
    }

    static String render(Answer answer, int n) {
        List<String> repos = answer.first(n);
        int size = 64;
        for (String repo : repos) {
            size += repo.length() + 1;
        }
        StringBuilder out = new StringBuilder(size);
        out.append("{\"repos\":[");
        for (int i = 0; i < repos.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(repos.get(i));
        }
        out.append("],\"status\":");
        if (answer.stale()) {
            out.append("\"stale\",\"fetched_at\":")
                    .append(Json.string(DateTimeFormatter.ISO_INSTANT.format(answer.fetchedAt().truncatedTo(ChronoUnit.SECONDS))))
                    .append(",\"reason\":").append(Json.string(answer.staleReason()));
        } else {
            out.append("\"ok\"");
        }
        if (answer.incomplete()) {
            out.append(",\"incomplete_results\":true");
        }
        return out.append('}').toString();
    }
}
