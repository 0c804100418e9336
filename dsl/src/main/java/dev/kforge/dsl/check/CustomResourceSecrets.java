package dev.kforge.dsl.check;

import dev.kforge.dsl.core.CustomObject;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Names;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a custom resource's body that look like secrets, judged as a ConfigMap's entries are: by the key holding
 * the value ({@code spec.auth.password}) and by the value. Not what its kind holds by design: a SealedSecret's
 * {@code encryptedData}, ciphertext only the cluster's controller decrypts, and the names of the Secret keys an
 * external-secrets.io object writes ({@code secretKey: password}); nor a key naming a Secret object ({@code tlsSecret: web-tls}).
 */
final class CustomResourceSecrets {
    private static final String EXTERNAL_SECRETS_GROUP = "external-secrets.io";

    /** A secret-looking field: its path in the body, and what its value holds, or empty when its name makes it one. */
    record Finding(String path, Optional<String> holds) {
    }

    private CustomResourceSecrets() {
    }

    /** The secret-looking fields of {@code object}'s body as rendered into {@code namespace}, in the order of their paths. */
    static List<Finding> of(CustomObject<?> object, String namespace) {
        List<Finding> found = new ArrayList<>();
        Kind kind = object.kind();
        walk(kind.is(Kind.SEALED_SECRET), kind.group().equals(EXTERNAL_SECRETS_GROUP), "", null, object.body(namespace), found);
        // Walked in the body's own order, sorted once found: nearly every body finds nothing, and sorting each map cost more.
        if (found.size() > 1) {
            found.sort(Comparator.comparing(Finding::path));
        }
        return found;
    }

    private static void walk(boolean sealed, boolean externalSecrets, String path, String key, Object value, List<Finding> found) {
        if (value instanceof Map<?, ?> map) {
            if (sealed && path.equals("spec.encryptedData")) { // ciphertext
                return;
            }
            map.forEach((field, inner) -> walk(sealed, externalSecrets, path.isEmpty() ? String.valueOf(field) : path + "." + field,
                    String.valueOf(field), inner, found));
        } else if (value instanceof List<?> list) {
            // A list's items are judged by the key that holds the list (apiKeys: [...]).
            for (int i = 0; i < list.size(); i++) {
                walk(sealed, externalSecrets, path + "[" + i + "]", key, list.get(i), found);
            }
        } else if (value instanceof String || value instanceof Number) {
            String text = String.valueOf(value);
            Optional<String> secret = SecretValues.secretIn(text);
            if (secret.isPresent() || key != null && SecretNames.namesASecret(key, text)
                    && !namesASecretOrKey(externalSecrets, key, text, path.endsWith("]"))) {
                found.add(new Finding(path, secret));
            }
        }
    }

    /** {@code tlsSecret: web-tls}, or an external-secrets.io object's {@code secretKey: db-password}: the key of the Secret it writes. */
    private static boolean namesASecretOrKey(boolean externalSecrets, String key, String value, boolean listItem) {
        return SecretNames.isSecretReferenceAnnotation(key, value) || namesSecretObjects(key, value, listItem)
                || externalSecrets && key.equals("secretKey") && value.matches("[-._a-zA-Z0-9]{1,253}");
    }

    /**
     * Operators' fields that hold Secret objects' names: a list under a plural ({@code secrets: [etcd-certs]}, {@code rootCAsSecrets},
     * {@code imagePullSecrets}, Kong's {@code credentials: [alice-basic-auth]}) or a pull secret's name, any object name;
     * {@code secret: web-basic-auth} (Traefik, Emissary) or {@code configSecret} (Alertmanager), a name of words, as annotations
     * naming a Secret are judged.
     */
    private static boolean namesSecretObjects(String key, String value, boolean listItem) {
        List<String> words = SecretNames.words(key);
        String last = words.get(words.size() - 1);
        boolean pullSecret = words.size() >= 2 && words.get(words.size() - 2).equals("PULL");
        if (listItem && (last.equals("SECRETS") || last.equals("CREDENTIALS")) || pullSecret && last.startsWith("SECRET")) {
            return Names.Rule.DNS1123_SUBDOMAIN.accepts(value);
        }
        boolean named = words.size() == 1 || words.size() == 2 && words.get(0).equals("CONFIG");
        return named && last.equals("SECRET") && SecretNames.isObjectName(value.strip());
    }
}
