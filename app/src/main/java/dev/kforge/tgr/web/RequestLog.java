package dev.kforge.tgr.web;

import dev.kforge.tgr.metrics.Metrics;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.HandlerType;
import io.javalin.http.RequestLogger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line and one metrics observation per request: method, route template, status, duration.
 * Neither the query string nor any header is logged.
 *
 * <p>Javalin's request logger sees only the requests that reach its servlet. Those Jetty answers itself before
 * routing (an unparsable request line or header, a URI or headers over 8 KiB, not HTTP/1.x) reach only Jetty's own
 * request log, {@link #forRequestsJettyAnswered()}, which logs them as {@link Routes#UNMATCHED}.
 */
final class RequestLog implements RequestLogger {

    private static final Logger LOG = LoggerFactory.getLogger("dev.kforge.tgr.http");
    /** Set on the requests Javalin logged, which Jetty's request log then skips. */
    private static final String LOGGED = RequestLog.class.getName() + ".logged";

    private final Metrics metrics;

    RequestLog(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx, Float executionTimeMs) {
        ctx.req().setAttribute(LOGGED, Boolean.TRUE);
        log(route(ctx), ctx.method().name(), ctx.statusCode(), executionTimeMs == null ? 0 : executionTimeMs,
                ctx.res().getHeader(TrendingController.CACHE_HEADER));
    }

    /**
     * For {@code Server.setRequestLog}: Jetty calls it once every request has completed, including the ones it
     * answered itself; it logs those that Javalin did not.
     */
    org.eclipse.jetty.server.RequestLog forRequestsJettyAnswered() {
        return (request, response) -> {
            if (request.getAttribute(LOGGED) != null) {
                return;
            }
            // As Javalin names methods: a closed set, with INVALID for any other (or none, when the line did not parse).
            String sent = request.getMethod();
            String method = (sent == null ? HandlerType.INVALID : HandlerType.Companion.findByName(sent)).name();
            long started = request.getTimeStamp();
            double ms = started > 0 ? Math.max(0, System.currentTimeMillis() - started) : 0;
            log(Routes.UNMATCHED, method, response.getStatus(), ms, null);
        };
    }

    private void log(String route, String method, int status, double ms, String cache) {
        metrics.httpRequest(route, method, status, ms / 1000.0);
        if (LOG.isInfoEnabled()) {
            LOG.info("method=" + method + " route=" + route + " status=" + status + " duration_ms=" + oneDecimal(ms)
                    + (cache == null ? "" : " cache=" + cache));
        }
    }

    /**
     * {@code String.format(Locale.ROOT, "%.1f", ms)} without parsing a format per request: like it, rounds half
     * up the shortest decimal that identifies the double ({@link Double#toString}). RequestLogTest compares them.
     */
    static String oneDecimal(double ms) {
        if (!Double.isFinite(ms) || Math.copySign(1.0, ms) < 0) { // not a duration; and BigDecimal has no -0.0
            return String.format(Locale.ROOT, "%.1f", ms);
        }
        return new BigDecimal(Double.toString(ms)).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * The matched route template, or {@link Routes#UNMATCHED}: never a path that is not a template. A 405 matched no handler
     * of its method, but its path is a route's (that is what makes it a 405, not a 404): it counts under that route.
     */
    static String route(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            return Routes.ALL.contains(path) ? path : Routes.UNMATCHED;
        } catch (RuntimeException noEndpoint) {
            return ctx.statusCode() == HttpStatus.METHOD_NOT_ALLOWED.getCode() && Routes.ALL.contains(ctx.path()) ? ctx.path() : Routes.UNMATCHED;
        }
    }
}
