package dev.kforge.tgr.web;

import dev.kforge.tgr.github.UpstreamException;
import dev.kforge.tgr.k8s.PodsException;
import dev.kforge.tgr.trending.InvalidQueryException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error becomes {@code {"error": "..."}} with a fitting status; never a stack trace or an HTML page.
 *
 * <table>
 *   <caption>Status codes</caption>
 *   <tr><td>400</td><td>invalid {@code n} or {@code l}, malformed request</td></tr>
 *   <tr><td>403</td><td>{@code /pods}: RBAC does not allow listing pods</td></tr>
 *   <tr><td>404 / 405</td><td>unknown route / method other than GET or HEAD</td></tr>
 *   <tr><td>500</td><td>a bug; details only in the log</td></tr>
 *   <tr><td>502</td><td>GitHub or the Kubernetes API failed (error status, timeout, malformed answer)</td></tr>
 *   <tr><td>503</td><td>GitHub rate limit, too many searches in flight or too many requests waiting for them,
 *   GitHub's 502/503/504 that said when to retry (with Retry-After); {@code /pods} outside a cluster</td></tr>
 * </table>
 */
final class ErrorMapping {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);
    private static final String ROUTES = "GET /?n=<1-100>&l=<language>, " + Routes.HEALTH + ", " + Routes.READY + ", "
            + Routes.INFO + ", " + Routes.METRICS + ", " + Routes.PODS;

    private ErrorMapping() {
    }

    static void register(Javalin app) {
        app.exception(InvalidQueryException.class, ErrorMapping::invalidQuery);
        app.exception(UpstreamException.class, ErrorMapping::upstream);
        app.exception(PodsException.class, ErrorMapping::pods);
        app.exception(HttpResponseException.class, ErrorMapping::httpResponse);
        app.exception(BadMessageException.class, ErrorMapping::badMessage);
        app.exception(Exception.class, ErrorMapping::unexpected);
    }

    private static void invalidQuery(InvalidQueryException e, Context ctx) {
        send(ctx, HttpStatus.BAD_REQUEST.getCode(), e.getMessage());
    }

    private static void upstream(UpstreamException e, Context ctx) {
        if (e.isRetryLater()) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            send(ctx, HttpStatus.SERVICE_UNAVAILABLE.getCode(), e.getMessage());
        } else {
            send(ctx, HttpStatus.BAD_GATEWAY.getCode(), e.getMessage());
        }
    }

    private static void pods(PodsException e, Context ctx) {
        send(ctx, e.status(), e.getMessage());
    }

    private static void httpResponse(HttpResponseException e, Context ctx) {
        String path = shorten(ctx.path());
        // As sent: ctx.method() names every method Javalin does not know INVALID.
        String method = ctx.req().getMethod();
        String message;
        if (e instanceof NotFoundResponse) {
            message = "Not found: " + method + " " + path + ". Routes: " + ROUTES;
        } else if (e instanceof MethodNotAllowedResponse) {
            ctx.header("Allow", "GET, HEAD"); // required on a 405 (RFC 9110)
            message = "Method " + method + " is not allowed on " + path + ": this API only answers GET and HEAD";
        } else {
            message = e.getMessage();
        }
        send(ctx, e.getStatus(), message);
    }

    private static void badMessage(BadMessageException e, Context ctx) {
        send(ctx, e.getCode(), "Malformed request: " + e.getReason());
    }

    private static void unexpected(Exception e, Context ctx) {
        LOG.error("Unexpected error on {} {}", ctx.method().name(), RequestLog.route(ctx), e);
        send(ctx, HttpStatus.INTERNAL_SERVER_ERROR.getCode(), "Internal server error");
    }

    private static void send(Context ctx, int status, String message) {
        ctx.status(status).contentType(Json.CONTENT_TYPE).result(Json.error(message));
    }

    private static String shorten(String path) {
        return path.length() > 100 ? path.substring(0, 100) + "..." : path;
    }
}
