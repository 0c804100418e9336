package dev.kforge.dsl.output;

import dev.kforge.dsl.core.Kind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One rendered file: {@code <applyOrder>-<kind>-<name>.yaml}, so that {@code ls} order (and so
 * {@code kubectl apply -f dir}) creates namespaces before what lives in them, accounts and roles
 * before workloads, and Services before the Ingresses that route to them.
 *
 * @param fileName the file's name within the environment's folder; never a path
 * @param kind     the kind of the object in it
 * @param name     the object's name
 * @param content  the YAML, ending in one newline
 */
public record ManifestFile(String fileName, Kind kind, String name, String content) {
    private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*\\.yaml");
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9.-]+");

    public ManifestFile {
        if (fileName == null || !FILE_NAME.matcher(fileName).matches() || fileName.contains("..")) {
            throw new IllegalArgumentException("ManifestFile: file name \"" + fileName
                    + "\" is invalid: must be lowercase letters, digits, '.' and '-' ending in .yaml, without \"..\" or '/'");
        }
    }

    public static ManifestFile of(Kind kind, String name, String content) {
        return new ManifestFile(fileName(kind, name), kind, name, content);
    }

    /**
     * The file name of an object. Names a file can hold as they are keep their name; others (RBAC
     * names may hold ':' or upper case) get their unsafe characters replaced and a short hash of
     * the real name appended, so two objects never share a file.
     */
    static String fileName(Kind kind, String name) {
        String safeName = SAFE_NAME.matcher(name).matches() && !name.contains("..")
                ? name
                : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-").replace("..", "-") + "-" + shortHash(name);
        return String.format(Locale.ROOT, "%02d-%s-%s.yaml", kind.applyOrder(), kind.kind().toLowerCase(Locale.ROOT), safeName);
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
