package dev.kforge.dsl.check;

import dev.kforge.dsl.workload.Image;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Docker Hub official images whose own user the kubelet refuses under {@code runAsNonRoot} without a {@code runAsUser}
 * (kubelet {@code verifyRunAsNonRoot}): those that run as root, and those whose {@code USER} is a name, which it cannot
 * tell from root. kforge cannot read an image, so this holds the well-known ones, read from their Dockerfiles in the
 * docker-library repositories (redis/docker-library-redis for redis); another image is not judged.
 */
final class OfficialImageUsers {
    /** What the kubelet reads of the image's user. */
    enum Refusal {
        ROOT("container has runAsNonRoot and image will run as root"),
        NON_NUMERIC_USER("container has runAsNonRoot and image has non-numeric user (%s), cannot verify user is non-root");

        private final String kubeletMessage;

        Refusal(String kubeletMessage) {
            this.kubeletMessage = kubeletMessage;
        }

        /** The kubelet's CreateContainerConfigError message for an image of user {@code user}. */
        String kubeletMessage(String user) {
            return kubeletMessage.formatted(user);
        }
    }

    /**
     * One image's user.
     *
     * @param refusal     why the kubelet refuses it: its image runs as root, or as a user by name
     * @param user        the non-root user its entrypoint switches to or its docs name; empty when it has none
     * @param uid         that user's id in the image
     * @param variant     a word of the tag naming a variant whose user has another id ({@code alpine}); empty when none has
     * @param variantUid  the user's id in that variant; empty when not known for certain
     * @param rootBefore  the first release whose image has its {@code USER} ({@code 2.4} of haproxy), before which it runs as root
     */
    record ImageUser(Refusal refusal, Optional<String> user, OptionalLong uid, Optional<String> variant,
                     OptionalLong variantUid, Optional<String> rootBefore) {

        /** Why the kubelet refuses {@code image}: as root for a release older than {@link #rootBefore} its tag names. */
        Refusal refusalOf(Image image) {
            return rootBefore.isPresent() && image.tag().isPresent() && olderThan(Image.versionOf(image.tag().get()), rootBefore.get())
                    ? Refusal.ROOT : refusal;
        }

        /** The user's id in {@code image}: empty without a user, or when its tag (or a digest alone) leaves the variant unknown. */
        OptionalLong uidOf(Image image) {
            if (variant.isEmpty()) {
                return uid;
            }
            if (image.tag().isEmpty()) {
                return OptionalLong.empty();
            }
            return image.tag().get().contains(variant.get()) ? variantUid : uid;
        }
    }

    private static final Map<String, ImageUser> IMAGES = Map.ofEntries(
            // The entrypoints start as root and switch to their user (gosu); the Dockerfiles create it with a fixed id.
            Map.entry("postgres", switchingTo("postgres", 999, "alpine", OptionalLong.of(70))),
            Map.entry("redis", switchingTo("redis", 999)),
            Map.entry("mongo", switchingTo("mongodb", 999)),
            // mysql's Oracle Linux images create mysql as 999; its -debian ones are not known here for certain.
            Map.entry("mysql", switchingTo("mysql", 999, "debian", OptionalLong.empty())),
            Map.entry("mariadb", switchingTo("mysql", 999)),
            // node runs as root; its docs tell a team to run as the image's node user (USER node).
            Map.entry("node", switchingTo("node", 1000)),
            // USER is a name: the kubelet cannot verify it is not root.
            Map.entry("memcached", named("memcache", 11211, Optional.empty())),
            Map.entry("haproxy", named("haproxy", 99, Optional.of("2.4"))),
            // Root, with no user of their own.
            Map.entry("nginx", root()),
            Map.entry("httpd", root()),
            Map.entry("python", root()),
            Map.entry("busybox", root()),
            Map.entry("alpine", root()),
            Map.entry("debian", root()),
            Map.entry("ubuntu", root()));

    private OfficialImageUsers() {
    }

    /** Whether {@code version} ({@code 2.2}, {@code 2.2.30}) names a release before {@code first} ({@code 2.4}); a tag of no numbers does not. */
    private static boolean olderThan(String version, String first) {
        String[] parts = version.split("\\.");
        String[] firstParts = first.split("\\.");
        for (int i = 0; i < firstParts.length; i++) {
            if (i >= parts.length || !parts[i].matches("[0-9]{1,6}")) {
                return false;
            }
            int part = Integer.parseInt(parts[i]);
            int firstPart = Integer.parseInt(firstParts[i]);
            if (part != firstPart) {
                return part < firstPart;
            }
        }
        return false;
    }

    /** The user of {@code image} if it is one of the official images above, with any tag or digest. */
    static Optional<ImageUser> of(Image image) {
        return image.officialName().map(IMAGES::get);
    }

    private static ImageUser switchingTo(String user, long uid) {
        return new ImageUser(Refusal.ROOT, Optional.of(user), OptionalLong.of(uid), Optional.empty(), OptionalLong.empty(),
                Optional.empty());
    }

    private static ImageUser switchingTo(String user, long uid, String variant, OptionalLong variantUid) {
        return new ImageUser(Refusal.ROOT, Optional.of(user), OptionalLong.of(uid), Optional.of(variant), variantUid, Optional.empty());
    }

    private static ImageUser named(String user, long uid, Optional<String> rootBefore) {
        return new ImageUser(Refusal.NON_NUMERIC_USER, Optional.of(user), OptionalLong.of(uid), Optional.empty(), OptionalLong.empty(),
                rootBefore);
    }

    private static ImageUser root() {
        return new ImageUser(Refusal.ROOT, Optional.empty(), OptionalLong.empty(), Optional.empty(), OptionalLong.empty(),
                Optional.empty());
    }
}
