package dev.kforge.tgr.web;

import dev.kforge.tgr.metrics.Metrics;
import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line and one metrics observation per request: method, route template, status, duration.
 * Neither the query string nor any header is logged.
 */
final class RequestLog implements RequestLogger {

    private static final Logger LOG = LoggerFactory.getLogger("dev.kforge.tgr.http");

    private final Metrics metrics;

    RequestLog(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx, Float executionTimeMs) {
        String route = route(ctx);
        String method = ctx.method().name();
        int status = ctx.statusCode();
        double ms = executionTimeMs == null ? 0 : executionTimeMs;
        metrics.httpRequest(route, method, status, ms / 1000.0);
        if (LOG.isInfoEnabled()) {
            String cache = ctx.res().getHeader(TrendingController.CACHE_HEADER);
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

    /** The matched route template, or {@link Routes#UNMATCHED}: never the raw path. */
    static String route(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            return Routes.ALL.contains(path) ? path : Routes.UNMATCHED;
        } catch (RuntimeException noEndpoint) {
            return Routes.UNMATCHED;
        }
    }
}
