package dev.kforge.tgr.bench;

import dev.kforge.tgr.support.FakeGitHub;
import dev.kforge.tgr.support.FakeHttpServer.Reply;
import dev.kforge.tgr.support.FakeHttpServer.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The fake GitHub's search answer, built once by {@link FakeGitHub#searchReply} (and gzipped once when the
 * client accepts gzip, as GitHub does), then replayed for every language. Building and compressing an answer of
 * 100 repositories costs the fake about 5 ms of CPU (3 ms of JSON, 2 ms of gzip); on a 2-core machine shared with
 * the service that would be charged to the service. The service does not look at the language inside the items,
 * so its work per miss (receive, gunzip, parse, cache) is the same as with an answer generated per language.
 * {@code -Dbench.fakeAnswers=generated} uses the fake's own per-request answers instead.
 */
final class ReplayedAnswers {

    private static final String LANGUAGE = "Benchmark";

    private final FakeGitHub github;
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();

    ReplayedAnswers(FakeGitHub github) {
        this.github = github;
    }

    Reply reply(Request request) {
        if (!request.path().equals("/search/repositories")) {
            return github.search(request);
        }
        FakeGitHub.language(request); // the request must still be one quoted language qualifier
        int perPage = Math.min(Integer.parseInt(request.query().getOrDefault("per_page", "30")), 100);
        String accept = request.header("Accept-Encoding");
        boolean gzip = accept != null && accept.contains("gzip");
        return replies.computeIfAbsent(perPage + (gzip ? "/gzip" : ""), k -> build(perPage, gzip));
    }

    private Reply build(int perPage, boolean gzip) {
        Reply reply = github.searchReply(LANGUAGE, perPage, FakeGitHub.TOTAL);
        if (!gzip) {
            return reply;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Reply(reply.status(), reply.headers(), out.toByteArray()).withHeader("Content-Encoding", "gzip");
    }
}
