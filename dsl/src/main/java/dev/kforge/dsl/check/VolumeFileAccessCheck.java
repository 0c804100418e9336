package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.FileMode;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.ProjectedSource;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.VolumeMount;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kubelet writes the files of Secret, ConfigMap, Downward API and projected volumes owned by root (group root), with the
 * mode asked. Only an fsGroup changes that: it becomes their group, which may then read them (0400 becomes 0440). Without one, a
 * mode that lets neither group nor others read (0400, 0600) leaves them root's alone, and a container that runs as another user
 * cannot read its certificate or key; with a runAsGroup other than root's, neither can a mode that only the group may read (0440).
 * A projected token is the exception: with a pod user, the kubelet makes it that user's. A file mount ({@code subPath}) is judged
 * on the file it mounts.
 */
final class VolumeFileAccessCheck implements StackCheck {
    static final String ID = "volume-file-access";
    /** The Kubernetes default mode of such files. */
    private static final FileMode DEFAULT_MODE = FileMode.of("0644");
    /** Group and others' read bits. */
    private static final int GROUP_OR_OTHERS_READ = 0044;
    /** Others' read bit. */
    private static final int OTHERS_READ = 0004;

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (Workload<?> workload : index.workloads()) {
            PodSecurity pod = workload.security();
            if (pod.fsGroup().isPresent()) {
                continue;
            }
            boolean podUser = pod.runAsUser().isPresent();
            // The files' group is root: a runAsGroup other than root's is not it, so only others' read bit lets the container read.
            boolean otherGroup = pod.runAsGroup().isPresent() && pod.runAsGroup().getAsLong() != 0;
            int readable = otherGroup ? OTHERS_READ : GROUP_OR_OTHERS_READ;
            String group = otherGroup ? " of group " + pod.runAsGroup().getAsLong() + " (runAsGroup), not root's" : "";
            for (ContainerDef container : workload.allContainers()) {
                boolean root = !container.security().runAsNonRoot() && (!podUser || pod.runAsUser().getAsLong() == 0);
                if (root) {
                    continue;
                }
                List<String> volumes = new ArrayList<>(); // a volume mounted at two paths is told once
                for (VolumeMount mount : container.mounts()) {
                    if (volumes.contains(mount.volume().name())) {
                        continue;
                    }
                    volumes.add(mount.volume().name());
                    List<String> unreadable = new ArrayList<>();
                    for (File file : files(mount.volume(), podUser)) {
                        if ((file.mode().bits() & readable) == 0 && mounted(container, mount.volume(), file.path())) {
                            unreadable.add(file.path() + " " + file.mode());
                        }
                    }
                    if (!unreadable.isEmpty()) {
                        problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, "container " + container.name()
                                        + " cannot read files of volume " + mount.volume().name() + ": the kubelet writes them owned by root, "
                                        + "and the container runs as a user other than root" + group + ", with no fsGroup to give its group read access",
                                String.join(", ", unreadable),
                                "Give the pods an fsGroup, withSecurity(PodSecurity.RESTRICTED.withUser(10001)) sets one (or .withFsGroup(gid)), so that the kubelet "
                                        + "lets that group read (0400 becomes 0440), or a mode others may read, FileMode.of(\"0444\")."));
                    }
                }
            }
        }
    }

    private record File(String path, FileMode mode) {
    }

    /**
     * Whether {@code container} mounts the file at {@code path} of {@code volume}: a whole mount of the volume takes in every
     * file, a file mount ({@code subPath}) only its own, or those under it.
     */
    private static boolean mounted(ContainerDef container, VolumeDef volume, String path) {
        return container.mounts().stream().filter(mount -> mount.volume().name().equals(volume.name())).anyMatch(mount -> mount.subPath()
                .map(file -> path.equals(file) || path.startsWith(file + "/")).orElse(true));
    }

    /** The files {@code volume} writes with their modes; none for volumes whose files the pods write themselves. */
    private static List<File> files(VolumeDef volume, boolean podUser) {
        List<File> files = new ArrayList<>();
        if (volume instanceof VolumeDef.FromSecret secret) {
            addKeys(files, secret.items(), secret.secret().keys(), secret.defaultMode());
        } else if (volume instanceof VolumeDef.FromConfigMap config) {
            addKeys(files, config.items(), config.configMap().data().keySet(), config.defaultMode());
        } else if (volume instanceof VolumeDef.DownwardApi downward) {
            addKeys(files, downward.files(), List.of(), downward.defaultMode());
        } else if (volume instanceof VolumeDef.Projected projected) {
            for (ProjectedSource source : projected.sources()) {
                if (source instanceof ProjectedSource.OfSecret secret) {
                    addKeys(files, secret.items(), secret.secret().keys(), projected.defaultMode());
                } else if (source instanceof ProjectedSource.OfConfigMap config) {
                    addKeys(files, config.items(), config.configMap().data().keySet(), projected.defaultMode());
                } else if (source instanceof ProjectedSource.OfDownwardApi downward) {
                    addKeys(files, downward.files(), List.of(), projected.defaultMode());
                } else if (source instanceof ProjectedSource.ServiceAccountToken token && !podUser) {
                    files.add(new File(token.path(), projected.defaultMode().orElse(DEFAULT_MODE)));
                }
            }
        }
        return files;
    }

    /** The items given, each with its mode or the volume's; or, where none is given, every key under its own name. */
    private static void addKeys(List<File> files, List<? extends VolumeDef.KeyFile<?>> items, Iterable<String> keys,
                                Optional<FileMode> defaultMode) {
        FileMode mode = defaultMode.orElse(DEFAULT_MODE);
        if (items.isEmpty()) {
            keys.forEach(key -> files.add(new File(key, mode)));
        }
        items.forEach(item -> files.add(new File(item.path(), item.mode().orElse(mode))));
    }
}
