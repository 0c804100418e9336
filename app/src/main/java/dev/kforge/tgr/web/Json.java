package dev.kforge.tgr.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** JSON output helpers. Error bodies are always {@code {"error": "<message>"}}. */
public final class Json {

    public static final String CONTENT_TYPE = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static String error(String message) {
        return write(Map.of("error", message));
    }

    /** A JSON string literal, quotes included. */
    public static String string(String value) {
        return write(value);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass(), e);
        }
    }
}
