package dev.kforge.dsl.yaml;

import java.util.Set;

/**
 * Decides which strings may be written without quotes. It is deliberately conservative: a string
 * stays plain only if every YAML 1.1 and 1.2 reader (kubectl's go-yaml, PyYAML, SnakeYAML) reads
 * it back as the same string. Everything else is double-quoted, so {@code "5000"}, {@code "on"},
 * {@code "y"}, {@code "2020-01-01"}, {@code "1e3"} and {@code "12:30"} stay strings.
 *
 * <p>It runs for every key and value written, so it scans characters with a lookup table instead
 * of using regular expressions.
 */
final class PlainScalars {
    /** Words some YAML version reads as a boolean or null (compared case-insensitively). */
    private static final String[] RESERVED = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", "<<", "="};
    /** Special floats of YAML 1.1 and 1.2. */
    private static final Set<String> SPECIAL_FLOATS = Set.of(".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN",
            "-.inf", "-.Inf", "-.INF", "+.inf", "+.Inf", "+.INF");
    /** Characters allowed anywhere in a plain scalar here: letters, digits and {@code  ._/:@+=,()-}. */
    private static final boolean[] SAFE = new boolean[128];

    static {
        for (char c : "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ._/:@+=,()-".toCharArray()) {
            SAFE[c] = true;
        }
    }

    private PlainScalars() {
    }

    static boolean isPlainSafe(String text) {
        int length = text.length();
        if (length == 0) {
            return false;
        }
        char first = text.charAt(0);
        char last = text.charAt(length - 1);
        if (first == ' ' || last == ' ' || last == ':' || first == '-' || first == '+' || first == ':' || first == '@' || first == ',') {
            return false;
        }
        // "." reads as a number to some writers, "..." ends a document.
        if (first == '.' && (length == 1 || text.startsWith("..."))) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            // ": " starts a mapping value; '#' (a comment after a space) is not a safe character at all.
            if (c >= SAFE.length || !SAFE[c] || c == ':' && i + 1 < length && text.charAt(i + 1) == ' ') {
                return false;
            }
        }
        if (length <= 5 && isReservedWord(text)) {
            return false;
        }
        return !looksLikeNumberOrDate(text);
    }

    private static boolean isReservedWord(String text) {
        switch (text.charAt(0)) {
            case 'y', 'Y', 'n', 'N', 't', 'T', 'f', 'F', 'o', 'O', '~', '<', '=':
                break;
            default:
                return false;
        }
        for (String word : RESERVED) {
            if (word.length() == text.length() && word.equalsIgnoreCase(text)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Anything a YAML 1.1 or 1.2 reader might take for a number, date, time or timestamp, over-
     * approximated: an optional sign, an optional dot, a digit, then only digits, hex letters, and
     * the characters of exponents, sexagesimals, dates and times ({@code xXoObB_.:eE+-tTzZ} and space).
     */
    private static boolean looksLikeNumberOrDate(String text) {
        char first = text.charAt(0);
        if ((first == '.' || first == '-' || first == '+') && SPECIAL_FLOATS.contains(text)) {
            return true;
        }
        int i = 0;
        int length = text.length();
        if (text.charAt(i) == '-' || text.charAt(i) == '+') {
            i++;
        }
        if (i < length && text.charAt(i) == '.') {
            i++;
        }
        if (i >= length || text.charAt(i) < '0' || text.charAt(i) > '9') {
            return false;
        }
        for (; i < length; i++) {
            char c = text.charAt(i);
            boolean numeric = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    || "xXoObB_.:eE+-tTzZ ".indexOf(c) >= 0;
            if (!numeric) {
                return false;
            }
        }
        return true;
    }
}
