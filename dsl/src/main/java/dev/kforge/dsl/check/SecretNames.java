package dev.kforge.dsl.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When a name says its literal is a secret: its last word is a secret word ({@code DB_PASSWORD},
 * {@code GITHUB_TOKEN}, {@code API_KEY}), and the value could be one (not a setting, a reference,
 * a path or a label).
 */
final class SecretNames {
    /** Last words that make a name secret-looking, alone or ending a compound word ({@code DBPASSWORD}, {@code AUTHTOKEN}). */
    private static final List<String> SECRET_WORDS = List.of("SECRET", "SECRETS", "TOKEN", "PASSWORD", "PASSWD", "PASSPHRASE",
            "CREDENTIALS", "CREDENTIAL", "APIKEY", "PRIVATEKEY", "ACCESSKEY", "SECRETKEY", "SIGNINGKEY", "ENCRYPTIONKEY");
    /** Last words that are secret-looking only as whole words ({@code DB_PASS}, not {@code BYPASS}). */
    private static final Set<String> WHOLE_SECRET_WORDS = Set.of("PASS", "PWD", "REQUIREPASS", "MASTERAUTH");
    /** Words before KEY that make it a secret ({@code API_KEY}, {@code SSH_KEY}; not {@code SORT_KEY} or {@code PUBLIC_KEY}). */
    private static final Set<String> KEY_QUALIFIERS = Set.of("API", "ACCESS", "SECRET", "PRIVATE", "SIGNING", "ENCRYPTION", "MASTER",
            "LICENSE", "CLIENT", "APP", "SSH", "HMAC", "JWT", "AUTH");
    /** Last words allowed after the secret word ({@code SECRET_KEY_BASE}, {@code DB_PASSWORD_VALUE}). */
    private static final Set<String> TRAILING_WORDS = Set.of("VALUE", "BASE", "OLD", "NEW", "PREVIOUS", "CURRENT");
    /** File extensions a ConfigMap key may end with ({@code password.txt}): the word before them counts. */
    private static final Set<String> FILE_EXTENSIONS = Set.of("TXT", "JSON", "YAML", "YML", "PROPERTIES", "CONF", "CFG", "INI", "TOML",
            "XML", "ENV", "PEM");
    /** Words that make the name about something else ({@code PUBLIC_KEY}, {@code EXISTING_SECRET}: the name of a Secret). */
    private static final Set<String> NEGATING_WORDS = Set.of("PUBLIC", "EXISTING");
    private static final Set<String> HASH_WORDS = Set.of("CHECKSUM", "HASH", "DIGEST");
    /** Values that are settings, not secrets. */
    private static final Set<String> PLAIN_VALUES = Set.of("yes", "no", "true", "false", "on", "off", "null", "~", "none", "disabled",
            "enabled", "{}", "[]");

    private SecretNames() {
    }

    /**
     * Whether a literal called {@code name} holding {@code value} is a secret by its name: its last
     * word is a secret word ({@code DB_PASSWORD}, {@code GITHUB_TOKEN}, {@code API_KEY}; not
     * {@code TOKEN_URL} or {@code PASSWORD_POLICY}), and its value could be one: not empty, a
     * reference, an absolute path (the file that holds it), a setting ({@code true}, a short number) or
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

    static boolean couldBeSecret(String name, String value) {
        String trimmed = value.strip();
        if (trimmed.length() >= 2 && (trimmed.startsWith("\"") && trimmed.endsWith("\"") || trimmed.startsWith("'") && trimmed.endsWith("'"))) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        // A structure ({...}, [...]) holds the secret further in; a short number is a setting (a port, a count).
        if (trimmed.isEmpty() || isReference(trimmed) || isPath(trimmed) || PLAIN_VALUES.contains(trimmed.toLowerCase(Locale.ROOT))
                || trimmed.startsWith("{") && trimmed.endsWith("}") || trimmed.startsWith("[") && trimmed.endsWith("]")
                || isNumber(trimmed) && trimmed.length() < 6) {
            return false;
        }
        if (isPublicKey(trimmed)) {
            return false; // signing-key.pem holding the public half
        }
        List<String> words = words(name);
        if (isHashOf(words, trimmed)) {
            return false; // checksum/secret: the hash of a Secret, as tools put on pod templates
        }
        return !trimmed.equalsIgnoreCase(words.get(words.size() - 1)) && !trimmed.equalsIgnoreCase(name);
    }

    /** PEM blocks of certificates and public keys only, or an SSH public key line. */
    private static boolean isPublicKey(String text) {
        return text.startsWith("-----BEGIN ") && !text.contains("PRIVATE KEY") && (text.contains("-----BEGIN CERTIFICATE-----")
                || text.contains("-----BEGIN PUBLIC KEY-----")) || (text.startsWith("ssh-") || text.startsWith("ecdsa-")) && text.matches("(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp\\d+) AAAA[A-Za-z0-9+/=]+( \\S+)?");
    }

