package dev.kforge.tgr.web;

import dev.kforge.tgr.TgrContract;
import dev.kforge.tgr.config.AppConfig;
import dev.kforge.tgr.metrics.Metrics;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** Probes, metrics and pod metadata. */
final class OpsController {

    private final Readiness readiness;
    private final Metrics metrics;
    private final String info;

    OpsController(AppConfig config, Readiness readiness, Metrics metrics) {
        this.readiness = readiness;
        this.metrics = metrics;
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", TgrContract.VERSION);
        fields.put("env", config.environment());
        config.pod().podName().ifPresent(v -> fields.put("pod_name", v));
        config.pod().podNamespace().ifPresent(v -> fields.put("pod_namespace", v));
        config.pod().nodeName().ifPresent(v -> fields.put("node_name", v));
        this.info = Json.write(fields);
    }

    /** Liveness: the process is up and serving HTTP. Deliberately independent of GitHub. */
    void health(Context ctx) {
        ctx.contentType(Json.CONTENT_TYPE).result("{\"status\":\"ok\"}");
    }

    /** Readiness: 503 from the moment shutdown begins, so that Kubernetes stops routing here first. */
    void ready(Context ctx) {
        if (readiness.isReady()) {
            ctx.contentType(Json.CONTENT_TYPE).result("{\"status\":\"ready\"}");
        } else {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(Json.CONTENT_TYPE).result("{\"status\":\"shutting down\"}");
        }
    }

    /** The Downward API values that are set, with the version and environment. */
    void info(Context ctx) {
        ctx.contentType(Json.CONTENT_TYPE).result(info);
    }

    void metrics(Context ctx) {
        ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.render());
    }
}
