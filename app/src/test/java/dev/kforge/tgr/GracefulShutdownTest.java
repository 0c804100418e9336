package dev.kforge.tgr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.tgr.support.FakeGitHub;
import dev.kforge.tgr.support.Http;
import dev.kforge.tgr.support.TestServices;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.TestConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What SIGTERM does (the JVM's shutdown hook calls {@link TgrService#shutdown()}), during a rolling update. */
class GracefulShutdownTest {

    private static final long WAIT_SECONDS = 60;
    /** The test stops the server itself, so JavalinTest must not send its cookie-clearing request afterwards. */
    private static final TestConfig STOPS_ITSELF = new TestConfig(false);

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
    void shutdown_turns_readiness_false_closes_the_port_and_lets_the_in_flight_request_finish() {
        CountDownLatch upstreamCalled = new CountDownLatch(1);
        github.respond(request -> {
            upstreamCalled.countDown();
            github.awaitRelease();
            return github.search(request);
        });
        TgrService service = TestServices.service(TestServices.config(github.url()));
        JavalinTest.test(service.app(), STOPS_ITSELF, (server, client) -> {
            int port = server.port();
            CompletableFuture<Http.Result> inFlight = CompletableFuture.supplyAsync(() -> Http.get(client, "/?n=2&l=python"));
            assertThat(upstreamCalled.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(service::shutdown);

            awaitPortClosed(port);
            assertThat(service.isReady()).isFalse();
            assertThat(shutdown).isNotDone();   // still waiting for the in-flight request
            assertThat(inFlight).isNotDone();

            github.release();
            Http.Result result = inFlight.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(200);
            assertThat(result.json().get("repos")).hasSize(2);
            shutdown.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(server.jettyServer().server().isStopped()).isTrue();
        });
    }

    @Test
    void shutdown_keeps_serving_during_the_drain_delay_with_readiness_already_false() {
        var config = TestServices.config(github.url());
        config = config.withTuning(config.tuning().withDrainDelay(Duration.ofSeconds(30)));
        TgrService service = TestServices.service(config);
        JavalinTest.test(service.app(), STOPS_ITSELF, (server, client) -> {
            Thread shutdown = new Thread(service::shutdown, "test-sigterm");
            shutdown.start();
            awaitCondition(() -> !service.isReady());

            // Kubernetes has not yet removed the pod from the endpoints: requests still succeed, readiness says 503.
            assertThat(Http.get(client, TgrContract.READY_PATH).status()).isEqualTo(503);
            assertThat(Http.get(client, TgrContract.HEALTH_PATH).status()).isEqualTo(200); // no restart meanwhile
            assertThat(Http.get(client, "/?n=1&l=python").status()).isEqualTo(200);
            assertThat(shutdown.isAlive()).isTrue();

            shutdown.interrupt(); // ends the drain delay early: the server then stops
            shutdown.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            assertThat(server.jettyServer().server().isStopped()).isTrue();
        });
    }

    @Test
    void shutdown_returns_once_the_stop_timeout_has_passed_even_when_a_request_never_finishes() throws Exception {
        // GitHub hangs far beyond the stop timeout, and the read timeout lets the request wait for it.
        github.respond(request -> {
            github.awaitRelease();
            return github.search(request);
        });
        var config = TestServices.config(github.url());
        config = config.withTuning(config.tuning().withReadTimeout(Duration.ofSeconds(WAIT_SECONDS))
                .withStopTimeout(Duration.ofMillis(500)));
        // Started by hand: JavalinTest stops the app again afterwards, and Jetty's stop of a server whose stop timed out fails.
        TgrService service = TestServices.service(config).start();
        int port = service.app().port();
        CompletableFuture.runAsync(() -> { // its answer, if any, is not the point
            try {
                Http.raw(port, "GET /?n=2&l=python HTTP/1.1\r\nHost: tgr\r\n\r\n");
            } catch (IOException cutOff) {
                // expected
            }
        });
        awaitCondition(() -> github.calls() == 1);

        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(service::shutdown);

        // Returns normally (the shutdown hook ends, so the JVM exits within the pod's grace period) while GitHub
        // still holds the request: Jetty cut it off.
        shutdown.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(service.app().jettyServer().server().isRunning()).isFalse();
        awaitPortClosed(port);
        assertThat(github.calls()).isEqualTo(1);
    }

    private static void awaitPortClosed(int port) throws InterruptedException {
        awaitCondition(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return false;
            } catch (ConnectException refused) {
                return true;
            } catch (IOException other) {
                return false;
            }
        });
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + WAIT_SECONDS + " s");
            }
            Thread.sleep(5);
        }
    }
}
