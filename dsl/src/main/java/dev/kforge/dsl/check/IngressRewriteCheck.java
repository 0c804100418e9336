package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.IngressPath;
import dev.kforge.dsl.network.IngressRule;
import dev.kforge.dsl.network.PathType;
import dev.kforge.dsl.stack.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * ingress-nginx's rewrite-target replaces the whole request path, not the matched prefix: what a request
 * keeps of its path must be captured by the path's regular expression and named as {@code $1}, {@code $2}
 * (since ingress-nginx 0.22). A constant target, or a {@code $n} the path does not capture, sends every
 * request under a prefix to one path of the backend: {@code /cart/items} reaches it as {@code /}. A
 * warning: a backend that serves one page for every path may want exactly that.
 */
final class IngressRewriteCheck implements StackCheck {
    static final String INGRESS_REWRITE = "ingress-rewrite";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (IngressDef ingress : index.all(IngressDef.class)) {
            String target = ingress.meta().annotations().entries().get(IngressDef.REWRITE_TARGET);
            if (target == null) {
                continue;
            }
            int highestGroup = highestGroupReference(target);
            List<String> collapsed = new ArrayList<>();
            String example = null;
            String prefix = null;
            boolean exactCollapsed = false;
            for (IngressRule rule : ingress.rules()) {
                for (IngressPath path : rule.paths()) {
                    int captured = capturedGroups(path);
                    boolean below = hasPathsBelow(path);
                    if (highestGroup > captured || highestGroup == 0 && below) {
                        collapsed.add(path.path() + " " + path.type().apiValue() + (captured > 0 ? " (captures " + captured + ")" : ""));
                        exactCollapsed |= highestGroup == 0 && path.type() == PathType.EXACT;
                        if (example == null) {
                            example = below ? example(path, target) : null;
                        }
                        if (prefix == null && !literalPrefix(path).isEmpty()) {
                            prefix = literalPrefix(path);
                        }
                    }
                }
            }
            if (collapsed.isEmpty()) {
                continue;
            }
            String why = highestGroup == 0
                    ? "rewrite-target \"" + target + "\" sends every request under a path to that one path: ingress-nginx replaces the "
                    + "whole request path, not the matched prefix" + (exactCollapsed ? ", and an Exact path too: ingress-nginx reads every "
                    + "path of a host that an Ingress rewrites as a regular expression from its start" : "")
                    : "rewrite-target \"" + target + "\" names capture group $" + highestGroup + ", which a path does not capture: "
                    + "ingress-nginx writes an empty string for it";
            problems.add(Problem.of(INGRESS_REWRITE, Severity.WARNING, stack.describe(), ingress,
                    why + (example == null ? "" : " (" + example + ")"), String.join(", ", collapsed),
                    "To strip a prefix, capture what follows it and name the group: IngressPath.implementationSpecific(\"" + (prefix == null ? "/cart" : prefix) + "(/|$)(.*)\", "
                            + "backend) with withRewriteTarget(\"/$2\"). The annotation applies to every "
                            + "path of the Ingress: route paths that need another rewrite, or none, from an Ingress of their own."));
        }
    }

    /**
     * Whether requests for paths below {@code path} match it. Under a rewrite ingress-nginx writes every path of the host as
     * {@code ~* "^<path>"}, an Exact one too; only a regular expression of a literal path ended by '$' ({@code /health$})
     * matches that path alone.
     */
    private static boolean hasPathsBelow(IngressPath path) {
        String text = path.path();
        return !(path.type() == PathType.IMPLEMENTATION_SPECIFIC && text.endsWith("$") && literalEnd(text) == text.length() - 1);
    }

    /** What a request under {@code path} becomes: {@code a request for /cart/items reaches Service cart as /}. */
    private static String example(IngressPath path, String target) {
        String below = literalPrefix(path) + "/items";
        return "a request for " + below + " reaches Service " + path.backend().service().name() + " as "
                + target.replaceAll("\\$[0-9]", "");
    }

    /**
     * What a request's path starts with to match {@code path}, without a trailing '/': a plain path itself, and of a regular
     * expression the text before its first special character ({@code /checkout} of {@code /checkout(/|$)(.*)}).
     */
    static String literalPrefix(IngressPath path) {
        String literal = path.path();
        if (path.type() == PathType.IMPLEMENTATION_SPECIFIC) {
            literal = literal.substring(0, literalEnd(literal));
        }
        return literal.endsWith("/") ? literal.substring(0, literal.length() - 1) : literal;
    }

    /** Where the first special character of the regular expression {@code path} is; its length when it has none. */
    private static int literalEnd(String path) {
        int end = 0;
        while (end < path.length() && "\\^$.|?*+()[]{}".indexOf(path.charAt(end)) < 0) {
            end++;
        }
        return end;
    }

    /** The highest {@code $n} in {@code target}, 0 when it names none. */
    static int highestGroupReference(String target) {
        int highest = 0;
        for (int i = 0; i + 1 < target.length(); i++) {
            char next = target.charAt(i + 1);
            if (target.charAt(i) == '$' && next >= '0' && next <= '9') {
                highest = Math.max(highest, next - '0');
            }
        }
        return highest;
    }

    /**
     * The capture groups of a path: ingress-nginx reads an ImplementationSpecific path as a regular expression (its
     * PCRE groups count as Java's do for the paths one writes), and a Prefix or Exact path, plain, captures none.
     */
    static int capturedGroups(IngressPath path) {
        if (path.type() != PathType.IMPLEMENTATION_SPECIFIC) {
            return 0;
        }
        try {
            return Pattern.compile(path.path()).matcher("").groupCount();
        } catch (PatternSyntaxException e) {
            return 0;
        }
    }
}
