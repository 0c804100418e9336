package dev.kforge.dsl.output;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Sha256;
import java.util.Locale;

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
    private static final String SUFFIX = ".yaml";
    /** The longest file name Linux and macOS file systems take, in bytes (file names here are ASCII). */
    static final int MAX_FILE_NAME = 255;

    public ManifestFile {
        if (fileName == null || !fileName.endsWith(SUFFIX) || fileName.length() == SUFFIX.length() || fileName.charAt(0) == '.'
                || !isSafe(fileName) || fileName.contains("..")) {
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
        String safeName = !name.isEmpty() && isSafe(name) && !name.contains("..")
                ? name
                : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-").replace("..", "-") + "-" + Sha256.hex(name).substring(0, 6);
        int order = kind.applyOrder();
        // Not String.format: this runs for every file of every render.
        String prefix = (order < 10 ? "0" : "") + order + "-" + kind.kind().toLowerCase(Locale.ROOT) + "-";
        if (prefix.length() + safeName.length() + SUFFIX.length() > MAX_FILE_NAME) {
            // A name of up to 253 characters does not fit the 255 bytes of a file name with its prefix: shortened, with its hash.
            safeName = safeName.substring(0, MAX_FILE_NAME - prefix.length() - SUFFIX.length() - 7) + "-" + Sha256.hex(name).substring(0, 6);
        }
        return prefix + safeName + SUFFIX;
    }

    /** Only {@code [a-z0-9.-]}. */
    private static boolean isSafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
