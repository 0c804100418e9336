package dev.kforge.dsl.output;

import dev.kforge.dsl.core.Kind;
import java.util.Locale;

/**
 * One rendered file: {@code <applyOrder>-<kind>-<name>.yaml}, so that {@code ls} order (and so
 * {@code kubectl apply -f dir}) creates namespaces before what lives in them, accounts and roles
 * before workloads, and Services before the Ingresses that route to them.
 *
 * @param fileName the file's name within the environment's folder
 * @param kind     the kind of the object in it
 * @param name     the object's name
 * @param content  the YAML, ending in one newline
 */
public record ManifestFile(String fileName, Kind kind, String name, String content) {

    public static ManifestFile of(Kind kind, String name, String content) {
        return new ManifestFile(fileName(kind, name), kind, name, content);
    }

    static String fileName(Kind kind, String name) {
        String safeName = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        return String.format(Locale.ROOT, "%02d-%s-%s.yaml", kind.applyOrder(), kind.kind().toLowerCase(Locale.ROOT), safeName);
    }
}
