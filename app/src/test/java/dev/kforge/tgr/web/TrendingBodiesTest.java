package dev.kforge.tgr.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kforge.tgr.TgrService;
import dev.kforge.tgr.config.Tuning;
import dev.kforge.tgr.support.FakeGitHub;
import dev.kforge.tgr.support.FakeHttpServer.Reply;
import dev.kforge.tgr.support.Fixtures;
import dev.kforge.tgr.support.MutableClock;
import dev.kforge.tgr.support.TestServices;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.TestCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes of {@code GET /?n=&l=} answers. A fresh answer's body is rendered once per cached page and
 * {@code n} and reused; these tests hold it to what a rendering per request gives: GitHub's items joined in
 * {@code {"repos":[...],"status":"ok"}}, in UTF-8 (the descriptions here are not ASCII).
 */
class TrendingBodiesTest {

    private static final String LANGUAGE = "python";
    private static final int REPOSITORIES = 5;

    private FakeGitHub github;
    private MutableClock clock;

    @BeforeEach
    void startFakeGitHub() {
        github = FakeGitHub.start();
        clock = MutableClock.atFixedStart();
    }

    @AfterEach
    void stopFakeGitHub() {
        github.close();
    }

    private void run(TestCase test) {
        TgrService service = TestServices.service(TestServices.config(github.url()), clock);
        JavalinTest.test(service.app(), test);
    }

    /** Makes the fake answer {@link #REPOSITORIES} repositories with this description; returns them as stored. */
    private List<String> answerWith(String description) {
        ArrayNode items = Fixtures.MAPPER.createArrayNode();
        List<String> stored = new ArrayList<>();
        for (int rank = 0; rank < REPOSITORIES; rank++) {
            ObjectNode repository = Fixtures.repository(LANGUAGE, rank).put("description", description + " #" + rank);
            items.add(repository);
            stored.add(json(repository));
        }
        ObjectNode root = Fixtures.MAPPER.createObjectNode()
                .put("total_count", REPOSITORIES).put("incomplete_results", false);
        root.set("items", items);
        String body = json(root);
        github.respond(request -> Reply.json(200, body));
        return stored;
    }

    @Test
    void serves_the_same_bytes_for_repeated_hits() {
        List<String> items = answerWith("Ünïcödé, 日本語 and 🚀");
        run((server, client) -> {
            Raw miss = get(client, "/?n=3&l=python");
            Raw hit = get(client, "/?n=3&l=Python");
            Raw again = get(client, "/?n=3&l=python");

            assertThat(miss.cache()).isEqualTo("MISS");
            assertThat(hit.cache()).isEqualTo("HIT");
            assertThat(again.cache()).isEqualTo("HIT");
            assertThat(miss.body()).isEqualTo(ok(items, 3));
            assertThat(hit.body()).isEqualTo(miss.body());
            assertThat(again.body()).isEqualTo(miss.body());
            assertThat(List.of(miss.contentType(), hit.contentType())).containsOnly(Json.CONTENT_TYPE);
            assertThat(github.calls()).isEqualTo(1);
        });
    }

    @Test
    void serves_a_different_body_for_every_n_and_the_whole_page_beyond_it() {
        List<String> items = answerWith("Ünïcödé");
        run((server, client) -> {
            get(client, "/?n=1&l=python"); // the miss
            byte[] one = get(client, "/?n=1&l=python").body();
            byte[] two = get(client, "/?n=2&l=python").body();
            byte[] whole = get(client, "/?n=" + REPOSITORIES + "&l=python").body();
            byte[] beyond = get(client, "/?n=100&l=python").body();
            byte[] twoAgain = get(client, "/?n=2&l=python").body();

            assertThat(one).isEqualTo(ok(items, 1));
            assertThat(two).isEqualTo(ok(items, 2)).isNotEqualTo(one);
            assertThat(whole).isEqualTo(ok(items, REPOSITORIES));
            assertThat(beyond).isEqualTo(whole);
            assertThat(twoAgain).isEqualTo(two);
        });
    }

    @Test
    void renders_fetched_at_and_reason_into_a_stale_answer_after_its_fresh_body_was_reused() {
        List<String> items = answerWith("Ünïcödé");
        run((server, client) -> {
            get(client, "/?n=2&l=python");
            byte[] fresh = get(client, "/?n=2&l=python").body();
            clock.advance(Tuning.defaults().cacheTtl());
            github.respond(request -> Reply.json(500, "{\"message\":\"Server Error\"}"));

            Raw stale = get(client, "/?n=2&l=python");
            Raw staleAgain = get(client, "/?n=2&l=python");

            assertThat(fresh).isEqualTo(ok(items, 2));
            assertThat(stale.cache()).isEqualTo("STALE");
            String expected = "{\"repos\":[" + String.join(",", items.subList(0, 2)) + "],\"status\":\"stale\","
                    + "\"fetched_at\":\"2026-01-01T10:00:00Z\",\"reason\":\"GitHub answered HTTP 500\"}";
            assertThat(stale.body()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
            assertThat(staleAgain.body()).isEqualTo(stale.body());
        });
    }

    @Test
    void serves_the_new_page_after_a_refresh_not_the_bodies_kept_from_the_old_one() {
        List<String> before = answerWith("Before ä");
        run((server, client) -> {
            get(client, "/?n=3&l=python");
            byte[] old = get(client, "/?n=3&l=python").body();
            List<String> after = answerWith("After ö");
            clock.advance(Tuning.defaults().cacheTtl());

            Raw refreshed = get(client, "/?n=3&l=python");
            Raw hit = get(client, "/?n=3&l=python");

            assertThat(old).isEqualTo(ok(before, 3));
            assertThat(refreshed.cache()).isEqualTo("MISS");
            assertThat(refreshed.body()).isEqualTo(ok(after, 3)).isNotEqualTo(old);
            assertThat(hit.cache()).isEqualTo("HIT");
            assertThat(hit.body()).isEqualTo(refreshed.body());
            assertThat(github.calls()).isEqualTo(2);
        });
    }

    /** The body a rendering per request gives for a fresh answer: the first {@code n} items, in UTF-8. */
    private static byte[] ok(List<String> items, int n) {
        return ("{\"repos\":[" + String.join(",", items.subList(0, Math.min(n, items.size()))) + "],\"status\":\"ok\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String json(Object node) {
        try {
            return Fixtures.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An answer with its body as bytes, undecoded. */
    private record Raw(int status, String cache, String contentType, byte[] body) {
    }

    private static Raw get(HttpClient client, String pathAndQuery) {
        try (Response response = client.get(pathAndQuery)) {
            Raw raw = new Raw(response.code(), response.header("X-Cache"), response.header("Content-Type"),
                    response.body().bytes());
            assertThat(raw.status()).as("status of GET %s", pathAndQuery).isEqualTo(200);
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
