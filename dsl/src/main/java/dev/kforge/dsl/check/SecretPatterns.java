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
    /** Last words that make a name secret-looking, alone or ending a compound word ({@code DBPASSWORD}, {@code AUTHTOKEN}). */
    private static final List<String> SECRET_WORDS = List.of("SECRET", "SECRETS", "TOKEN", "PASSWORD", "PASSWD", "PASSPHRASE",
            "CREDENTIALS", "CREDENTIAL", "APIKEY", "PRIVATEKEY", "ACCESSKEY", "SECRETKEY", "SIGNINGKEY", "ENCRYPTIONKEY");
    /** Last words that are secret-looking only as whole words ({@code DB_PASS}, not {@code BYPASS}). */
    private static final Set<String> WHOLE_SECRET_WORDS = Set.of("PASS", "PWD", "REQUIREPASS", "MASTERAUTH");
    /** Words before KEY that make it a secret ({@code API_KEY}, {@code SSH_KEY}; not {@code SORT_KEY} or {@code PUBLIC_KEY}). */
    private static final Set<String> KEY_QUALIFIERS = Set.of("API", "ACCESS", "SECRET", "PRIVATE", "SIGNING", "ENCRYPTION", "MASTER",
            "LICENSE", "CLIENT", "APP", "SSH", "HMAC", "JWT", "AUTH");
    /** Last words allowed after the secret word ({@code SECRET_KEY_BASE}, {@code DB_PASSWORD_VALUE}). */
    private static final Set<String> TRAILING_WORDS = Set.of("VALUE", "BASE");
    /** Words that make the name about something else ({@code PUBLIC_KEY}, {@code EXISTING_SECRET}: the name of a Secret). */
    private static final Set<String> NEGATING_WORDS = Set.of("PUBLIC", "EXISTING");
    /** Values that are settings, not secrets. */
    private static final Set<String> PLAIN_VALUES = Set.of("yes", "no", "true", "false", "on", "off", "null", "~", "none", "disabled",
            "enabled", "{}", "[]");

    /** Prefixes of issued tokens, what they are, and the fewest token characters that follow. */
    private static final List<TokenFormat> TOKENS = List.of(
            new TokenFormat("ghp_", "a GitHub token", 30), new TokenFormat("gho_", "a GitHub token", 30),
            new TokenFormat("ghu_", "a GitHub token", 30), new TokenFormat("ghs_", "a GitHub token", 30),
            new TokenFormat("ghr_", "a GitHub token", 30), new TokenFormat("github_pat_", "a GitHub token", 20),
            new TokenFormat("glpat-", "a GitLab token", 20), new TokenFormat("xoxb-", "a Slack token", 10),
            new TokenFormat("xoxp-", "a Slack token", 10), new TokenFormat("xoxa-", "a Slack token", 10),
            new TokenFormat("sk_live_", "a Stripe secret key", 16), new TokenFormat("AIza", "a Google API key", 35),
            new TokenFormat("npm_", "an npm token", 30));

    private record TokenFormat(String prefix, String what, int minLength) {
    }

    private SecretPatterns() {
    }

    /**
     * Whether a literal called {@code name} holding {@code value} is a secret by its name: its last
     * word is a secret word ({@code DB_PASSWORD}, {@code GITHUB_TOKEN}, {@code API_KEY}; not
     * {@code TOKEN_URL} or {@code PASSWORD_POLICY}), and its value could be one: not empty, a
     * reference, an absolute path (the file that holds it), a setting ({@code true}, a number) or
     * the name's own word (an i18n label: {@code password=Password}).
     */
    static boolean namesASecret(String name, String value) {
        return isSecretName(name) && couldBeSecret(name, value);
    }

    /** What a command-line flag and the argument after it hold: {@code --password hunter2}. */
    static Optional<String> secretAfterFlag(String flag, String next) {
        if (!flag.startsWith("-") || flag.contains("=") || next.startsWith("-")) {
            return Optional.empty();
        }
        int dashes = 0;
        while (dashes < flag.length() && flag.charAt(dashes) == '-') {
            dashes++;
        }
        String name = flag.substring(dashes);
        return !name.isEmpty() && isSecretName(name) && couldBeSecret(name, next) ? Optional.of("a literal passed to " + flag) : Optional.empty();
    }

    private static boolean couldBeSecret(String name, String value) {
        String trimmed = value.strip();
        if (trimmed.length() >= 2 && (trimmed.startsWith("\"") && trimmed.endsWith("\"") || trimmed.startsWith("'") && trimmed.endsWith("'"))) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        if (trimmed.isEmpty() || isReference(trimmed) || isPath(trimmed) || PLAIN_VALUES.contains(trimmed.toLowerCase(Locale.ROOT))
                || trimmed.startsWith("{") || trimmed.startsWith("[") || isNumber(trimmed)) {
            return false;
        }
        List<String> words = words(name);
        return !trimmed.equalsIgnoreCase(words.get(words.size() - 1)) && !trimmed.equalsIgnoreCase(name);
    }

    /** Whether {@code name}'s words make it secret-looking (see {@link #namesASecret}). */
    private static boolean isSecretName(String name) {
        List<String> words = words(name);
        if (words.isEmpty() || words.stream().anyMatch(NEGATING_WORDS::contains)) {
            return false;
        }
        int last = words.size() - 1;
        if (last > 0 && TRAILING_WORDS.contains(words.get(last))) {
            last--;
        }
        String word = words.get(last);
        if (WHOLE_SECRET_WORDS.contains(word)
                || (word.equals("KEY") || word.equals("KEYS")) && (words.size() == 1 ? false : last > 0 && KEY_QUALIFIERS.contains(words.get(last - 1)))) {
            return true;
        }
        for (String secret : SECRET_WORDS) {
            if (word.endsWith(secret)) {
                return true;
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
        Optional<String> url = urlCredential(value);
        if (url.isPresent()) {
            return url;
        }
        if (hasPrivateKey(value)) {
            return Optional.of("a private key");
        }
        if (hasAwsAccessKeyId(value)) {
            return Optional.of("an AWS access key id");
        }
        if (hasAuthorizationCredential(value)) {
            return Optional.of("an authorization header's credential");
        }
        if (value.contains("hooks.slack.com/services/T")) {
            return Optional.of("a Slack webhook URL");
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

    /**
     * {@code scheme://user:password@host}, unless the password is a variable reference
     * ({@code $(DB_PASSWORD)}), or a user part that is itself a key ({@code https://<key>@host/1}, a Sentry DSN).
     */
    private static Optional<String> urlCredential(String value) {
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
                return Optional.of("a URL with a password");
            }
            if (at >= 20 && colon < 0 && authority.substring(0, at).chars().allMatch(ch -> isTokenChar((char) ch))) {
                return Optional.of("a URL with a key as its user");
            }
        }
        return Optional.empty();
    }

    /** {@code Bearer <token>} or {@code Basic <credentials>} with a credential of at least 16 characters. */
    private static boolean hasAuthorizationCredential(String value) {
        for (String scheme : List.of("Bearer ", "Basic ")) {
            for (int at = value.indexOf(scheme); at >= 0; at = value.indexOf(scheme, at + 1)) {
                int end = at + scheme.length();
                while (end < value.length() && (isTokenChar(value.charAt(end)) || "+/=.".indexOf(value.charAt(end)) >= 0)) {
                    end++;
                }
                if (end - at - scheme.length() >= 16) {
                    return true;
                }
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
     * The key of the first assignment in {@code value} whose key is secret-named and whose value could
     * be a secret: {@code key=value} or {@code key: value} (properties, YAML, TOML, query strings,
     * {@code --flag=value}, spaces around the sign allowed), or a line of a key and a value alone
     * ({@code requirepass hunter2}).
     */
    private static Optional<String> assignedSecret(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '=' && c != ':') {
                continue;
            }
            int keyEnd = i;
            while (keyEnd > 0 && value.charAt(keyEnd - 1) == ' ') {
                keyEnd--;
            }
            int keyStart = keyEnd;
            while (keyStart > 0 && isKeyChar(value.charAt(keyStart - 1))) {
                keyStart--;
            }
            if (keyStart >= 2 && value.charAt(keyStart - 2) == '$' && "{(".indexOf(value.charAt(keyStart - 1)) >= 0) {
                continue; // ${VAR:-default}: a reference with a default, not an assignment
            }
            String key = value.substring(keyStart, keyEnd).replace("\"", "").replace("'", "");
            String assigned = valueAt(value, i + 1);
            if (!key.isEmpty() && isSecretName(key) && couldBeSecret(key, assigned)) {
                return Optional.of(key);
            }
        }
        // Lines of exactly two words: no regex, as this runs for every literal of every render.
        int lineStart = 0;
        while (lineStart <= value.length()) {
            int lineEnd = value.indexOf('\n', lineStart);
            String line = value.substring(lineStart, lineEnd < 0 ? value.length() : lineEnd).strip();
            int gap = line.indexOf(' ') < 0 ? line.indexOf('\t') : line.indexOf(' ');
            if (gap > 0) {
                String key = line.substring(0, gap);
                String rest = line.substring(gap + 1).strip();
                if (!rest.isEmpty() && rest.indexOf(' ') < 0 && rest.indexOf('\t') < 0 && !key.endsWith(":") && key.indexOf('=') < 0
                        && isSecretName(key) && couldBeSecret(key, rest)) {
                    return Optional.of(key);
                }
            }
            if (lineEnd < 0) {
                break;
            }
            lineStart = lineEnd + 1;
        }
        return Optional.empty();
    }

    /** The value after an assignment sign at {@code start}: past spaces and an opening quote, up to a separator. */
    private static String valueAt(String text, int start) {
        int from = start;
        while (from < text.length() && (text.charAt(from) == ' ' || text.charAt(from) == '"' || text.charAt(from) == '\'')) {
            from++;
        }
        int end = from;
        while (end < text.length() && " \t\r\n\"'&;,}]".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return text.substring(from, end);
    }

    /** {@code $(VAR)}, {@code ${VAR}}, {@code $VAR}, {@code %(var)s}, a template's {@code {{ ... }}}: a value from elsewhere. */
    private static boolean isReference(String text) {
        return text.length() > 1 && text.charAt(0) == '$' && (text.charAt(1) == '(' || text.charAt(1) == '{' || Character.isLetter(text.charAt(1)))
                || text.startsWith("%(") || text.startsWith("{{");
    }

    /** An absolute path of plain path characters: the file that holds a secret, not the secret. */
    private static boolean isPath(String text) {
        if (!text.startsWith("/")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(isTokenChar(c) || c == '.' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == '-' && i == 0)) {
                return false;
            }
        }
        return true;
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
