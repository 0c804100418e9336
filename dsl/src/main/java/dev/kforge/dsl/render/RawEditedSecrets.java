package dev.kforge.dsl.render;

import dev.kforge.dsl.check.SecretPatterns;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.RawEdit;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.yaml.FieldPaths;
import dev.kforge.dsl.yaml.YamlWriter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Secret values never reach the output folder, which goes to git: a raw edit may not write a value
 * that looks like a secret (by its name, {@code env[API_TOKEN].value}, or its form, a private key or
 * a token) where the rendered object had none. The values are not printed, only where they are.
 */
final class RawEditedSecrets {
    private static final Pattern UNINDEXED = Pattern.compile("\\[\\d+]");

    private RawEditedSecrets() {
    }

    static void check(KubeObject<?> object, HasMetadata unedited, HasMetadata edited, Stack stack) {
        if (edited instanceof Secret) {
            return; // a Secret's values go to secrets/<env> or stay in the cluster's store, never to out/
        }
        // The secret-literal rule's own way out: a value that only looks like a secret is waived, with its reason, in review.
        if (!PolicyRules.enforced(PolicyCheck.SECRET_LITERAL, object, stack)) {
            return;
        }
        Map<String, String> before = scalars(unedited);
        Map<String, String> after = scalars(edited);
        List<String> written = new ArrayList<>();
        Map<String, String> secrets = new TreeMap<>();
        after.forEach((path, value) -> {
            if (!value.equals(before.get(path)) && (SecretPatterns.hidesSecret(path, value, after) || hidesSecretDecoded(path, value))) {
                written.add(path + " (" + value.length() + " characters)");
                secrets.put(path, value);
            }
        });
        if (!written.isEmpty()) {
            throw new RawEditException(PolicyRules.severityOf(List.of(PolicyCheck.SECRET_LITERAL), stack), object, writers(object, stack, secrets)
                    + " wrote what looks like a secret into the manifest, which is committed to git", String.join(", ", written),
                    "Keep the value out of the code: declare a SecretDef (its values come from the environment or a store) and "
                            + (written.stream().anyMatch(path -> path.contains(".env[")) ? "reference it, e.g. ContainerDef.withEnv(Env.from("
                            + "\"API_TOKEN\", secret.key(\"token\")))" : "mount it or reference it by name") + ". If the value only looks like a "
                            + "secret, waive the rule on this object: .waive(PolicyCheck.SECRET_LITERAL, \"why it is not one\").",
                    object.meta().origin(), null);
        }
    }

    /**
     * {@code raw edit "b"}: the edits that wrote {@code secrets} (path to final value) into the manifest or moved them
     * where they end up, found by applying the object's edits again one at a time; only for a refusal, of several edits.
     * An edit that fails when applied again (one that counts its runs, say) leaves them all named: the refusal is the secret's.
     */
    private static String writers(KubeObject<?> object, Stack stack, Map<String, String> secrets) {
        if (object.rawEdits().size() == 1) {
            return RawEditException.editsOf(object);
        }
        HasMetadata partial = StackRenderer.renderUnedited(object, stack);
        Map<String, String> previous = scalars(partial);
        Set<String> reasons = new LinkedHashSet<>();
        for (RawEdit<?> edit : object.rawEdits()) {
            try {
                StackRenderer.apply(edit, partial);
            } catch (RuntimeException | AssertionError e) {
                return RawEditException.editsOf(object);
            }
            Map<String, String> current = scalars(partial);
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                String value = secret.getValue();
                boolean wroteIt = current.containsValue(value) && !previous.containsValue(value);
                boolean movedIt = value.equals(current.get(secret.getKey())) && !heldAt(previous, secret.getKey(), value);
                if (wroteIt || movedIt) {
                    reasons.add("\"" + edit.reason() + "\"");
                }
            }
            previous = current;
        }
        return reasons.isEmpty() ? RawEditException.editsOf(object) : (reasons.size() == 1 ? "raw edit " : "raw edits ") + String.join(", ", reasons);
    }

    /**
     * Whether {@code fields} hold {@code value} at {@code path} or in the same list ({@code args[2]} and {@code args[3]}): an edit
     * that puts an item before it shifts its index without moving it.
     */
    private static boolean heldAt(Map<String, String> fields, String path, String value) {
        String list = UNINDEXED.matcher(path).replaceAll("[]");
        return fields.entrySet().stream().anyMatch(field -> value.equals(field.getValue())
                && UNINDEXED.matcher(field.getKey()).replaceAll("[]").equals(list));
    }

    /** A ConfigMap's binaryData is base64: key material by its name ({@code tls.key}, {@code keystore.p12}), else judged as the text it holds. */
    private static boolean hidesSecretDecoded(String path, String value) {
        if (!path.startsWith("binaryData.")) {
            return false;
        }
        String name = path.substring("binaryData.".length()).toLowerCase(java.util.Locale.ROOT);
        if (name.matches(".*\\.(key|p12|pfx|jks|keystore)|id_(rsa|dsa|ecdsa|ed25519)")) {
            return true; // key material or a keystore, in whatever binary form
        }
        try {
            String text = new String(java.util.Base64.getMimeDecoder().decode(value), java.nio.charset.StandardCharsets.UTF_8);
            return SecretPatterns.hidesSecret("data." + path.substring("binaryData.".length()), text);
        } catch (IllegalArgumentException e) {
            return false; // not base64: the API server refuses it
        }
    }

    private static Map<String, String> scalars(HasMetadata manifest) {
        return FieldPaths.of(YamlWriter.canonicalTree(manifest));
    }
}
