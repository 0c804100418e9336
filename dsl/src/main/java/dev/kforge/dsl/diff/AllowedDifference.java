package dev.kforge.dsl.diff;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import java.util.regex.Pattern;

/**
 * A field that may differ between environments, as a stack declares it: a kind, an object name
 * ({@code *} for any) and a path pattern where {@code *} matches within one segment and
 * {@code **} across segments; the empty pattern stands for the object's presence.
 */
public record AllowedDifference(Kind kind, String name, String pathPattern) {

    public AllowedDifference {
        if (pathPattern == null || name == null || name.isEmpty()) {
            throw new InvalidDefinitionException("AllowedDifference " + kind + ": name and path pattern are required (use \"*\" and \"\" for any name and the whole object).");
        }
    }

    /** {@code field(Kind.DEPLOYMENT, "tgr", "spec.replicas")}. */
    public static AllowedDifference field(Kind kind, String name, String pathPattern) {
        return new AllowedDifference(kind, name, pathPattern);
    }

    /** The object itself may exist in one environment only. */
    public static AllowedDifference presence(Kind kind, String name) {
        return new AllowedDifference(kind, name, "");
    }

    public boolean allows(FieldDifference difference) {
        return kind.kind().equals(difference.kind())
                && (name.equals("*") || name.equals(difference.name()))
                && toRegex(pathPattern).matcher(difference.path()).matches();
    }

    private static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^.\\[\\]]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
