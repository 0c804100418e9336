package dev.kforge.dsl.secrets;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretType;
import dev.kforge.dsl.config.SecretSource;
import dev.kforge.dsl.core.Annotations;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.Spelling;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.yaml.YamlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the Secret objects of a stack whose values come from the environment
 * ({@link SecretSource.FromEnvironment}), for {@code make secrets}. The result goes to a
 * git-ignored folder or to standard output, never to {@code out/}.
 */
public final class SecretManifests {
    /** The {@code app.kubernetes.io/managed-by} value of these Secrets. */
    public static final String MANAGED_BY = "kforge-secrets";

    private SecretManifests() {
    }

    /** The outcome: the Secret files, or every missing, empty or malformed value (and then no file at all). */
    public record Result(List<ManifestFile> files, List<String> missing) {
        public Result {
            files = List.copyOf(files);
            missing = List.copyOf(missing);
        }
    }

    /**
     * @param environment the process environment; wins over the file
     * @param dotEnv      the variables of the environment's {@code .env.<env>} file
     */
    public static Result build(Stack stack, Map<String, String> environment, Map<String, SecretValue> dotEnv) {
        List<ManifestFile> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<String> read = variablesRead(stack);
        for (var object : stack.objects()) {
            if (!(object instanceof SecretDef secret) || !(secret.source() instanceof SecretSource.FromEnvironment source)) {
                continue;
            }
            Map<String, String> data = new TreeMap<>();
            for (String key : secret.keys()) {
                String variable = source.variableFor(key);
                String where = "Secret " + secret.name() + " key " + key + " (variable " + variable;
                // An empty or blank variable (CLIENT_ID= make secrets) does not hide the file's value; an empty or blank value is missing.
                String fromEnvironment = environment.get(variable);
                SecretValue value = fromEnvironment != null && !fromEnvironment.isBlank() ? SecretValue.of(fromEnvironment) : dotEnv.get(variable);
                if (value == null && fromEnvironment != null) {
                    value = SecretValue.of(fromEnvironment); // blank, and the file has none: say so rather than "not set"
                }
                if (value == null) {
                    missing.add(where + misspelling(variable, read, environment.keySet(), dotEnv.keySet()) + ")");
                } else if (value.isBlank()) {
                    missing.add(where + (value.length() == 0 ? " is empty)" : " is blank: only white space)"));
                } else {
                    Optional<String> malformed = malformed(secret.type(), key, value);
                    if (malformed.isPresent()) {
                        missing.add(where + " is not " + malformed.get() + ")");
                    } else {
                        data.put(key, value.base64());
                    }
                }
            }
            files.add(ManifestFile.of(Kind.SECRET, secret.name(), YamlWriter.write(manifest(stack, secret, data))));
        }
        return missing.isEmpty() ? new Result(files, List.of()) : new Result(List.of(), missing);
    }

    /**
     * What a value of {@code key} of a Secret of {@code type} is not, though it must be: the API server checks a Docker config's
     * JSON, but not a TLS Secret's values, which an Ingress controller then cannot load (it serves a certificate of its own).
     */
    private static Optional<String> malformed(SecretType type, String key, SecretValue value) {
        if (type == SecretType.DOCKER_CONFIG_JSON && !value.isDockerConfig()) {
            return Optional.of("a Docker config: JSON like {\"auths\": {\"<registry>\": {\"auth\": \"<base64 of user:password>\"}}}");
        }
        boolean certificate = key.equals("tls.crt");
        if (type != SecretType.TLS || (certificate ? value.isPemCertificates() : !key.equals("tls.key") || value.isPemPrivateKey())) {
            return Optional.empty();
        }
        if (value.isBase64OfPem()) {
            return Optional.of((certificate ? "a PEM certificate" : "a PEM private key")
                    + ": it is base64 of one, as a Secret's data holds it; give the PEM text, which make secrets encodes");
        }
        return Optional.of(certificate ? "a PEM certificate: text from -----BEGIN CERTIFICATE-----, the server's certificate first, then its chain"
                : "a PEM private key: text from -----BEGIN PRIVATE KEY----- (or RSA PRIVATE KEY, EC PRIVATE KEY), unencrypted");
    }

    /** Every variable the stack's Secrets read from the environment. */
    private static Set<String> variablesRead(Stack stack) {
        Set<String> read = new TreeSet<>();
        for (var object : stack.objects()) {
            if (object instanceof SecretDef secret && secret.source() instanceof SecretSource.FromEnvironment source) {
                secret.keys().forEach(key -> read.add(source.variableFor(key)));
            }
        }
        return read;
    }

    /**
     * For a variable that is not set: a variable the file or the environment sets, which no Secret reads, spelt within two
     * letters of it (CLEINT_SECRET). Names only, never a value.
     */
    private static String misspelling(String variable, Set<String> read, Set<String> environment, Set<String> dotEnv) {
        Set<String> unread = new TreeSet<>(dotEnv);
        unread.addAll(environment);
        unread.removeAll(read);
        return Spelling.closest(variable, unread)
                .map(typed -> " is not set; " + typed + " is, which no Secret reads: a typo?").orElse("");
    }

    private static Map<String, Object> manifest(Stack stack, SecretDef secret, Map<String, String> data) {
        // Not managed-by kforge: the pruning selector must never match a Secret that out/ does not hold. Set last, so no label hides it.
        Labels labels = stack.commonLabels().with(secret.meta().labels()).with(Labels.MANAGED_BY, MANAGED_BY);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", secret.name());
        metadata.put("namespace", stack.namespace().name());
        // The declared version the values were written at: the next make secrets compares its values with these (ForgottenVersionBumps).
        metadata.put("annotations", secret.meta().annotations().with(Annotations.SECRET_VERSION, secret.version()).entries());
        metadata.put("labels", labels.entries());
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("apiVersion", Kind.SECRET.apiVersion());
        manifest.put("kind", Kind.SECRET.kind());
        manifest.put("metadata", metadata);
        manifest.put("type", secret.type().apiValue());
        manifest.put("data", data);
        return manifest;
    }
}
