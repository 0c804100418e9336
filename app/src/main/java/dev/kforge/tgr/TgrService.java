package dev.kforge.tgr;

import dev.kforge.tgr.config.AppConfig;
import dev.kforge.tgr.github.ConcurrencyLimitedSearch;
import dev.kforge.tgr.github.GitHubSearch;
import dev.kforge.tgr.github.RepositorySearch;
import dev.kforge.tgr.k8s.KubernetesPods;
import dev.kforge.tgr.metrics.Metrics;
import dev.kforge.tgr.trending.TrendingCache;
import dev.kforge.tgr.web.Readiness;
import dev.kforge.tgr.web.TgrApp;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One service instance: its parts wired from an {@link AppConfig}, and its start and graceful shutdown. */
public final class TgrService {

    private static final Logger LOG = LoggerFactory.getLogger(TgrService.class);

    private final AppConfig config;
    private final Metrics metrics;
    private final Readiness readiness;
    private final Javalin app;
    private final AtomicBoolean shutdownStarted = new AtomicBoolean();

    private TgrService(AppConfig config, Metrics metrics, Readiness readiness, Javalin app) {
        this.config = config;
        this.metrics = metrics;
        this.readiness = readiness;
        this.app = app;
    }

    /** Wires the service against the real GitHub client; nothing is started. */
    public static TgrService create(AppConfig config, Clock clock) {
        Metrics metrics = new Metrics(TgrContract.VERSION);
        RepositorySearch search = new GitHubSearch(config.githubApiUrl(), config.credentials(),
                config.tuning().connectTimeout(), config.tuning().readTimeout(), config.tuning().cacheTtl(), clock, metrics);
        return create(config, clock, search, metrics);
    }

    /** Wires the service around any search implementation; nothing is started. */
    public static TgrService create(AppConfig config, Clock clock, RepositorySearch search, Metrics metrics) {
        var tuning = config.tuning();
        // A request joining another's upstream call waits at most that call's own deadline, plus slack.
        Duration waitLimit = tuning.upstreamDeadline().plusSeconds(5);
        RepositorySearch limited = new ConcurrencyLimitedSearch(search, tuning.maxConcurrentSearches(),
                tuning.upstreamDeadline(), metrics);
        TrendingCache cache = new TrendingCache(limited, clock, tuning.cacheTtl(), tuning.staleFor(),
                tuning.cacheMaxBytes(), tuning.upstreamDeadline(), waitLimit, tuning.maxWaitingRequests(), metrics);
        KubernetesPods pods = new KubernetesPods(config.kubernetes(), config.pod().podNamespace(),
                tuning.connectTimeout(), tuning.readTimeout());
        Readiness readiness = new Readiness();
        Javalin app = TgrApp.create(config, cache, pods, metrics, readiness);
        return new TgrService(config, metrics, readiness, app);
    }

    public Javalin app() {
        return app;
    }

    public Metrics metrics() {
        return metrics;
    }

    public boolean isReady() {
        return readiness.isReady();
    }

    /**
     * @throws IllegalStateException when the server cannot start, naming the address, the underlying cause and,
     *                               when known, the variable to change ({@link ListenFailure})
     */
    public TgrService start() {
        try {
            app.start();
        } catch (Exception e) { // Javalin also throws checked exceptions undeclared (Kotlin)
            throw new IllegalStateException(ListenFailure.describe(config, e), e);
        }
        return this;
    }

    /**
     * Graceful shutdown, as on SIGTERM: readiness turns false; after the drain delay (so that Kubernetes stops
     * routing new requests here) the listening socket closes and in-flight requests get up to the stop
     * timeout to finish. Idempotent; returns when the server has stopped.
     */
    public void shutdown() {
        if (!shutdownStarted.compareAndSet(false, true)) {
            return;
        }
        readiness.markShuttingDown();
        Duration drain = config.tuning().drainDelay();
        LOG.info("Shutting down: readiness is false; closing the port in {} ms, then waiting up to {} ms for "
                + "in-flight requests", drain.toMillis(), config.tuning().stopTimeout().toMillis());
        boolean interrupted = false;
        if (!drain.isZero()) {
            try {
                Thread.sleep(drain.toMillis());
            } catch (InterruptedException e) {
                interrupted = true; // cut the drain short, but still stop gracefully
            }
        }
        try {
            stopServer();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Jetty's stop closes the port, waits up to the stop timeout for requests in flight, then stops anyway and
     * throws a TimeoutException. Called directly rather than through Javalin's stop, which would log that as an
     * ERROR with a stack trace and throw it on: out of the shutdown hook, a second stack trace on stderr.
     */
    private void stopServer() {
        try {
            app.jettyServer().server().stop();
            LOG.info("Stopped");
        } catch (TimeoutException e) {
            LOG.warn("Stopped with requests still in flight after the stop timeout of {} ms: they were cut off",
                    config.tuning().stopTimeout().toMillis());
        } catch (Exception e) { // Jetty's stop declares Exception
            LOG.warn("Stopped with an error: {}", e.toString());
        }
    }
}
