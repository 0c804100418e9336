package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Workload;
import java.util.OptionalLong;

/**
 * A container under {@code runAsNonRoot} whose pods set no {@code runAsUser} starts as its image's user, which the kubelet
 * verifies first: it refuses an image that runs as root, or as a user by name, with CreateContainerConfigError, and the pod
 * never starts. kforge cannot read images; {@link OfficialImageUsers} knows the well-known official ones.
 */
final class ImageUserCheck implements StackCheck {
    static final String ID = "image-user";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (Workload<?> workload : index.workloads()) {
            if (workload.security().runAsUser().isPresent()) {
                continue; // the kubelet then judges that id, which the DSL keeps above 0
            }
            for (ContainerDef container : workload.allContainers()) {
                // The container's runAsNonRoot, always written, is the one the kubelet enforces for it.
                if (!container.security().runAsNonRoot()) {
                    continue;
                }
                Image image = container.image();
                OfficialImageUsers.of(image).ifPresent(user -> problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload,
                        "container " + container.name() + " runs image " + image + ", " + whyRefused(user, image)
                                + ": under runAsNonRoot without a runAsUser the kubelet refuses to start it, so the pod never starts",
                        user.refusalOf(image).kubeletMessage(user.user().orElse("")), fix(user, image))));
            }
        }
    }

    private static String whyRefused(OfficialImageUsers.ImageUser user, Image image) {
        return user.refusalOf(image) == OfficialImageUsers.Refusal.ROOT ? "which runs as root"
                : "which runs as user " + user.user().orElseThrow() + ", a name the kubelet cannot tell from root";
    }

    private static String fix(OfficialImageUsers.ImageUser user, Image image) {
        if (user.user().isEmpty()) {
            return "Run the pods as a user of your choice, withSecurity(PodSecurity.RESTRICTED.withUser(10001)); the image must then work "
                    + "as that user (write only to the pods' volumes, bind no port below 1024), or use an image built to run as non-root.";
        }
        String name = user.user().get();
        OptionalLong uid = user.uidOf(image);
        String setting = uid.isPresent()
                ? ": withSecurity(PodSecurity.RESTRICTED.withUser(" + uid.getAsLong() + "))"
                : ", by the id `id -u " + name + "` prints in the image (" + knownIds(user) + "): withSecurity(PodSecurity.RESTRICTED.withUser(<id>))";
        return "Run the pods as the image's own user " + name + setting + ". The image must then work as that user: withUser sets fsGroup "
                + "to the same id too, which makes the pods' volumes, such as a data directory, writable by it.";
    }

    /** The ids of the user in the variants known: {@code 999, or 70 in its alpine variant}, or {@code 999 in its variants other than debian}. */
    private static String knownIds(OfficialImageUsers.ImageUser user) {
        String variant = user.variant().orElseThrow();
        return user.variantUid().isPresent()
                ? user.uid().getAsLong() + ", or " + user.variantUid().getAsLong() + " in its " + variant + " variant"
                : user.uid().getAsLong() + " in its variants other than " + variant;
    }
}
