package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference: repository, and a tag and/or a digest.
 *
 * @param repository e.g. {@code eon01/tgr} or {@code registry.example.com:5000/team/app}
 * @param tag        e.g. {@code 1.1.0}; empty when the reference has none
 * @param digest     e.g. {@code sha256:...}; empty when the reference has none
 */
public record Image(String repository, Optional<String> tag, Optional<String> digest) {
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String LABEL = "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?";
    /** As Docker reads a reference: the first part is a registry only with a '.', a port or as localhost; else it is a path component. */
    private static final String REGISTRY = "(?:localhost|" + LABEL + "(?:\\." + LABEL + ")+|" + LABEL + "(?=:))(?::[0-9]+)?";
    private static final Pattern REPOSITORY = Pattern.compile("(?:" + REGISTRY + "/)?" + COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    /** A part of a tag that is a git commit id, 7 to 40 hexadecimal digits ({@code sha-deadbee}). */
    private static final Pattern COMMIT_ID = Pattern.compile("(?<![A-Za-z0-9])[a-f0-9]{7,40}(?![A-Za-z0-9])");
    /** Eight digits or more: a date or a timestamp (20240115, 202401151230). */
    private static final Pattern DATE = Pattern.compile("[0-9]{8,}");
    /** A word of a tag that names a build its publisher replaces: a Maven snapshot, a nightly, latest with a variant. */
    private static final Pattern MOVING_BUILD = Pattern.compile("(?i)(?<![A-Za-z])(snapshot|nightly|latest)(?![A-Za-z])");
    /** Repositories, as Docker Hub's official images are named, whose releases have two numbers. */
    private static final Set<String> TWO_NUMBER_RELEASES = Set.of("postgres");
    /** Docker Hub's names, which a repository may start with. */
    private static final List<String> DOCKER_HUB = List.of("docker.io/", "index.docker.io/", "registry-1.docker.io/");
    private static final Pattern REFERENCE = Pattern.compile("([^@]+?)(?::([^:/@]+))?(?:@(.+))?");

    public Image {
        if (repository == null || !REPOSITORY.matcher(repository).matches()) {
            // A ':' after the last '/' is a tag: given twice to parse, or inside the repository given to of().
            boolean holdsTag = repository != null && repository.indexOf(':', repository.lastIndexOf('/') + 1) >= 0;
            throw InvalidDefinitionException.invalid("Image", "repository", repository,
                    "must be [registry[:port]/]path with lowercase path components", holdsTag
                            ? "It holds a tag: give one tag, as Image.of(\"eon01/tgr\", \"1.1.0\") or Image.parse(\"eon01/tgr:1.1.0\")."
                            : "For example \"eon01/tgr\".");
        }
        tag.ifPresent(t -> {
            if (!TAG.matcher(t).matches()) {
                throw InvalidDefinitionException.invalid("Image " + repository, "tag", t,
                        "must be letters, digits, '_', '.' or '-', at most 128, not starting with '.' or '-'", "For example \"1.1.0\".");
            }
        });
        digest.ifPresent(d -> {
            if (!DIGEST.matcher(d).matches()) {
                throw InvalidDefinitionException.invalid("Image " + repository, "digest", d,
                        "must be sha256: followed by 64 lowercase hex digits", "");
            }
        });
    }

    /** An image pinned by tag, e.g. {@code Image.of("eon01/tgr", "1.1.0")}. */
    public static Image of(String repository, String tag) {
        if (tag == null) {
            throw new InvalidDefinitionException("Image " + repository + ": tag is missing (null). Pin a version, e.g. \"1.1.0\".");
        }
        if (tag.isEmpty()) {
            throw InvalidDefinitionException.invalid("Image " + repository, "tag", tag, "must not be empty", "Pin a version, e.g. \"1.1.0\".");
        }
        return new Image(repository, Optional.of(tag), Optional.empty());
    }

    /** Parses {@code repository[:tag][@digest]}. */
    public static Image parse(String reference) {
        if (reference != null && (reference.endsWith(":") || reference.endsWith("@"))) {
            throw InvalidDefinitionException.invalid("Image " + reference.substring(0, reference.length() - 1),
                    reference.endsWith(":") ? "tag" : "digest", "", "must not be empty", "Pin a version, e.g. \"1.1.0\".");
        }
        Matcher matcher = reference == null ? null : REFERENCE.matcher(reference);
        if (matcher == null || !matcher.matches()) {
            throw InvalidDefinitionException.invalid("Image", "reference", reference,
                    "must be repository[:tag][@digest]", "For example \"eon01/tgr:1.1.0\".");
        }
        return new Image(matcher.group(1), Optional.ofNullable(matcher.group(2)), Optional.ofNullable(matcher.group(3)));
    }

    /**
     * Whether the tag is a major or major.minor version ({@code 1}, {@code v1.2}), alone or with a variant
     * ({@code 7-alpine}, {@code 3.11-slim}): a release line, which its publisher moves to every patch release. Where
     * {@link #releasesHaveTwoNumbers releases have two numbers}, only the major is ({@code postgres:16}, not {@code postgres:16.4}).
     */
    public boolean tagNamesAReleaseLine() {
        if (tag.isEmpty()) {
            return false;
        }
        String version = versionOf(tag.get());
        // The repository is read only for a tag that is a line by the usual numbering (checks ask for every container).
        return isReleaseLine(version, false) && (!releasesHaveTwoNumbers() || isReleaseLine(version, true));
    }

    /**
     * Whether the publisher numbers its releases with two numbers, so that {@code 16.4} is a release and {@code 16} its line: the
     * official PostgreSQL image (PostgreSQL 10 and later; 9.6 was a line of 9.6.24).
     */
    public boolean releasesHaveTwoNumbers() {
        return officialName().filter(TWO_NUMBER_RELEASES::contains).isPresent();
    }

    /**
     * The name of the Docker Hub official image this is ({@code postgres} of {@code postgres}, {@code docker.io/postgres},
     * {@code docker.io/library/postgres} or {@code library/postgres}); empty for another namespace ({@code bitnami/postgresql})
     * or registry ({@code registry.example.com/postgres}).
     */
    public Optional<String> officialName() {
        String pulled = pulledRepository();
        String library = "docker.io/library/";
        return pulled.startsWith(library) && pulled.indexOf('/', library.length()) < 0
                ? Optional.of(pulled.substring(library.length())) : Optional.empty();
    }

    /**
     * The repository as a container runtime pulls it: a Docker Hub name in full ({@code postgres}, {@code library/postgres} and
     * {@code index.docker.io/library/postgres} are {@code docker.io/library/postgres}; {@code eon01/tgr} is
     * {@code docker.io/eon01/tgr}), another registry's as written.
     */
    public String pulledRepository() {
        String name = repository;
        for (String registry : DOCKER_HUB) {
            if (name.startsWith(registry)) {
                name = name.substring(registry.length());
                break;
            }
        }
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        // A registry is the first part only with a '.', a port or as localhost (as officialName reads it).
        if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
            return name;
        }
        return "docker.io/" + (slash < 0 ? "library/" : "") + name;
    }

