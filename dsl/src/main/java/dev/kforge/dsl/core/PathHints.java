package dev.kforge.dsl.core;

/** The URL path a value missing its leading '/' was probably meant to be, for messages that suggest it. */
public final class PathHints {
    private PathHints() {
    }

    /**
     * {@code Try "/ready".} for {@code "ready"}; a URL's path alone for {@code "http://localhost:8080/ready"}; else
     * {@code otherwise} (a null or blank value).
     */
    public static String leadingSlash(String value, String otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        String text = value.strip();
        int scheme = text.indexOf("://");
        if (scheme > 0) {
            int path = text.indexOf('/', scheme + 3);
            return "Give the path alone, without scheme and host: \"" + (path < 0 ? "/" : text.substring(path)) + "\".";
        }
        return "Try \"" + (text.startsWith("/") ? text : "/" + text) + "\".";
    }
}
