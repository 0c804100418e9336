package dev.kforge.tgr.web;

import dev.kforge.tgr.TgrContract;
import dev.kforge.tgr.config.AppConfig;
import dev.kforge.tgr.config.GitHubCredentials;
import dev.kforge.tgr.k8s.KubernetesPods;
import dev.kforge.tgr.metrics.Metrics;
import dev.kforge.tgr.trending.TrendingCache;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Javalin application, unstarted: tests create it without touching the network. */
public final class TgrApp {

    private static final Logger LOG = LoggerFactory.getLogger(TgrApp.class);
    private static final long SHUTDOWN_IDLE_TIMEOUT_MS = 100;

    private TgrApp() {
    }

    public static Javalin create(AppConfig config, TrendingCache cache, KubernetesPods pods, Metrics metrics,
                                 Readiness readiness) {
        TrendingController trending = new TrendingController(cache);
        OpsController ops = new OpsController(config, readiness, metrics);
        PodsController podsController = new PodsController(pods);
        metrics.gauge("tgr_ready", "1 while the instance accepts traffic, 0 once shutdown began.",
                () -> readiness.isReady() ? 1 : 0);

        RequestLog requestLog = new RequestLog(metrics);
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.prefer405over404 = true;
            cfg.http.defaultContentType = Json.CONTENT_TYPE;
            cfg.jetty.addConnector((server, httpConfiguration) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfiguration));
                connector.setHost(config.host());
                connector.setPort(config.port());
                // On shutdown Jetty waits for every connection to close; idle keep-alive connections get this
                // idle timeout (Jetty's default is 1 s) instead of the normal one.
                connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT_MS);
                return connector;
            });
            cfg.jetty.modifyServer(server -> {
                // Javalin's default server wraps its handlers in a StatisticsHandler; with a stop timeout,
                // Server.stop() closes the listening socket, then waits for in-flight requests to finish.
                server.setStopTimeout(config.tuning().stopTimeout().toMillis());
                server.setErrorHandler(new JsonErrorHandler());
                server.setRequestLog(requestLog.forRequestsJettyAnswered());
                // When start fails (port taken), Javalin stops a server it considers its own, and that graceful
                // stop of a never-started server throws, hiding the bind error. Main exits on a failed start.
                server.setAttribute("is-default-server", false);
            });
            cfg.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler()));
            cfg.requestLogger.http(requestLog);
            cfg.events.serverStarted(() -> logStarted(config));
            cfg.events.serverStopping(readiness::markShuttingDown);
        });

        getAndHead(app, Routes.TRENDING, trending::trending);
        getAndHead(app, Routes.HEALTH, ops::health);
        getAndHead(app, Routes.READY, ops::ready);
        getAndHead(app, Routes.INFO, ops::info);
        getAndHead(app, Routes.METRICS, ops::metrics);
        getAndHead(app, Routes.PODS, podsController::pods);
        ErrorMapping.register(app);
        return app;
    }

    /**
     * Left alone, Javalin answers HEAD on a GET route with an empty 200 without running the handler, whatever GET
     * would answer (400, 503...). HEAD runs the same handler instead; Jetty sends its status and headers, no body.
     */
    private static void getAndHead(Javalin app, String path, Handler handler) {
        app.get(path, handler);
        app.head(path, handler);
    }

    private static void logStarted(AppConfig config) {
        LOG.info("tgr {} started: {}", TgrContract.VERSION, config.describe());
        if (config.credentials() instanceof GitHubCredentials.Anonymous) {
            LOG.warn("No GitHub credentials ({} or {}/{}): GitHub allows about 10 anonymous searches a minute "
                            + "per IP address, so expect 503 answers with Retry-After",
                    TgrContract.ENV_GITHUB_TOKEN, TgrContract.ENV_CLIENT_ID, TgrContract.ENV_CLIENT_SECRET);
        }
    }
}
