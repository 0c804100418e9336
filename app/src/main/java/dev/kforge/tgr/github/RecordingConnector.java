package dev.kforge.tgr.github;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLException;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * github-api's transport for one search: sends over a shared {@link HttpClient} with a deadline on the
 * whole exchange (github-api's own {@code HttpClientGitHubConnector} sets no read timeout), and keeps the
 * decoded body and headers of the last answer, because github-api turns answers into {@code GHRepository}
 * objects and would otherwise lose GitHub's raw repository JSON.
 *
 * <p>One instance per search, used by one thread: nothing here is shared between requests except the
 * thread-safe {@link HttpClient}.
 */
final class RecordingConnector implements GitHubConnector {

    /** What GitHub answered, or why there is no answer. */
    record Exchange(int status, Map<String, List<String>> headers, byte[] body, IOException transportFailure) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** What went wrong below HTTP: each names what an operator checks first. */
    enum Failure {
        /** No connection within the connect timeout (the JDK counts the TLS handshake in it). */
        CONNECT_TIMEOUT,
        /** No complete answer within the deadline. */
        ANSWER_TIMEOUT,
        /** Refused, unresolved, unroutable; the JDK also reports a reset while the request is being written so. */
        NOT_CONNECTED,
        /** Connected, but the TLS handshake failed: a proxy, a plain-HTTP port, a certificate not trusted. */
        TLS,
        /** Connected, but what came back was not an HTTP/1.1 answer. */
        NOT_HTTP,
        /** Connected, but the connection closed or broke before the whole answer arrived. */
        CLOSED,
        /** The calling thread was interrupted (the service is stopping). */
        INTERRUPTED;

        static Failure of(Throwable cause) {
            if (cause instanceof HttpConnectTimeoutException) {
                return CONNECT_TIMEOUT; // before HttpTimeoutException, its superclass
            }
            if (cause instanceof HttpTimeoutException) {
                return ANSWER_TIMEOUT;
            }
            if (cause instanceof ConnectException) {
                return NOT_CONNECTED;
            }
            if (cause instanceof SSLException) {
                return TLS;
            }
            if (cause instanceof ProtocolException) {
                return NOT_HTTP;
            }
            return CLOSED;
        }
    }

    /**
     * Transport failures are thrown as this type, never as a {@link java.net.SocketException}: github-api
     * silently retries those twice, which would triple both the upstream calls and the client's wait.
     */
    static final class TransportException extends IOException {
        private static final long serialVersionUID = 1L;
        private final Failure failure;

        TransportException(String message, Throwable cause, Failure failure) {
            super(message, cause);
            this.failure = failure;
        }

        Failure failure() {
            return failure;
        }
    }

    /**
     * The largest body read, after decoding: GitHub's page of 100 repositories is about 560 KB, so a body far beyond
     * is a misbehaving upstream (or a gzip bomb), answered like any answer that is not a search result.
     */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final HttpClient http;
    private final Duration deadline;
    private final Runnable onSend;
    private Exchange last;

    RecordingConnector(HttpClient http, Duration deadline, Runnable onSend) {
        this.http = http;
        this.deadline = deadline;
        this.onSend = onSend;
    }

    /** The last exchange, or null if nothing was sent. */
    Exchange last() {
        return last;
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(request.url().toURI()).timeout(deadline);
        } catch (URISyntaxException e) {
            throw new IOException("Invalid URL " + request.url(), e);
        }
        request.allHeaders().forEach((name, values) -> builder.header(name, String.join(", ", values)));
        InputStream body = request.hasBody() ? request.body() : null;
        builder.method(request.method(), body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body.readAllBytes()));

        onSend.run();
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(builder.build(), BoundedBody.handler(MAX_BODY_BYTES));
        HttpResponse<byte[]> response;
        try {
            // HttpRequest.timeout only covers the wait for the status line and headers; this covers the body too.
            response = future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw fail(new TransportException("no complete answer within " + deadline.toMillis() + " ms", e,
                    Failure.ANSWER_TIMEOUT));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BoundedBody.TooLargeException tooLarge) {
                HttpResponse.ResponseInfo info = tooLarge.info();
                last = new Exchange(info.statusCode(), headers(info.headers()), new byte[0], null);
                throw new IOException("GitHub sent a body over " + MAX_BODY_BYTES + " bytes", tooLarge);
            }
            Failure failure = Failure.of(cause);
            throw fail(new TransportException(failure + ": " + cause.getClass().getSimpleName(), cause, failure));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw fail(new TransportException("interrupted", new InterruptedIOException(), Failure.INTERRUPTED));
        }

        Map<String, List<String>> headers = headers(response.headers());
        byte[] bytes = response.body() == null ? new byte[0] : response.body();
        String encoding = firstOrNull(headers.remove("Content-Encoding"));
        headers.remove("Content-Length");
        if ("gzip".equalsIgnoreCase(encoding)) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            } catch (IOException e) {
                last = new Exchange(response.statusCode(), headers, new byte[0], null);
                throw new IOException("GitHub sent a corrupt gzip body", e);
            }
            if (bytes.length > MAX_BODY_BYTES) {
                last = new Exchange(response.statusCode(), headers, new byte[0], null);
                throw new IOException("GitHub sent a gzip body over " + MAX_BODY_BYTES + " bytes decoded");
            }
        }
        last = new Exchange(response.statusCode(), headers, bytes, null);
        return new Response(request, response.statusCode(), headers, bytes);
    }

    private TransportException fail(TransportException e) {
        last = new Exchange(-1, Map.of(), new byte[0], e);
        return e;
    }

    private static Map<String, List<String>> headers(HttpHeaders received) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(received.map());
        return headers;
    }

    private static String firstOrNull(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static final class Response extends GitHubConnectorResponse.ByteArrayResponse {
        private final byte[] body;

        Response(GitHubConnectorRequest request, int status, Map<String, List<String>> headers, byte[] body) {
            super(request, status, headers);
            this.body = body;
        }

        @Override
        protected InputStream rawBodyStream() {
            return new ByteArrayInputStream(body);
        }
    }
}
