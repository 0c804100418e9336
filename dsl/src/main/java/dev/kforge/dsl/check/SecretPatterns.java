package dev.kforge.dsl.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What makes a literal look like a secret: its name (an env var or ConfigMap key called
 * {@code GITHUB_TOKEN}, {@code db.password}), or its value (a URL with a password, a private key,
 * an assignment to a secret-named key such as {@code password=...}, or a token in one of the
 * formats GitHub, GitLab, AWS, Google, Slack and Stripe issue). Plain string scans: this runs for
 * every literal of every render. Callers never print the value itself.
 */
public final class SecretPatterns {
    /** Words that make a name secret-looking, alone or ending a compound word ({@code DBPASSWORD}, {@code AUTHTOKEN}). */
    private static final List<String> SECRET_WORDS = List.of("SECRET", "SECRETS", "TOKEN", "PASSWORD", "PASSWD", "PASSPHRASE", "CREDENTIALS",
            "CREDENTIAL", "APIKEY", "PRIVATEKEY");
    /** KEY is a secret word only alone or in these compounds ({@code MONKEY} and {@code HOTKEY} are not secrets). */
    private static final Set<String> KEY_WORDS = Set.of("KEY", "KEYS", "PWD", "ACCESSKEY", "SECRETKEY", "SIGNINGKEY", "ENCRYPTIONKEY");
    /** Last words that make a name a pointer to a secret or a setting about one ({@code SECRET_NAME}, {@code TOKEN_URL}), not a secret. */
    private static final Set<String> POINTER_WORDS = Set.of("NAME", "NAMES", "FILE", "PATH", "DIR", "URL", "URI", "ENDPOINT", "HOST",
            "PORT", "HEADER", "TYPE", "REF", "LENGTH", "SIZE", "TTL", "EXPIRY", "EXPIRATION", "ENABLED", "MODE", "ALGORITHM", "FORMAT",
            "VERSION", "COUNT", "LIMIT", "TIMEOUT", "PREFIX", "FIELD");
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

    /**
     * Whether a literal called {@code name} holding {@code value} is a secret by its name: a secret
     * word among the name's words, the last word not a pointer ({@code TOKEN_URL}), and a value
     * that is neither empty, a variable reference nor an absolute path (a file that holds the secret).
     */
    static boolean namesASecret(String name, String value) {
        String trimmed = value.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("$(") || trimmed.startsWith("${") || trimmed.startsWith("/") && trimmed.indexOf(' ') < 0) {
            return false;
        }
        return isSecretName(name);
    }

    /** Whether {@code name}'s words make it secret-looking, its last word not a pointer. */
    private static boolean isSecretName(String name) {
        List<String> words = words(name);
        if (words.isEmpty() || words.size() > 1 && POINTER_WORDS.contains(words.get(words.size() - 1))) {
            return false;
        }
        for (String word : words) {
            if (KEY_WORDS.contains(word)) {
                return true;
            }
            for (String secret : SECRET_WORDS) {
                if (word.endsWith(secret)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The upper-cased words of a name, split at '_', '.', '-' and lower-to-upper case changes ({@code dbPassword}: DB, PASSWORD). */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= name.length(); i++) {
            boolean end = i == name.length();
            char c = end ? 0 : name.charAt(i);
            boolean separator = !end && !Character.isLetterOrDigit(c);
            boolean camel = !end && i > start && Character.isUpperCase(c) && Character.isLowerCase(name.charAt(i - 1));
            if (end || separator || camel) {
                if (i > start) {
                    words.add(name.substring(start, i).toUpperCase(Locale.ROOT));
                }
                start = separator ? i + 1 : i;
            }
        }
        return words;
    }

    /**
     * Whether the value of the field at {@code path} must not be shown: its name ({@code data.DB_PASSWORD},
     * {@code env[API_TOKEN].value}) or its value looks like a secret. Diffs print {@code <redacted>} instead.
     */
    public static boolean hidesSecret(String path, String value) {
        if (value == null) {
            return false;
        }
        String name = path.endsWith("].value") && path.lastIndexOf('[') >= 0
                ? path.substring(path.lastIndexOf('[') + 1, path.length() - "].value".length())
                : path.substring(path.lastIndexOf('.') + 1);
        return namesASecret(name, value) || secretIn(value).isPresent();
    }

    /** What secret {@code value} holds ({@code "a GitHub token"}), if it holds one. */
    static Optional<String> secretIn(String value) {
        if (hasUrlPassword(value)) {
            return Optional.of("a URL with a password");
        }
        if (hasPrivateKey(value)) {
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
        return assignedSecret(value).map(key -> "a literal assigned to " + key);
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
            if (colon >= 0 && colon < at - 1 && !isReference(authority.substring(colon + 1, at))) {
                return true;
            }
        }
        return false;
    }

    /** A PEM or PGP private key: {@code -----BEGIN ... PRIVATE KEY} on one line. */
    private static boolean hasPrivateKey(String value) {
        for (int begin = value.indexOf("-----BEGIN "); begin >= 0; begin = value.indexOf("-----BEGIN ", begin + 1)) {
            int lineEnd = value.indexOf('\n', begin);
            String line = value.substring(begin, lineEnd < 0 ? value.length() : lineEnd);
            if (line.contains("PRIVATE KEY")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The key of the first {@code key=value} or {@code key: value} in {@code value} (a properties or
     * YAML line, a query parameter, a {@code --flag=value}) whose key is secret-named and whose
     * value is a literal, not a reference.
     */
    private static Optional<String> assignedSecret(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '=' && c != ':') {
                continue;
            }
            int keyStart = i;
            while (keyStart > 0 && isKeyChar(value.charAt(keyStart - 1))) {
                keyStart--;
            }
            String key = value.substring(keyStart, i).replace("\"", "").replace("'", "");
            int valueStart = i + 1;
            while (valueStart < value.length() && (value.charAt(valueStart) == ' ' || value.charAt(valueStart) == '"'
                    || value.charAt(valueStart) == '\'')) {
                valueStart++;
            }
            int valueEnd = valueStart;
            while (valueEnd < value.length() && " \t\r\n\"'&;,".indexOf(value.charAt(valueEnd)) < 0) {
                valueEnd++;
            }
            String assigned = value.substring(valueStart, valueEnd);
            if (!key.isEmpty() && !assigned.isEmpty() && !isReference(assigned) && !assigned.startsWith("/") && isSecretName(key)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static boolean isReference(String text) {
        return text.startsWith("$(") || text.startsWith("${") || text.startsWith("%(");
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

    private static boolean isKeyChar(char c) {
        return isTokenChar(c) || c == '.' || c == '"' || c == '\'';
    }

    private static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }
}
