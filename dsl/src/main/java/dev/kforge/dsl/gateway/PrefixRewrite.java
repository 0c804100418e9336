package dev.kforge.dsl.gateway;

import dev.kforge.dsl.core.InvalidDefinitionException;

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

    /**
     * Refuses a {@code rewrite} (not empty: that keeps the path) with a trailing '/' where {@code prefix} has none, or the other way
     * round: the rest of the path follows the rewrite as it is, so the segments glue together ({@code /api/} to {@code /v1}:
     * {@code /api/items} reaches the Service as {@code /v1items}) or the slash doubles ({@code /api} to {@code /v1/}: {@code /v1//items}).
     */
    static void requireRewriteFits(String subject, String prefix, String rewrite) {
        boolean prefixSlash = prefix.endsWith("/");
        if (rewrite.isEmpty() || prefixSlash == rewrite.endsWith("/")) {
            return;
        }
        String path = prefix + (prefixSlash ? "" : "/") + "items";
        String rule = (prefixSlash ? "must end with '/' as prefix " + prefix + " does" : "must not end with '/', as prefix " + prefix + " does not")
                + ": the rest of the path follows the rewrite as it is, so " + path + " reaches the Service as "
                + rewrite + path.substring(prefix.length());
        String hint = prefixSlash ? "Write withRewrite(\"" + rewrite + "/\")."
                : "Write prefix(\"" + prefix + "/\")" + (rewrite.equals("/") ? "" : ", or withRewrite(\"" + rewrite.substring(0, rewrite.length() - 1) + "\")") + ".";
        throw InvalidDefinitionException.invalid(subject, "rewrite", rewrite, rule, hint);
    }

    /** What happens to two requests under {@code prefix}, told of the {@code service} they reach. */
    static String example(String prefix, String service) {
        return prefix + "/items reaches " + service + " as //items, and " + prefix + "x matches too, as /x";
    }
}
