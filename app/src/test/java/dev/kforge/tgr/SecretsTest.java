package dev.kforge.tgr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.tgr.config.AppConfig;
import dev.kforge.tgr.config.GitHubCredentials;
import dev.kforge.tgr.support.FakeGitHub;
import dev.kforge.tgr.support.FakeHttpServer.Reply;
import dev.kforge.tgr.support.Http;
import dev.kforge.tgr.support.TestServices;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.TestConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Credentials reach GitHub, and nothing else: not the logs, not any answer, not the configuration's text. */
class SecretsTest {

    private static final String TOKEN = "ghp_TOPSECRETtoken0123456789";
    private static final String CLIENT_ID = "Iv1.0123456789abcdef";
    private static final String CLIENT_SECRET = "CLIENTSECRETf00dfeed0123456789";
    /** Logs are captured by the test, not by JavalinTest. */
    private static final TestConfig OWN_LOG_CAPTURE = new TestConfig(true, false);

    private FakeGitHub github;

    @BeforeEach
    void start() {
        github = FakeGitHub.start();
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void a_token_is_sent_as_a_bearer_token_and_never_logged_or_answered() {
        AppConfig config = TestServices.config(github.url()).withCredentials(new GitHubCredentials.Token(TOKEN));
        List<String> bodies = new ArrayList<>();
        String logs = exercise(config, bodies);

        assertThat(github.requests()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN));
        assertThat(logs).contains("route=/ status=200", "route=/ status=502", "credentials=GITHUB_TOKEN");
        assertThat(logs).doesNotContain(TOKEN);
        assertThat(bodies).noneMatch(b -> b.contains(TOKEN));
    }

    @Test
    void oauth_app_credentials_are_sent_with_basic_auth_and_never_logged_or_answered() {
        AppConfig config = TestServices.config(github.url())
                .withCredentials(new GitHubCredentials.OAuthApp(CLIENT_ID, CLIENT_SECRET));
        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        List<String> bodies = new ArrayList<>();
        String logs = exercise(config, bodies);

        assertThat(github.requests()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Basic " + basic));
        assertThat(logs).contains("route=/ status=200", "credentials=CLIENT_ID/CLIENT_SECRET (OAuth app)");
        assertThat(logs).doesNotContain(CLIENT_SECRET).doesNotContain(basic);
        assertThat(bodies).noneMatch(b -> b.contains(CLIENT_SECRET) || b.contains(basic));
    }

    @Test
    void the_configuration_read_from_the_environment_never_shows_secret_values() {
        AppConfig config = AppConfig.fromEnvironment(Map.of(
                "GITHUB_TOKEN", TOKEN, "CLIENT_ID", CLIENT_ID, "CLIENT_SECRET", CLIENT_SECRET));
        AppConfig oauth = AppConfig.fromEnvironment(Map.of("CLIENT_ID", CLIENT_ID, "CLIENT_SECRET", CLIENT_SECRET));

        assertThat(config.credentials()).isEqualTo(new GitHubCredentials.Token(TOKEN)); // the token wins
        for (AppConfig c : List.of(config, oauth)) {
            assertThat(c.toString()).doesNotContain(TOKEN).doesNotContain(CLIENT_SECRET).contains("<redacted>");
            assertThat(c.describe()).doesNotContain(TOKEN).doesNotContain(CLIENT_SECRET);
        }
    }

    /** Runs successes and every kind of failure, collecting the answers' bodies; returns everything logged. */
    private String exercise(AppConfig config, List<String> bodies) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        String logs = JavalinTest.captureStdOut(() -> {
            try {
                JavalinTest.test(TestServices.service(config).app(), OWN_LOG_CAPTURE, (server, client) -> {
                    bodies.add(Http.get(client, "/?n=2&l=python").body());
                    bodies.add(Http.get(client, "/?n=2&l=python").body());
                    bodies.add(Http.get(client, "/?n=abc&l=" + TOKEN).body());
                    github.respond(request -> Reply.json(401, "{\"message\":\"Bad credentials\"}"));
                    bodies.add(Http.get(client, "/?n=2&l=rust").body());
                    github.respond(request -> FakeGitHub.rateLimited(Instant.now().getEpochSecond() + 30));
                    bodies.add(Http.get(client, "/?n=2&l=go").body());
                    bodies.add(Http.get(client, "/info").body());
                    bodies.add(Http.get(client, "/metrics").body());
                    bodies.add(Http.get(client, "/pods").body());
                    bodies.add(Http.get(client, "/nowhere").body());
                });
            } catch (Throwable t) {
                failure.set(t); // captureStdOut would swallow it
            }
        });
        if (failure.get() != null) {
            throw new AssertionError("the scenario failed; its log:\n" + logs, failure.get());
        }
        return logs;
    }
}
