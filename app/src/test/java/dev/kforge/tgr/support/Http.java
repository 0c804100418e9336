package dev.kforge.tgr.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
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
}
