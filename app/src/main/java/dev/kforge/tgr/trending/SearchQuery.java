package dev.kforge.tgr.trending;

import dev.kforge.tgr.github.RepositorySearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated {@code GET /?n=&l=} query.
 *
 * @param n        how many repositories, 1..{@value #MAX_N}
 * @param language the language as given, trimmed, with runs of spaces collapsed
 */
public record SearchQuery(int n, String language) {
    /** An integer in ASCII digits: Integer.parseInt alone also reads other scripts' digits. Compiled once: every request passes here. */
    private static final Pattern ASCII_INTEGER = Pattern.compile("[+-]?[0-9]+");

    /** A value repeated to fill the 8 KiB URI would otherwise be echoed a few thousand times. */
    private static final int SHOWN_REPEATED_VALUES = 3;

    public static final int MAX_N = RepositorySearch.PAGE_SIZE;
    public static final int MAX_LANGUAGE_LENGTH = 50;

    static final String N_ALLOWED = "an integer from 1 to " + MAX_N;
    static final String L_ALLOWED = "a language name of at most " + MAX_LANGUAGE_LENGTH
            + " characters: letters, digits, '+', '#', '-', '.' and spaces";

    /**
     * Reads {@code n} and {@code l} from a URL's query string as sent (null when there is none), validates both and
     * reports every problem at once. Decoded here rather than by the web framework, which keeps only the first of
     * repeated parameters and drops a value that is not valid percent-encoding: both become errors here, and so does
     * a language that starts or ends with an unencoded {@code +}, which decoding would turn into a space and trimming
     * would drop ({@code l=C++} searching C).
     */
    public static SearchQuery fromQueryString(String query) throws InvalidQueryException {
        List<String> ns = new ArrayList<>(1);
        List<String> ls = new ArrayList<>(1);
        String nOtherCase = null;
        String lOtherCase = null;
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = FormDecoding.decode(rawName).orElse(rawName);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            if (name.equals("n")) {
                ns.add(value);
            } else if (name.equals("l")) {
                ls.add(value);
            } else if (name.equals("N")) {
                nOtherCase = name;
            } else if (name.equals("L")) {
                lOtherCase = name;
            }
        }
        List<String> problems = new ArrayList<>(2);
        int n = 0;
        if (ns.size() > 1) {
            reportRepeated("n", ns, N_ALLOWED, problems);
        } else if (ns.isEmpty()) {
            reportMissing("n", nOtherCase, N_ALLOWED, problems);
        } else {
            n = decoded("n", ns.get(0), N_ALLOWED, problems).map(value -> parseN(ns.get(0), value, problems)).orElse(0);
        }
        String language = "";
        if (ls.size() > 1) {
            reportRepeated("l", ls, L_ALLOWED, problems);
        } else if (ls.isEmpty()) {
            reportMissing("l", lOtherCase, L_ALLOWED, problems);
        } else if (!plusAtEdges(ls.get(0), problems)) {
            language = decoded("l", ls.get(0), L_ALLOWED, problems).map(value -> parseLanguage(value, problems)).orElse("");
        }
        if (!problems.isEmpty()) {
            throw new InvalidQueryException(problems);
        }
        return new SearchQuery(n, language);
    }

    /** The cache key: GitHub matches languages case-insensitively, so {@code Python} and {@code python} share one entry. */
    public String languageKey() {
        return language.toLowerCase(Locale.ROOT);
    }

    private static void reportRepeated(String name, List<String> rawValues, String allowed, List<String> problems) {
        List<String> shown = new ArrayList<>(SHOWN_REPEATED_VALUES + 1);
        for (String value : rawValues.subList(0, Math.min(rawValues.size(), SHOWN_REPEATED_VALUES))) {
            shown.add(quote(decode(value)));
        }
        if (rawValues.size() > SHOWN_REPEATED_VALUES) {
            shown.add("...");
        }
        problems.add("Invalid parameter '" + name + "': given " + rawValues.size() + " times (" + String.join(", ", shown)
                + "); expected one value: " + allowed);
    }

    /**
     * An unencoded '+' at either end decodes to a space that trimming drops, so the language searched would silently
     * lose it: the client meant a plus. Reports it and returns true.
     */
    private static boolean plusAtEdges(String rawL, List<String> problems) {
        String where = rawL.startsWith("+") ? "starts" : rawL.endsWith("+") ? "ends" : null;
        if (where == null) {
            return false;
        }
        problems.add("Invalid parameter 'l': " + quote(rawL) + " " + where + " with '+', which a URL query decodes "
                + "as a space; write '+' as %2B (l=C%2B%2B for C++)");
        return true;
    }

    /** Names are matched exactly; a client that wrote {@code N=} learns why {@code n} is missing. */
    private static void reportMissing(String name, String otherCase, String allowed, List<String> problems) {
        String given = otherCase == null ? "" : "'" + otherCase + "' was given, and parameter names are lower-case; ";
        problems.add("Missing parameter '" + name + "': " + given + "expected " + allowed);
    }

    /** The decoded value, or empty after reporting that {@code raw} is not percent-encoded UTF-8. */
    private static Optional<String> decoded(String name, String raw, String allowed, List<String> problems) {
        Optional<String> value = FormDecoding.decode(raw);
        if (value.isEmpty()) {
            problems.add("Invalid parameter '" + name + "': " + quote(raw) + " is not valid percent-encoding: each '%' "
                    + "must be followed by two hex digits and the bytes must be UTF-8 (%25 for '%' itself); expected " + allowed);
        }
        return value;
    }

    /** For messages only: a value that is not valid percent-encoding is shown as sent. */
    private static String decode(String raw) {
        return FormDecoding.decode(raw).orElse(raw);
    }

    private static int parseN(String sent, String value, List<String> problems) {
        if (value.isEmpty()) {
            problems.add("Invalid parameter 'n': it is empty; expected " + N_ALLOWED);
            return 0;
        }
        // Not Integer.parseInt alone: it also reads other scripts' digits (U+0665, Arabic-Indic five, is 5).
        if (!ASCII_INTEGER.matcher(value).matches()) {
            // n=+5 is shown as ' 5': say where the space came from.
            String plus = sent.contains("+") ? " (a '+' in a URL query is a space)" : "";
            problems.add("Invalid parameter 'n': " + quote(value) + " is not an integer" + plus + "; expected " + N_ALLOWED);
            return 0;
        }
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException tooLarge) {
            problems.add("Invalid parameter 'n': " + quote(value) + " is out of range; expected " + N_ALLOWED);
            return 0;
        }
        if (n < 1 || n > MAX_N) {
            problems.add("Invalid parameter 'n': " + quote(value) + " is out of range; expected " + N_ALLOWED);
        }
        return n;
    }

    private static String parseLanguage(String raw, List<String> problems) {
        String language = raw.strip().replaceAll(" {2,}", " ");
        if (language.isEmpty()) {
            problems.add("Invalid parameter 'l': it is empty; expected " + L_ALLOWED);
            return language;
        }
        if (language.length() > MAX_LANGUAGE_LENGTH) {
            problems.add("Invalid parameter 'l': " + language.length() + " characters is too long; expected " + L_ALLOWED);
            return language;
        }
        boolean letterOrDigit = false;
        for (int i = 0; i < language.length(); i++) {
            char c = language.charAt(i);
            if (!isAllowed(c)) {
                problems.add("Invalid parameter 'l': character " + describe(c) + " is not allowed; expected " + L_ALLOWED);
                return language;
            }
            letterOrDigit |= isLetterOrDigit(c);
        }
        if (!letterOrDigit) {
            // '-', '#' or '..' alone name no language, and would each cost a GitHub call and a cache entry.
            problems.add("Invalid parameter 'l': " + quote(language) + " has no letter or digit; expected " + L_ALLOWED);
        }
        return language;
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isAllowed(char c) {
        return isLetterOrDigit(c) || c == '+' || c == '#' || c == '-' || c == '.' || c == ' ';
    }

    private static String describe(char c) {
        if (c < 0x20 || c > 0x7e) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    private static String quote(String raw) {
        String shown = raw.length() > 20 ? raw.substring(0, 20) + "..." : raw;
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? String.format("U+%04X", (int) c) : String.valueOf(c));
        }
        return sb.append('\'').toString();
    }
}
