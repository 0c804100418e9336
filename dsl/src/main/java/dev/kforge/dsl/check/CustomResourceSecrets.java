package dev.kforge.dsl.check;

import dev.kforge.dsl.core.CustomObject;
import dev.kforge.dsl.core.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
        walk(object.kind(), "", null, object.body(namespace), found);
        return found;
    }

    private static void walk(Kind kind, String path, String key, Object value, List<Finding> found) {
        if (value instanceof Map<?, ?> map) {
            if (isCiphertext(kind, path)) {
                return;
            }
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((field, inner) -> sorted.put(String.valueOf(field), inner));
            sorted.forEach((field, inner) -> walk(kind, path.isEmpty() ? field : path + "." + field, field, inner, found));
        } else if (value instanceof List<?> list) {
            // A list's items are judged by the key that holds the list (apiKeys: [...]).
            for (int i = 0; i < list.size(); i++) {
                walk(kind, path + "[" + i + "]", key, list.get(i), found);
            }
        } else if (value instanceof String || value instanceof Number) {
            String text = String.valueOf(value);
            Optional<String> secret = SecretValues.secretIn(text);
            if (secret.isPresent() || key != null && SecretNames.namesASecret(key, text) && !namesASecretOrKey(kind, key, text)) {
                found.add(new Finding(path, secret));
            }
        }
    }

    private static boolean isCiphertext(Kind kind, String path) {
        return kind.equals(Kind.SEALED_SECRET) && path.equals("spec.encryptedData");
    }

    /** {@code tlsSecret: web-tls}, or an external-secrets.io object's {@code secretKey: db-password}: the key of the Secret it writes. */
    private static boolean namesASecretOrKey(Kind kind, String key, String value) {
        return SecretNames.isSecretReferenceAnnotation(key, value)
                || kind.group().equals(EXTERNAL_SECRETS_GROUP) && key.equals("secretKey") && value.matches("[-._a-zA-Z0-9]{1,253}");
    }
}
