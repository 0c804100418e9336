package dev.kforge.tgr.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import okhttp3.Response;

/** Calls the app under test and returns the whole answer, closing the response. */
public final class Http {

    /** One answer; {@code headers} is OkHttp's case-insensitive view. */
    public record Result(int status, String body, okhttp3.Headers headers) {
        public JsonNode json() {
            return Fixtures.parse(body);
        }

        public String header(String name) {
            return headers.get(name);
        }

        public String contentType() {
            return headers.get("Content-Type");
        }
    }

    private Http() {
    }

    public static Result get(HttpClient client, String pathAndQuery) {
        return send(client, pathAndQuery, "GET");
    }

    public static Result head(HttpClient client, String pathAndQuery) {
        return send(client, pathAndQuery, "HEAD");
    }

    private static Result send(HttpClient client, String pathAndQuery, String method) {
        try (Response response = client.request(pathAndQuery, request -> request.method(method, null))) {
            return new Result(response.code(), response.body() == null ? "" : response.body().string(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code request} as written (OkHttp would re-encode or refuse it) and reads the answer until the server closes. */
    public static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
