package dev.kforge.dsl.diff;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.workload.Image;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A field that may differ between environments, as a stack declares it: a kind, an object name ({@code *} for any) and the
 * fields, either by a path pattern, where {@code *} matches within one segment and {@code **} across segments (the empty
 * pattern stands for the object's presence), or as a container's image that may differ in its version only.
 * A class, not a record: the pattern is compiled once, where it is declared, not for every difference it is asked about.
 */
public final class AllowedDifference {
    private final Kind kind;
    private final String name;
    private final Pattern path;
    /** Whether the field is an image that may differ in its tag and digest only, not in its registry or repository. */
    private final boolean versionOnly;

    private AllowedDifference(Kind kind, String name, Pattern path, boolean versionOnly) {
        this.kind = kind;
        this.name = name;
        this.path = path;
        this.versionOnly = versionOnly;
    }

    /** {@code field(Kind.DEPLOYMENT, "tgr", "spec.replicas")}. */
    public static AllowedDifference field(Kind kind, String name, String pathPattern) {
        if (pathPattern == null) {
            throw nameAndPathRequired(kind);
        }
        return new AllowedDifference(kind, checkedName(kind, name), toRegex(pathPattern), false);
    }

    /** The object itself may exist in one environment only. */
    public static AllowedDifference presence(Kind kind, String name) {
        return field(kind, name, "");
    }

    /**
     * The image of the container (or init container) {@code container} may differ in its version, its tag and digest, and
     * nothing else: every environment pulls the same registry and repository, as a promotion promotes one image.
     * {@code imageVersion(Kind.DEPLOYMENT, "tgr", "tgr")}.
     */
    public static AllowedDifference imageVersion(Kind kind, String name, String container) {
        if (container == null || container.isEmpty()) {
            throw InvalidDefinitionException.invalid("AllowedDifference " + kind + " " + name, "container", container,
                    "is required", "Name the container whose image's version may differ, e.g. \"tgr\".");
        }
        // Under any pod template (a Deployment's, a CronJob's job template's): container names are unique across a pod's lists.
        Pattern image = Pattern.compile("(?:.*\\.)?(?:containers|initContainers)\\[" + Pattern.quote(container) + "\\]\\.image");
        return new AllowedDifference(kind, checkedName(kind, name), image, true);
    }

    private static String checkedName(Kind kind, String name) {
        if (name == null || name.isEmpty()) {
            throw nameAndPathRequired(kind);
        }
        return name;
    }

    private static InvalidDefinitionException nameAndPathRequired(Kind kind) {
        return new InvalidDefinitionException("AllowedDifference " + kind
                + ": name and path pattern are required (use \"*\" and \"\" for any name and the whole object).");
    }

    public boolean allows(FieldDifference difference) {
        return covers(difference) && (!versionOnly || sameRepository(difference.from(), difference.to()));
    }

    /**
     * Whether this declares {@code difference}'s field, in both environments, an image that may differ in its version only:
     * where it does not {@link #allows allow} the difference, the image's registry or repository differs.
     */
    public boolean limitsToImageVersion(FieldDifference difference) {
        return versionOnly && difference.from().isPresent() && difference.to().isPresent() && covers(difference);
    }

    private boolean covers(FieldDifference difference) {
        return kind.kind().equals(difference.kind())
                && (name.equals("*") || name.equals(difference.name()))
                && path.matcher(difference.path()).matches();
    }

    /** Both values are image references of one registry and repository, as the runtime pulls them ({@code x} is {@code docker.io/library/x}). */
    private static boolean sameRepository(Optional<String> from, Optional<String> to) {
        if (from.isEmpty() || to.isEmpty()) {
            return false; // the container is in one environment only: more than its version differs
        }
        try {
            return Image.parse(from.get()).pulledRepository().equals(Image.parse(to.get()).pulledRepository());
        } catch (InvalidDefinitionException notAnImage) {
            return false; // a raw edit's value, or a redacted one: no version of one image that can be told
        }
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
