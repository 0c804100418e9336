package dev.kforge.tgr.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The service's metrics, rendered in the Prometheus text exposition format (version 0.0.4). Hand-written
 * rather than a client library: a dozen series do not justify a dependency. Label values come from
 * closed sets (route templates, HTTP methods, status codes, error kinds), never from raw request data,
 * so the number of series stays bounded. Output is sorted, so it is the same for the same counts.
 */
public final class Metrics {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    static final double[] LATENCY_BUCKETS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private record RequestKey(String route, String method, int status) implements Comparable<RequestKey> {
        @Override
        public int compareTo(RequestKey o) {
            int c = route.compareTo(o.route);
            if (c == 0) {
                c = method.compareTo(o.method);
            }
            return c != 0 ? c : Integer.compare(status, o.status);
        }
    }

    private record Gauge(String help, LongSupplier value) {
    }

    private final ConcurrentMap<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Histogram> latency = new ConcurrentHashMap<>();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    private final LongAdder cacheStale = new LongAdder();
    private final LongAdder upstreamCalls = new LongAdder();
    private final LongAdder upstreamSkipped = new LongAdder();
    private final LongAdder upstreamRejected = new LongAdder();
    private final LongAdder upstreamWaitRejected = new LongAdder();
    private final ConcurrentMap<String, LongAdder> upstreamErrors = new ConcurrentHashMap<>();
    private final Map<String, Gauge> gauges = new ConcurrentSkipListMap<>();
    private final String version;

    public Metrics(String version) {
        this.version = version;
    }

    /** One finished HTTP request; {@code route} must be a route template or a fixed placeholder. */
    public void httpRequest(String route, String method, int status, double seconds) {
        requests.computeIfAbsent(new RequestKey(route, method, status), k -> new LongAdder()).increment();
        latency.computeIfAbsent(route, k -> new Histogram(LATENCY_BUCKETS_SECONDS)).observe(seconds);
    }

    public void cacheHit() {
        cacheHits.increment();
    }

    public void cacheMiss() {
        cacheMisses.increment();
    }

    public void cacheStaleServed() {
        cacheStale.increment();
    }

    /** An HTTP call to GitHub was sent. */
    public void upstreamCall() {
        upstreamCalls.increment();
    }

    /** A search failed; {@code reason} is one of a fixed set of error kinds. */
    public void upstreamError(String reason) {
        upstreamErrors.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    /** A search was answered without calling GitHub because GitHub's rate limit had not reset yet. */
    public void upstreamSkipped() {
        upstreamSkipped.increment();
    }

    /** A search was answered without calling GitHub because as many searches as allowed were in flight. */
    public void upstreamRejected() {
        upstreamRejected.increment();
    }

    /** A request was answered without waiting for a search in flight because as many requests as allowed waited. */
    public void upstreamWaitRejected() {
        upstreamWaitRejected.increment();
    }

    public long cacheHits() {
        return cacheHits.sum();
    }

    public long cacheMisses() {
        return cacheMisses.sum();
    }

    public long upstreamCalls() {
        return upstreamCalls.sum();
    }

    /** Registers a gauge read at every scrape. */
    public void gauge(String name, String help, LongSupplier value) {
        gauges.put(name, new Gauge(help, value));
    }

    public String render() {
        StringBuilder out = new StringBuilder(4096);

        header(out, "tgr_build_info", "gauge", "Build of the service; the value is always 1.");
        out.append("tgr_build_info{version=\"").append(escape(version)).append("\"} 1\n");

        header(out, "tgr_http_requests_total", "counter", "HTTP requests by route template, method and status.");
        new ConcurrentSkipListMap<>(requests).forEach((k, v) -> out.append("tgr_http_requests_total{route=\"")
                .append(escape(k.route())).append("\",method=\"").append(k.method()).append("\",status=\"")
                .append(k.status()).append("\"} ").append(v.sum()).append('\n'));

        header(out, "tgr_http_request_duration_seconds", "histogram", "HTTP request latency by route template.");
        new ConcurrentSkipListMap<>(latency).forEach((route, h) ->
                h.render(out, "tgr_http_request_duration_seconds", "route=\"" + escape(route) + "\""));

        counter(out, "tgr_cache_hits_total", "Searches answered from the cache without calling GitHub.", cacheHits);
        counter(out, "tgr_cache_misses_total", "Searches not answered from a fresh cache entry.", cacheMisses);
        counter(out, "tgr_cache_stale_served_total", "Stale answers served: GitHub failed, or another request was refreshing the entry.", cacheStale);
        counter(out, "tgr_upstream_calls_total", "HTTP calls sent to GitHub.", upstreamCalls);

        header(out, "tgr_upstream_errors_total", "counter", "Failed GitHub searches by reason.");
        new ConcurrentSkipListMap<>(upstreamErrors).forEach((reason, v) -> out.append("tgr_upstream_errors_total{reason=\"")
                .append(escape(reason)).append("\"} ").append(v.sum()).append('\n'));

        counter(out, "tgr_upstream_skipped_total",
                "Searches not sent because GitHub's rate limit had not reset yet.", upstreamSkipped);
        counter(out, "tgr_upstream_rejected_total",
                "Searches not sent because as many searches as allowed were in flight.", upstreamRejected);
        counter(out, "tgr_upstream_wait_rejected_total",
                "Requests not waiting for a search in flight because as many requests as allowed were waiting.", upstreamWaitRejected);

        gauges.forEach((name, g) -> {
            header(out, name, "gauge", g.help());
            out.append(name).append(' ').append(g.value().getAsLong()).append('\n');
        });
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, LongAdder value) {
        header(out, name, "counter", help);
        out.append(name).append(' ').append(value.sum()).append('\n');
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    static String format(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
