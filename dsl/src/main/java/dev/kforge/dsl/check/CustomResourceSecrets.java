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
        walk(kind.is(Kind.SEALED_SECRET), kind.group().equals(EXTERNAL_SECRETS_GROUP), null, null, object.body(namespace), found);
        // Walked in the body's own order, sorted once found: nearly every body finds nothing, and sorting each map cost more.
        if (found.size() > 1) {
            found.sort(Comparator.comparing(Finding::path));
        }
        return found;
    }

    /**
     * Where a value sits in the body: its parent and the field or list index that leads to it. Spelled out only for a
     * finding; building every field's path string as the walk went was the largest cost of this check on large renders.
     */
    private record FieldPath(FieldPath parent, String field, int index) {
        FieldPath child(String name) {
            return new FieldPath(this, name, -1);
        }

        FieldPath item(int position) {
            return new FieldPath(this, null, position);
        }

        boolean isListItem() {
            return field == null;
        }

        /** Whether this is the top-level field {@code top}'s field {@code name} ({@code spec.encryptedData}). */
        boolean is(String top, String name) {
            return name.equals(field) && parent != null && parent.parent == null && top.equals(parent.field);
        }

        static String spelled(FieldPath path) {
            return path == null ? "" : path.appendTo(new StringBuilder()).toString();
        }

        private StringBuilder appendTo(StringBuilder text) {
            if (parent != null) {
                parent.appendTo(text);
            }
            return isListItem() ? text.append('[').append(index).append(']') : text.append(parent == null ? "" : ".").append(field);
        }
    }

    private static void walk(boolean sealed, boolean externalSecrets, FieldPath path, String key, Object value, List<Finding> found) {
        if (value instanceof Map<?, ?> map) {
            if (sealed && path != null && path.is("spec", "encryptedData")) { // ciphertext
                return;
            }
            map.forEach((field, inner) -> {
                String name = String.valueOf(field);
                walk(sealed, externalSecrets, path == null ? new FieldPath(null, name, -1) : path.child(name), name, inner, found);
            });
        } else if (value instanceof List<?> list) {
            // A list's items are judged by the key that holds the list (apiKeys: [...]).
            for (int i = 0; i < list.size(); i++) {
                walk(sealed, externalSecrets, path == null ? new FieldPath(null, null, i) : path.item(i), key, list.get(i), found);
            }
        } else if (value instanceof String || value instanceof Number) {
            String text = String.valueOf(value);
            Optional<String> secret = SecretValues.secretIn(text);
            if (secret.isPresent() || key != null && SecretNames.namesASecret(key, text)
                    && !namesASecretOrKey(externalSecrets, key, text, path != null && path.isListItem())) {
                found.add(new Finding(FieldPath.spelled(path), secret));
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
