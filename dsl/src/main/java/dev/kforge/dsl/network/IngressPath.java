package dev.kforge.dsl.network;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.PathHints;
import java.util.regex.Pattern;

/** A path of an Ingress rule and the Service port that serves it. */
public record IngressPath(String path, PathType type, ServiceBackend backend) {
    private static final Pattern NOT_A_PLAIN_PATH = Pattern.compile("//|[\\s{}|\\\\^~\\[\\]`;]");
    public IngressPath {
        Given.value("IngressPath " + path, "backend", backend);
        if (path == null || !path.startsWith("/")) {
            throw InvalidDefinitionException.invalid("IngressPath", "path", path, "must start with '/'",
                    PathHints.leadingSlash(path, "For example \"/\" or \"/api\"."));
        }
        if (type != PathType.IMPLEMENTATION_SPECIFIC && path.contains("*")) {
            // A glob of another controller (GCE's "/api/*"): ingress-nginx and the API read it as the character.
            String prefix = path.substring(0, path.length() - 1);
            boolean trailing = path.indexOf('*') == path.length() - 1 && prefix.endsWith("/");
            String written = prefix.length() > 1 ? prefix.substring(0, prefix.length() - 1) : "/";
            throw InvalidDefinitionException.invalid("IngressPath", "path", path, "must be a plain URL path for pathType " + type.apiValue()
                    + ", where '*' matches only itself", trailing && type == PathType.PREFIX
                    ? "A Prefix path matches every path under it already: write \"" + written + "\"."
                    : "Use PathType.IMPLEMENTATION_SPECIFIC for the controller's patterns (ingress-nginx: a regular expression).");
        }
        if (type != PathType.IMPLEMENTATION_SPECIFIC && path.contains("?")) {
            throw InvalidDefinitionException.invalid("IngressPath", "path", path, "must be a plain URL path for pathType " + type.apiValue()
                    + ", without a query: a query string is not part of the path matched", "Write \"" + path.substring(0, path.indexOf('?')) + "\".");
        }
        if (type != PathType.IMPLEMENTATION_SPECIFIC && NOT_A_PLAIN_PATH.matcher(path).find()) {
            throw InvalidDefinitionException.invalid("IngressPath", "path", path,
                    "must be a plain URL path for pathType " + type.apiValue(), "Use PathType.IMPLEMENTATION_SPECIFIC for regular expressions.");
        }
    }

    /** Everything under {@code path}. */
    public static IngressPath prefix(String path, ServiceBackend backend) {
        return new IngressPath(path, PathType.PREFIX, backend);
    }

    /**
     * {@code path} as the Ingress controller reads it: for ingress-nginx a regular expression, e.g. {@code "/cart(/|$)(.*)"}
     * with {@code withRewriteTarget("/$2")} to strip the prefix.
     */
    public static IngressPath implementationSpecific(String path, ServiceBackend backend) {
        return new IngressPath(path, PathType.IMPLEMENTATION_SPECIFIC, backend);
    }

    /** Exactly {@code path}. */
    public static IngressPath exact(String path, ServiceBackend backend) {
        return new IngressPath(path, PathType.EXACT, backend);
    }
}
