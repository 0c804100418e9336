package dev.kforge.dsl.check;

import java.util.Optional;

/**
 * What makes a literal look like a secret ({@link SecretNames}: its name; {@link SecretValues}: its
 * value). The policy check reports such literals by name, and diffs redact them: callers never
 * print the value itself.
 */
public final class SecretPatterns {
    private SecretPatterns() {
    }

    /**
     * Whether the value of the field at {@code path} must not be shown: its name ({@code data.DB_PASSWORD},
     * {@code env[API_TOKEN].value}) or its value looks like a secret. Diffs print {@code <redacted>} instead.
     */
    public static boolean hidesSecret(String path, String value) {
        if (value == null) {
            return false;
        }
        int annotations = path.indexOf("annotations.");
        if (annotations >= 0 && SecretNames.isSecretReferenceAnnotation(path.substring(annotations + "annotations.".length()), value)) {
            return false;
        }
        String name = path.endsWith("].value") && path.lastIndexOf('[') >= 0
                ? path.substring(path.lastIndexOf('[') + 1, path.length() - "].value".length())
                : dataKey(path).orElse(path.substring(path.lastIndexOf('.') + 1));
        return SecretNames.namesASecret(name, value) || SecretValues.secretIn(value).isPresent();
    }

    /**
     * As {@link #hidesSecret(String, String)}, also judging a list item by the one before it: the
     * argument after a secret-named flag ({@code args[3]} after {@code args[2]: --password}).
     *
     * @param fields every field of the object by path, for the item before
     */
    public static boolean hidesSecret(String path, String value, java.util.Map<String, String> fields) {
        if (hidesSecret(path, value)) {
            return true;
        }
        int open = path.lastIndexOf('[');
        if (value == null || open < 0 || !path.endsWith("]")) {
            return false;
        }
        String index = path.substring(open + 1, path.length() - 1);
        if (index.isEmpty() || !index.chars().allMatch(Character::isDigit)) {
            return false;
        }
        if (index.equals("0")) {
            // The first argument follows the command's last word.
            String commandPath = path.endsWith(".args[0]") ? path.substring(0, path.length() - "args[0]".length()) + "command" : null;
            int last = -1;
            while (commandPath != null && fields.containsKey(commandPath + "[" + (last + 1) + "]")) {
                last++;
            }
            return last >= 0 && SecretNames.secretAfterFlag(fields.get(commandPath + "[" + last + "]"), value).isPresent();
        }
        String before = fields.get(path.substring(0, open + 1) + (Integer.parseInt(index) - 1) + "]");
        return before != null && SecretNames.secretAfterFlag(before, value).isPresent();
    }

    /** A ConfigMap's or Secret's data key, which may hold dots ({@code data.password.txt}: {@code password.txt}). */
    private static Optional<String> dataKey(String path) {
        for (String prefix : new String[] {"data.", "stringData.", "binaryData."}) {
            if (path.startsWith(prefix)) {
                return Optional.of(path.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    /** See {@link SecretNames#annotationNamesASecret}. */
    static boolean annotationNamesASecret(String key, String value) {
        return SecretNames.annotationNamesASecret(key, value);
    }

    /** See {@link SecretNames#namesASecret}. */
    static boolean namesASecret(String name, String value) {
        return SecretNames.namesASecret(name, value);
    }

    /** See {@link SecretValues#secretIn}. */
    static Optional<String> secretIn(String value) {
        return SecretValues.secretIn(value);
    }

    /** See {@link SecretNames#secretAfterFlag}. */
    static Optional<String> secretAfterFlag(String flag, String next) {
        return SecretNames.secretAfterFlag(flag, next);
    }
}