    /**
     * Whether the tag is one its publisher moves although it is no release line: it names no version at all ({@code stable},
     * {@code alpine}, {@code bookworm}; a commit id is a version, digits or not: {@code sha-deadbee}), or a moving build
     * ({@code 1.0.0-SNAPSHOT}, {@code nightly-2}, {@code latest-alpine}).
     */
    public boolean tagMoves() {
        if (tag.isEmpty()) {
            return false;
        }
        String text = tag.get();
        boolean noVersion = text.chars().noneMatch(c -> c >= '0' && c <= '9') && !COMMIT_ID.matcher(text).find();
        // A nightly or snapshot that names its date or commit (nightly-20240101, snapshot-abc1234) is that build, pinned.
        boolean dated = DATE.matcher(text).find() || COMMIT_ID.matcher(text).find();
        return noVersion || MOVING_BUILD.matcher(text).find() && !dated;
    }

    /** The version of a tag without its variant: {@code 7} of {@code 7-alpine}; a date's dashes ({@code 2024-01-15}) are kept. */
    public static String versionOf(String tag) {
        int dash = tag.indexOf('-');
        return dash > 0 && dash + 1 < tag.length() && Character.isLetter(tag.charAt(dash + 1)) ? tag.substring(0, dash) : tag;
    }

    private static boolean isReleaseLine(String version, boolean twoNumberReleases) {
        // 1.x and 1.2.x name a line in words.
        String text = version;
        while (text.endsWith(".x") || text.endsWith(".X")) { // 1.x.x too
            text = text.substring(0, text.length() - 2);
        }
        int dots = 0;
        boolean digit = false;
        int majorDigits = 0;
        long major = 0;
        for (int i = text.startsWith("v") ? 1 : 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' && digit) {
                dots++;
                digit = false;
            } else if (c >= '0' && c <= '9') {
                digit = true;
                if (dots == 0 && majorDigits++ < 8) {
                    major = major * 10 + (c - '0');
                }
            } else {
                return false;
            }
        }
        // Eight digits or more are a date or a timestamp (20240115, 202401151230), a build of its own, not a major version.
        return digit && majorDigits < 8 && (dots == 0 || dots == 1 && !(twoNumberReleases && major >= 10));
    }

    /** The reference as the container spec writes it. */
    public String reference() {
        return repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }

    @Override
    public String toString() {
        return reference();
    }
}
