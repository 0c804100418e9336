package dev.kforge.dsl.check;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What makes a literal look like a secret: its name (an env var or ConfigMap key called
 * {@code ..._TOKEN}), or its value (a URL with a password, a private key, or a token in one of
 * the formats GitHub, GitLab, AWS, Google, Slack and Stripe issue). Plain string scans: this runs
 * for every literal of every render. Callers never print the value itself.
 */
final class SecretPatterns {
    /** Words that make a name secret-looking anywhere in it (any case). */
    private static final List<String> SECRET_WORDS = List.of("SECRET", "TOKEN", "PASSWORD", "PASSWD", "CREDENTIAL", "APIKEY", "PRIVATEKEY");
    /** Prefixes of issued tokens, what they are, and the fewest token characters that follow. */
    private static final List<TokenFormat> TOKENS = List.of(
            new TokenFormat("ghp_", "a GitHub token", 30), new TokenFormat("gho_", "a GitHub token", 30),
            new TokenFormat("ghu_", "a GitHub token", 30), new TokenFormat("ghs_", "a GitHub token", 30),
            new TokenFormat("ghr_", "a GitHub token", 30), new TokenFormat("github_pat_", "a GitHub token", 20),
            new TokenFormat("glpat-", "a GitLab token", 20), new TokenFormat("xoxb-", "a Slack token", 10),
            new TokenFormat("xoxp-", "a Slack token", 10), new TokenFormat("xoxa-", "a Slack token", 10),
            new TokenFormat("sk_live_", "a Stripe secret key", 16), new TokenFormat("AIza", "a Google API key", 35));

    private record TokenFormat(String prefix, String what, int minLength) {
    }

    private SecretPatterns() {
    }

    /** Whether {@code name} says its value is a secret: a secret word in it, or KEY as one of its words ({@code API_KEY}, not {@code KEYCLOAK_URL}). */
    static boolean namesASecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (upper.contains(word)) {
                return true;
            }
        }
        // KEY as a word of its own: between separators ('_', '.', '-') or the ends, optionally plural.
        for (int at = upper.indexOf("KEY"); at >= 0; at = upper.indexOf("KEY", at + 1)) {
            int end = upper.startsWith("KEYS", at) ? at + 4 : at + 3;
            if ((at == 0 || isSeparator(upper.charAt(at - 1))) && (end == upper.length() || isSeparator(upper.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    /** What secret {@code value} holds ({@code "a GitHub token"}), if it holds one. */
    static Optional<String> secretIn(String value) {
        if (hasUrlPassword(value)) {
            return Optional.of("a URL with a password");
        }
        int begin = value.indexOf("-----BEGIN ");
        if (begin >= 0 && value.indexOf("PRIVATE KEY-----", begin) > 0) {
            return Optional.of("a private key");
        }
        if (hasAwsAccessKeyId(value)) {
            return Optional.of("an AWS access key id");
        }
        for (TokenFormat token : TOKENS) {
            for (int at = value.indexOf(token.prefix()); at >= 0; at = value.indexOf(token.prefix(), at + 1)) {
                if ((at == 0 || !isTokenChar(value.charAt(at - 1))) && tokenLength(value, at + token.prefix().length()) >= token.minLength()) {
                    return Optional.of(token.what());
                }
            }
        }
        return Optional.empty();
    }

    /** {@code scheme://user:password@host}, unless the password is a variable reference ({@code $(DB_PASSWORD)}). */
    private static boolean hasUrlPassword(String value) {
        for (int scheme = value.indexOf("://"); scheme >= 0; scheme = value.indexOf("://", scheme + 3)) {
            int start = scheme + 3;
            int end = start;
            while (end < value.length() && "/?# \t\n\"'".indexOf(value.charAt(end)) < 0) {
                end++;
            }
            String authority = value.substring(start, end);
            int at = authority.lastIndexOf('@');
            int colon = at < 0 ? -1 : authority.indexOf(':');
            if (colon >= 0 && colon < at - 1) {
                String password = authority.substring(colon + 1, at);
                if (!password.startsWith("$(") && !password.startsWith("${")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code AKIA} or {@code ASIA} and 16 upper-case letters or digits, standing alone. */
    private static boolean hasAwsAccessKeyId(String value) {
        for (String prefix : List.of("AKIA", "ASIA")) {
            for (int at = value.indexOf(prefix); at >= 0; at = value.indexOf(prefix, at + 1)) {
                int end = at + 20;
                if (end <= value.length() && (at == 0 || !isTokenChar(value.charAt(at - 1)))
                        && (end == value.length() || !isTokenChar(value.charAt(end)))
                        && value.substring(at + 4, end).chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int tokenLength(String value, int from) {
        int end = from;
        while (end < value.length() && isTokenChar(value.charAt(end))) {
            end++;
        }
        return end - from;
    }

    private static boolean isSeparator(char c) {
        return c == '_' || c == '.' || c == '-';
    }

    private static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }
}
