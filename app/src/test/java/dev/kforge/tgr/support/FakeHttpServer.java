package dev.kforge.tgr.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;

/**
 * A scriptable HTTP server on 127.0.0.1 and an ephemeral port, recording every request. Tests set what it
 * answers with {@link #respond(Responder)}; a responder may block on {@link #release()}, which
 * {@link #close()} also triggers so that no handler thread outlives the test.
 */
public class FakeHttpServer implements AutoCloseable {

    /** One received request; header names are lower-case. */
    public record Request(String method, String path, Map<String, String> query, Map<String, List<String>> headers) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** What to answer. */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json; charset=utf-8"),
                    body.getBytes(StandardCharsets.UTF_8));
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Reply(status, all, body);
        }
    }

    @FunctionalInterface
    public interface Responder {
        Reply reply(Request request) throws Exception;
    }

    private final HttpServer server;
    private final String scheme;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Responder responder;
    private volatile boolean gzip;
    private volatile boolean stallBodies;

    protected FakeHttpServer(Responder initial) {
        this(initial, null);
    }

    /** With a non-null {@code tls}, serves HTTPS with that context's key. */
    protected FakeHttpServer(Responder initial, SSLContext tls) {
        this.responder = initial;
        this.scheme = tls == null ? "http" : "https";
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            if (tls == null) {
                server = HttpServer.create(address, 0);
            } else {
                HttpsServer https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    }

    public void respond(Responder value) {
        this.responder = value;
    }

    /** Gzip bodies when the client accepts it, as GitHub does. */
    public void gzipWhenAccepted(boolean value) {
        this.gzip = value;
    }

    /** Send the headers and half of each body, then wait for {@link #release()} before the rest. */
    public void stallBodies(boolean value) {
        this.stallBodies = value;
    }

    public int calls() {
        return requests.size();
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public Request lastRequest() {
        return requests.get(requests.size() - 1);
    }

    /** Unblocks every responder waiting in {@link #awaitRelease()}. */
    public void release() {
        released.countDown();
    }

    /** For responders: blocks until the test calls {@link #release()} (at most 60 s). */
    public void awaitRelease() throws InterruptedException {
        released.await(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    decodeQuery(exchange.getRequestURI().getRawQuery()), headers);
            requests.add(request);
            Reply reply;
            try {
                reply = responder.reply(request);
            } catch (Exception e) {
                reply = Reply.json(599, "{\"message\":\"fake server failed: " + e + "\"}");
            }
            if (reply == null) {
                return; // drop the connection without an answer
            }
            byte[] body = reply.body();
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            String accept = request.header("Accept-Encoding");
            if (gzip && accept != null && accept.contains("gzip") && body.length > 0) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
                    zip.write(body);
                }
                body = out.toByteArray();
                exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            }
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    int sent = 0;
                    if (stallBodies) {
                        sent = body.length / 2;
                        os.write(body, 0, sent);
                        os.flush();
                        awaitRelease();
                    }
                    os.write(body, sent, body.length - sent);
                }
            }
        } catch (IOException e) {
            // the client went away (e.g. after its timeout)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> decodeQuery(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
