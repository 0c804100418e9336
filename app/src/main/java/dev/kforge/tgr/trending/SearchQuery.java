package dev.kforge.tgr.trending;

import dev.kforge.tgr.github.RepositorySearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A validated {@code GET /?n=&l=} query.
 *
 * @param n        how many repositories, 1..{@value #MAX_N}
 * @param language the language as given, trimmed, with runs of spaces collapsed
 */
public record SearchQuery(int n, String language) {

    public static final int MAX_N = RepositorySearch.PAGE_SIZE;
    public static final int MAX_LANGUAGE_LENGTH = 50;

    static final String N_ALLOWED = "an integer from 1 to " + MAX_N;
    static final String L_ALLOWED = "a language name of at most " + MAX_LANGUAGE_LENGTH
            + " characters: letters, digits, '+', '#', '-', '.' and spaces";

    /**
     * Validates both parameters and reports every problem at once.
     *
     * @param rawN the {@code n} parameter, or null when missing
     * @param rawL the {@code l} parameter, or null when missing
     */
    public static SearchQuery parse(String rawN, String rawL) throws InvalidQueryException {
        List<String> problems = new ArrayList<>(2);
        int n = parseN(rawN, problems);
        String language = parseLanguage(rawL, problems);
        if (!problems.isEmpty()) {
            throw new InvalidQueryException(problems);
        }
        return new SearchQuery(n, language);
    }

    /** The cache key: GitHub matches languages case-insensitively, so {@code Python} and {@code python} share one entry. */
    public String languageKey() {
        return language.toLowerCase(Locale.ROOT);
    }

    private static int parseN(String raw, List<String> problems) {
        if (raw == null) {
            problems.add("Missing parameter 'n': expected " + N_ALLOWED);
            return 0;
        }
        int n;
        try {
            n = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            String what = raw.matches("[+-]?[0-9]+") ? " is out of range" : " is not an integer";
            problems.add("Invalid parameter 'n': " + quote(raw) + what + "; expected " + N_ALLOWED);
            return 0;
        }
        if (n < 1 || n > MAX_N) {
            problems.add("Invalid parameter 'n': " + quote(raw) + " is out of range; expected " + N_ALLOWED);
        }
        return n;
    }

    private static String parseLanguage(String raw, List<String> problems) {
        if (raw == null) {
            problems.add("Missing parameter 'l': expected " + L_ALLOWED);
            return "";
        }
        String language = raw.strip().replaceAll(" {2,}", " ");
        if (language.isEmpty()) {
            problems.add("Invalid parameter 'l': it is empty; expected " + L_ALLOWED);
            return language;
        }
        if (language.length() > MAX_LANGUAGE_LENGTH) {
            problems.add("Invalid parameter 'l': " + language.length() + " characters is too long; expected " + L_ALLOWED);
            return language;
        }
        for (int i = 0; i < language.length(); i++) {
            char c = language.charAt(i);
            if (!isAllowed(c)) {
                problems.add("Invalid parameter 'l': character " + describe(c) + " is not allowed; expected " + L_ALLOWED);
                break;
            }
        }
        return language;
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '+' || c == '#' || c == '-' || c == '.' || c == ' ';
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
