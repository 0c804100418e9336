package dev.kforge.dsl.check;

import dev.kforge.dsl.check.ContainerDefaults.Field;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PullPolicy;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Per container: a pinned image that the node may pull, requests and limits (its own or a LimitRange's), both probes, and not the same one twice; bounded scratch volumes, in memory bounded within the memory limits. */
final class ContainerPolicyCheck implements StackCheck {
    /** The other fix of a memory-backed emptyDir: its files then count against no memory limit. */
    private static final String ON_DISK = "or back the volume by the node's disk (without backedByMemory()).";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        // What the namespace's LimitRanges give a container counts as set: the API server sets it.
        ContainerDefaults defaults = index.containerDefaults();
        for (Workload<?> workload : index.workloads()) {
            checkScratchVolumes(stack, workload, defaults, problems);
            checkMemoryVolumes(stack, workload, defaults, problems);
            List<ContainerDef> containers = workload.allContainers();
            int initContainers = workload.initContainers().size();
            for (int i = 0; i < containers.size(); i++) {
                ContainerDef container = containers.get(i);
                String subject = "container " + container.name();
                Image image = container.image();
                if (image.digest().isEmpty() && (image.tag().map(tag -> tag.equals("latest")).orElse(true) || image.tagMoves())) {
                    PolicyReporter.reportOn(stack, workload, container, PolicyCheck.IMAGE_TAG,
                            subject + " runs an image without a pinned tag", image.reference(),
                            "Pin a version, e.g. Image.of(\"" + image.repository() + "\", \"1.2.3\"), or a digest.", problems);
                } else if (image.digest().isEmpty() && image.tagNamesAReleaseLine()) {
                    PolicyReporter.reportOn(stack, workload, container, PolicyCheck.IMAGE_TAG,
                            subject + " runs an image whose tag names a release line, which its publisher moves to each new release",
                            image.reference(),
                            pinningHint(image), problems);
                }
                if (container.pullPolicy() == PullPolicy.NEVER) {
                    PolicyReporter.reportOn(stack, workload, container, PolicyCheck.IMAGE_TAG,
                            subject + " never pulls its image, so it starts only on a node that already holds that image, as a node "
                                    + "loaded by hand does: on every other node, a new one included, the pod fails with ErrImageNeverPull",
                            "imagePullPolicy: Never, " + image.reference(),
                            "Drop withPullPolicy(PullPolicy.NEVER): the default, IfNotPresent, pulls a pinned image once per node.", problems);
                }
                List<String> missing = missingResources(container.resources(), defaults);
                if (!missing.isEmpty()) {
                    PolicyReporter.reportOn(stack, workload, container, PolicyCheck.RESOURCES,
                            subject + " has no " + String.join(", ", missing), "resources: " + describe(container.resources()),
                            "Set them with withResources(Resources.requests(cpu, memory).withCpuLimit(..).withMemoryLimit(..)).", problems);
                }
                if (!workload.runsUntilReplaced() || i < initContainers) {
                    continue; // a job's pods and init containers run to completion: nothing routes to them
                }
                // A container that declares no port serves nothing a Service could route to: its readiness would only gate
                // the pod's (a worker, a Vault agent, a log shipper); whether it still works is asked of every container.
                boolean readinessAsked = !container.ports().isEmpty();
                List<String> probes = new ArrayList<>();
                if (readinessAsked && container.readinessProbe().isEmpty()) {
                    probes.add("readinessProbe");
                }
                if (container.livenessProbe().isEmpty()) {
                    probes.add("livenessProbe");
                }
                int asked = readinessAsked ? 2 : 1;
                if (!probes.isEmpty()) {
                    PolicyReporter.reportOn(stack, workload, container, PolicyCheck.PROBES,
                            subject + " has no " + String.join(" and no ", probes), "probes: " + (asked - probes.size()) + " of " + asked,
                            probesHint(container, readinessAsked, probes), problems);
                } else if (container.readinessProbe().isPresent()
                        && container.livenessProbe().get().action().sameAs(container.readinessProbe().get().action())) {
                    PolicyReporter.reportOn(stack, workload, container, PolicyCheck.PROBES,
                            subject + " probes liveness as it probes readiness, so a pod too busy to be ready is restarted too, "
                                    + "which turns a load peak into an outage", container.livenessProbe().get().action().describe(),
                            "Let the liveness probe check only that the process works (an endpoint that calls no dependency), "
                                    + "and the readiness probe whether it can serve now.", problems);
                }
            }
        }
    }

    /** How to add the probes a container lacks: only those, with an example of what each one asks, fitted to its ports. */
    private static String probesHint(ContainerDef container, boolean readinessAsked, List<String> missing) {
        if (!readinessAsked) {
            return "Add withLivenessProbe, e.g. ProbeDef.exec(<a command that fails when the process is stuck>); "
                    + "a container that declares no port needs no readiness probe.";
        }
        ProbeExample example = ProbeExample.of(container.ports());
        if (missing.size() == 2) {
            return "Add withReadinessProbe and withLivenessProbe, e.g. " + example.onBoth() + ".";
        }
        return missing.get(0).equals("readinessProbe")
                ? "Add withReadinessProbe, e.g. " + example.on(example.readiness()) + ", asking whether the pod can serve now "
                        + "(not what the liveness probe asks)."
                : "Add withLivenessProbe, e.g. " + example.on(example.liveness()) + ", asking only whether the process works "
                        + "(not what the readiness probe asks).";
    }

    /**
     * An emptyDir on the node's disk without a size limit can fill that disk, and then the kubelet evicts every pod there; unless a
     * container of the pod has an ephemeral-storage limit (its own or a LimitRange's): the kubelet then evicts the pod whose
     * containers and disk-backed emptyDirs together use more than the sum of its containers' limits.
     */
    private static void checkScratchVolumes(Stack stack, Workload<?> workload, ContainerDefaults defaults, Problems problems) {
        boolean podDiskLimited = workload.allContainers().stream()
                .anyMatch(container -> defaults.amount(Field.EPHEMERAL_STORAGE_LIMIT, container.resources()).isPresent());
        if (podDiskLimited) {
            return;
        }
        for (VolumeDef volume : workload.volumes()) {
            if (volume instanceof VolumeDef.EmptyDir scratch && !scratch.inMemory() && scratch.sizeLimit().isEmpty()) {
                PolicyReporter.report(stack, workload, PolicyCheck.RESOURCES,
                        "volume " + scratch.name() + " (emptyDir) has no size limit and its pods no ephemeral-storage limit, so they "
                                + "can fill the node's disk",
                        "sizeLimit: none, limits.ephemeral-storage: none",
                        "Bound it: Volumes.emptyDir(\"" + scratch.name() + "\").withSizeLimit(Memory.mebibytes(..)), or the pod's "
                                + "disk use with a container's Resources.withEphemeralStorageLimit(..).", problems);
            }
        }
    }

    /**
     * The files of a memory-backed emptyDir (tmpfs) count against the memory limit of the container that writes them: one
     * that may hold that limit, or more, gets the container OOM-killed before it fills. Without a size limit, the kubelet sizes it
     * to the pod's memory limit (the sum of its containers'), or to the node's allocatable memory when a container has none.
     */
    private static void checkMemoryVolumes(Stack stack, Workload<?> workload, ContainerDefaults defaults, Problems problems) {
        for (VolumeDef volume : workload.volumes()) {
            if (!(volume instanceof VolumeDef.EmptyDir scratch) || !scratch.inMemory()) {
                continue;
            }
            for (ContainerDef container : workload.allContainers()) {
                if (container.mounts().stream().noneMatch(mount -> mount.volume().name().equals(scratch.name()))) {
                    continue;
                }
                Optional<Long> limit = defaults.amount(Field.MEMORY_LIMIT, container.resources());
                String limits = "limits.memory: " + limit.map(bytes -> new Memory(bytes).quantity()).orElse("none");
                if (scratch.sizeLimit().isEmpty()) {
                    PolicyReporter.report(stack, workload, PolicyCheck.RESOURCES,
                            "volume " + scratch.name() + " (emptyDir, medium Memory) has no size limit, so it may hold the pod's memory "
                                    + "limit (the node's allocatable memory without one), and its files count against the memory limit of "
                                    + "container " + container.name() + ", which mounts it, so the container is OOM-killed before the volume fills",
                            "sizeLimit: none, " + limits,
                            "Bound it well under that limit, Volumes.emptyDir(\"" + scratch.name() + "\").backedByMemory().withSizeLimit("
                                    + "Memory.mebibytes(..)), and raise the limit by what the volume holds, " + ON_DISK, problems);
                } else if (limit.isPresent() && scratch.sizeLimit().get().bytes() >= limit.get()) {
                    PolicyReporter.report(stack, workload, PolicyCheck.RESOURCES,
                            "volume " + scratch.name() + " (emptyDir, medium Memory) may hold as much as the memory limit of container "
                                    + container.name() + ", which mounts it, and its files count against that limit, so the container is "
                                    + "OOM-killed before the volume fills",
                            "sizeLimit: " + scratch.sizeLimit().get().quantity() + ", " + limits,
                            "Keep the size limit well under the container's memory limit and raise the limit by what the volume holds, "
                                    + ON_DISK, problems);
                }
            }
        }
    }

    /** What neither the container nor a LimitRange of the namespace sets. */
    private static List<String> missingResources(Resources resources, ContainerDefaults defaults) {
        List<String> missing = new ArrayList<>();
        if (resources.cpuRequest().isEmpty() && defaults.defaultOf(Field.CPU_REQUEST).isEmpty()) {
            missing.add("cpu request");
        }
        if (resources.memoryRequest().isEmpty() && defaults.defaultOf(Field.MEMORY_REQUEST).isEmpty()) {
            missing.add("memory request");
        }
        if (resources.cpuLimit().isEmpty() && defaults.defaultOf(Field.CPU_LIMIT).isEmpty()) {
            missing.add("cpu limit");
        }
        if (resources.memoryLimit().isEmpty() && defaults.defaultOf(Field.MEMORY_LIMIT).isEmpty()) {
            missing.add("memory limit");
        }
        return missing;
    }

    private static String describe(Resources resources) {
        List<String> set = new ArrayList<>();
        resources.cpuRequest().ifPresent(cpu -> set.add("requests.cpu=" + cpu));
        resources.memoryRequest().ifPresent(memory -> set.add("requests.memory=" + memory));
        resources.cpuLimit().ifPresent(cpu -> set.add("limits.cpu=" + cpu));
        resources.memoryLimit().ifPresent(memory -> set.add("limits.memory=" + memory));
        resources.ephemeralStorageRequest().ifPresent(storage -> set.add("requests.ephemeral-storage=" + storage));
        resources.ephemeralStorageLimit().ifPresent(storage -> set.add("limits.ephemeral-storage=" + storage));
        return set.isEmpty() ? "none" : String.join(", ", set);
    }

    /** A full version to pin; where the tag has two numbers, they may be a release of its own, pinned by digest. */
    private static String pinningHint(Image image) {
        String tag = image.tag().orElseThrow();
        // postgres:16 -> 16.0, but postgres:9.6 (a line of 9.6.24, before PostgreSQL 10) -> 9.6.0.
        String twoNumbers = fullVersion(tag, true);
        String full = image.releasesHaveTwoNumbers() && !Image.of(image.repository(), twoNumbers).tagNamesAReleaseLine() ? twoNumbers : fullVersion(tag, false);
        String hint = "Pin the full version, e.g. Image.of(\"" + image.repository() + "\", \"" + full + "\"), or a digest";
        boolean mayBeARelease = !image.releasesHaveTwoNumbers() && Image.versionOf(tag).replaceAll("(\\.[xX])+$", "").chars().filter(c -> c == '.').count() == 1;
        return mayBeARelease
                ? hint + " (if " + tag + " is a release itself, its publisher numbering releases with two numbers: Image.parse(\""
                        + image.reference() + "@sha256:<digest>\"))."
                : hint + ".";
    }

    /**
     * A release line's first release, {@code 1} -> {@code 1.0.0}, {@code v1.25} -> {@code v1.25.0}, {@code 7-alpine} ->
     * {@code 7.0.0-alpine}, {@code 1.x} -> {@code 1.0.0}: a tag the rule accepts ({@code 1.0} is a line too); {@code 16} -> {@code 16.0}
     * where releases have two numbers.
     */
    static String fullVersion(String releaseLine, boolean twoNumberReleases) {
        String version = Image.versionOf(releaseLine);
        String numbers = version.replaceAll("(\\.[xX])+$", "");
        long dots = numbers.chars().filter(c -> c == '.').count();
        return numbers + ".0".repeat((int) Math.max(0, (twoNumberReleases ? 1 : 2) - dots)) + releaseLine.substring(version.length());
    }
}
