package dev.kforge.dsl.yaml;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which strings may be written without quotes. It is deliberately conservative: a string
 * stays plain only if every YAML 1.1 and 1.2 reader (kubectl's go-yaml, PyYAML, SnakeYAML) reads
 * it back as the same string. Everything else is double-quoted, so {@code "5000"}, {@code "on"},
 * {@code "y"}, {@code "2020-01-01"}, {@code "1e3"} and {@code "12:30"} stay strings.
 */
final class PlainScalars extends StringQuotingChecker {
    private static final long serialVersionUID = 1L;

    /** Words some YAML version reads as a boolean or null (compared case-insensitively). */
    private static final Set<String> RESERVED = Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", "<<", "=");
    /** Characters allowed anywhere in a plain scalar here. */
    private static final Pattern SAFE_CHARACTERS = Pattern.compile("[A-Za-z0-9 ._/:@+=,()-]+");
    /** Anything a YAML 1.1 or 1.2 reader might take for a number, date, time or timestamp (over-approximated). */
    private static final Pattern NUMBER_LIKE = Pattern.compile(
            "[-+]?(\\.?[0-9][0-9a-fA-FxXoObB_.:eE+tTzZ -]*|\\.(inf|Inf|INF|nan|NaN|NAN))");

    @Override
    public boolean needToQuoteName(String name) {
        return !isPlainSafe(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
        return !isPlainSafe(value);
    }

    static boolean isPlainSafe(String text) {
        if (text.isEmpty() || !SAFE_CHARACTERS.matcher(text).matches()) {
            return false;
        }
        char first = text.charAt(0);
        char last = text.charAt(text.length() - 1);
        if (first == ' ' || last == ' ' || last == ':' || first == '-' || first == '+' || first == ':' || first == '@' || first == ',') {
            return false;
        }
        if (text.contains(": ") || text.contains(" #")) {
            return false;
        }
        return !RESERVED.contains(text.toLowerCase(Locale.ROOT)) && !NUMBER_LIKE.matcher(text).matches();
    }
}
