package dev.kforge.dsl.gateway;

/**
 * Ambassador and Emissary replace a Mapping's prefix with its rewrite, {@code "/"} by default, and match the prefix as
 * characters, not path segments: a prefix without a trailing '/' then doubles the slash of every path under it and takes
 * the paths that merely start like it.
 */
final class PrefixRewrite {
    private PrefixRewrite() {
    }

    /** Whether {@code prefix} under the default rewrite breaks the paths under it: any prefix but "/" without a trailing '/'. */
    static boolean breaksPaths(String prefix) {
        return !prefix.endsWith("/");
    }

    /** What happens to two requests under {@code prefix}, told of the {@code service} they reach. */
    static String example(String prefix, String service) {
        return prefix + "/items reaches " + service + " as //items, and " + prefix + "x matches too, as /x";
    }
}