    /**
     * Whether an annotation is a secret by its key: the key's name after its prefix says so ({@code example.com/db-password}), unless
     * it names a Secret object ({@link #isSecretReferenceAnnotation}) or the whole key says it holds a hash ({@code checksum/secret}).
     */
    static boolean annotationNamesASecret(String key, String value) {
        return namesASecret(key.substring(key.indexOf('/') + 1), value) && !isHashOf(words(key), value.strip())
                && !isSecretReferenceAnnotation(key, value) && !isVaultInjectorPath(key, value);
    }

    /** Vault's agent injector: {@code vault.hashicorp.com/agent-inject-secret-<file>: <path in Vault>}, the file's name after the prefix. */
    private static boolean isVaultInjectorPath(String key, String value) {
        return key.startsWith("vault.hashicorp.com/agent-inject-secret-") && value.matches("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");
    }

    /**
     * An annotation naming a Secret object ({@code nginx.ingress.kubernetes.io/auth-secret: demo-prod/web-basic-auth}): a key
     * such as {@code auth-secret} or {@code ...-tls-secret}, and a value that is an object's name of words. Only those: an env
     * var's, a config file's {@code client_secret: welcome-2024} or a {@code webhook-secret} annotation's is a value.
     */
    static boolean isSecretReferenceAnnotation(String key, String value) {
        List<String> words = words(key.substring(key.indexOf('/') + 1));
        if (words.isEmpty()) {
            return false;
        }
        // The ingress controllers' and load balancers' own keys: auth-secret, auth-tls-secret, proxy-ssl-secret, ...-tls-secret;
        // Dapr's app-token-secret.
        boolean namesOne = words.size() == 2 && words.get(0).equals("AUTH") || words.size() >= 2 && SECRET_KINDS.contains(words.get(words.size() - 2));
        return words.get(words.size() - 1).equals("SECRET") && namesOne && isObjectName(value.strip());
    }

    private static final Set<String> SECRET_KINDS = Set.of("TLS", "SSL", "CA", "CERT", "TOKEN");

    /** A hash under a key that starts with CHECKSUM, HASH or DIGEST: hex of 16 to 128 digits, or {@code sha256:} and hex. */
    private static boolean isHashOf(List<String> words, String value) {
        return HASH_WORDS.contains(words.get(0)) && value.matches("(sha(1|256|512):)?[0-9a-fA-F]{16,128}");
    }

    /**
     * A Kubernetes object's name of words ({@code web-basic-auth}), optionally after its namespace ({@code demo-prod/web-tls}):
     * each part letters or digits, not both, as in {@code s3cr3t-v4lue}.
     */
    static boolean isObjectName(String text) {
        return text.length() <= 253 && text.matches("(" + NAME_OF_WORDS + "/)?" + NAME_OF_WORDS) && text.chars().anyMatch(c -> c == '-' || c == '/');
    }

    private static final String NAME_OF_WORDS = "([a-z]+|[0-9]+)([-.]([a-z]+|[0-9]+))*";

    /** Whether {@code name}'s words make it secret-looking (see {@link #namesASecret}). */
    static boolean isSecretName(String name) {
        List<String> words = words(name);
        if (words.isEmpty() || words.stream().anyMatch(NEGATING_WORDS::contains)) {
            return false;
        }
        int last = words.size() - 1;
        if (last > 0 && FILE_EXTENSIONS.contains(words.get(last))) {
            last--;
        }
        if (last > 0 && TRAILING_WORDS.contains(words.get(last))) {
            last--;
        }
        String word = words.get(last);
        if (WHOLE_SECRET_WORDS.contains(word)
                || (word.equals("KEY") || word.equals("KEYS")) && last > 0 && KEY_QUALIFIERS.contains(words.get(last - 1))) {
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

    /** {@code $(VAR)}, {@code ${VAR}}, {@code $VAR}, {@code %(var)s}, a template's {@code {{ ... }}}, Datadog's {@code %%env_VAR%%}: a value from elsewhere. */
    static boolean isReference(String text) {
        return text.length() > 1 && text.charAt(0) == '$' && (text.charAt(1) == '(' || text.charAt(1) == '{' || Character.isLetter(text.charAt(1)))
                || text.startsWith("%(") || text.startsWith("{{") || text.startsWith("%%env_") && text.matches("%%env_[A-Za-z0-9_]+%%");
    }

    /** An absolute path of plain path characters: the file that holds a secret, not the secret. */
    private static boolean isPath(String text) {
        if (!text.startsWith("/")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.isLetterOrDigit(c) || "_-./".indexOf(c) >= 0)) {
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
}
