package dev.kforge.dsl.check;

import java.util.List;
import java.util.Optional;

/**
 * When a value holds a secret whatever its name: a URL with a credential, a private key, an
 * authorization header, a token in the format its issuer uses, or a literal assigned to a
 * secret-named key inside it ({@code password=...} in properties, YAML, query strings, flags).
 * Plain string scans: this runs for every literal of every render.
 */
final class SecretValues {
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

    private SecretValues() {
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
        if (hasJsonWebToken(value)) {
            return Optional.of("a JSON Web Token");
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
        // An AWS resource name (arn:aws:secretsmanager:...:secret:prod/db-AbCdEf) says where a secret is: no key: value in it.
        boolean resourceName = value.startsWith("arn:") && value.matches("arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:([0-9]{12})?:\\S+");
        Optional<String> assigned = (resourceName ? Optional.<String>empty() : assignedSecret(value)).or(() -> markupSecret(value));
        return assigned.map(key -> "a literal assigned to " + key).or(() -> flagInText(value));
    }

    /** A secret-named flag and its value inside one string, as a shell command passes them ({@code sh -c "app --password x"}). */
    private static Optional<String> flagInText(String value) {
        if (value.indexOf(' ') < 0) {
            return Optional.empty();
        }
        String[] words = value.strip().split(" ");
        for (int i = 0; i + 1 < words.length; i++) {
            Optional<String> secret = SecretNames.secretAfterFlag(words[i], words[i + 1].replace("\"", "").replace("'", ""));
            if (secret.isPresent()) {
                return secret;
            }
        }
        return Optional.empty();
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
            if (colon >= 0 && colon < at - 1 && !SecretNames.isReference(authority.substring(colon + 1, at))) {
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

    /**
     * A signed JSON Web Token standing alone: a header and a payload of base64url JSON ({@code eyJ}, {@code {"}), each of at
     * least 10 characters, and a signature of at least 16 (an HMAC-SHA256 one has 43); an unsigned or two-part string is not one.
     */
    private static boolean hasJsonWebToken(String value) {
        for (int at = value.indexOf("eyJ"); at >= 0; at = value.indexOf("eyJ", at + 1)) {
            if (at > 0 && isTokenChar(value.charAt(at - 1))) {
                continue;
            }
            int headerEnd = at + tokenLength(value, at);
            if (headerEnd - at < 10 || !value.startsWith(".eyJ", headerEnd)) {
                continue;
            }
            int payloadEnd = headerEnd + 1 + tokenLength(value, headerEnd + 1);
            if (payloadEnd - headerEnd - 1 >= 10 && payloadEnd < value.length() && value.charAt(payloadEnd) == '.'
                    && tokenLength(value, payloadEnd + 1) >= 16) {
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
            if (assigned.isEmpty() && c == ':') {
                assigned = nextLineScalar(value, i + 1); // YAML: "password:" with the value on the next, deeper line
            }
            boolean structure = assigned.startsWith("{") || assigned.startsWith("["); // a map or list follows: the secret, if any, is further in
            if (!key.isEmpty() && !structure && SecretNames.isSecretName(key) && SecretNames.couldBeSecret(key, assigned)) {
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
                        && SecretNames.isSecretName(key) && SecretNames.couldBeSecret(key, rest)) {
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

    /** The next line after {@code from} when it is a lone scalar (no key, no list item), else empty. */
    private static String nextLineScalar(String text, int from) {
        int lineEnd = text.indexOf('\n', from);
        if (lineEnd < 0 || !text.substring(from, lineEnd).isBlank()) {
            return "";
        }
        int nextEnd = text.indexOf('\n', lineEnd + 1);
        String next = text.substring(lineEnd + 1, nextEnd < 0 ? text.length() : nextEnd).strip();
        return next.indexOf(':') >= 0 || next.startsWith("-") || next.indexOf(' ') >= 0 ? "" : next;
    }

    /**
     * An XML element named like a secret holding a literal ({@code <password>...</password>}), or a
     * netrc line's password ({@code machine host login bob password ...}): the key, else empty.
     */
    private static Optional<String> markupSecret(String value) {
        for (int close = value.indexOf("</"); close >= 0; close = value.indexOf("</", close + 2)) {
            int end = value.indexOf('>', close);
            if (end < 0) {
                break;
            }
            String tag = value.substring(close + 2, end);
            int open = value.lastIndexOf("<" + tag + ">", close);
            if (!tag.isEmpty() && open >= 0) {
                String text = value.substring(open + tag.length() + 2, close);
                if (SecretNames.isSecretName(tag) && SecretNames.couldBeSecret(tag, text)) {
                    return Optional.of(tag);
                }
            }
        }
        for (String line : value.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("machine ") || trimmed.startsWith("default ")) {
                String[] words = trimmed.split(" ");
                for (int i = 0; i + 1 < words.length; i++) {
                    if (words[i].equals("password") && SecretNames.couldBeSecret("password", words[i + 1])) {
                        return Optional.of("password");
                    }
                }
            }
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
