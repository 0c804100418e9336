package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ConcurrencyPolicy;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.PersistentVolumeClaimDef;
import dev.kforge.dsl.workload.ReplicatedWorkload;
import dev.kforge.dsl.workload.VolumeAccessMode;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.VolumeMount;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A shared disk's access mode decides which pods may mount it at once: ReadWriteOncePod one pod,
 * ReadWriteOnce the pods of one node, ReadOnlyMany any pod, read-only. A pod the mode cannot serve
 * waits in ContainerCreating ("Multi-Attach error"), and a rolling update waiting for it never ends.
 */
final class ClaimAccessCheck implements StackCheck {
    static final String ID = "claim-access";

    /** The pods of one workload that may mount a claim at the same time, and why there may be that many. */
    private record Mounters(Workload<?> workload, int pods, String why) {
    }

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        // By claim name: records' generated equals would cost start-up time on every render.
        Map<String, List<Mounters>> mounters = new LinkedHashMap<>();
        Map<String, PersistentVolumeClaimDef> claims = new LinkedHashMap<>();
        for (Workload<?> workload : index.workloads()) {
            for (VolumeDef volume : workload.volumes()) {
                if (!(volume instanceof VolumeDef.PersistentClaim shared)) {
                    continue;
                }
                PersistentVolumeClaimDef claim = index.find(Kind.PERSISTENT_VOLUME_CLAIM, shared.claim().name(), PersistentVolumeClaimDef.class)
                        .orElse(null);
                if (claim == null) {
                    continue; // ConfigReferencesCheck reports it
                }
                if (claim.accessMode() == VolumeAccessMode.READ_ONLY_MANY) {
                    refuseWriters(stack, workload, shared, claim, problems);
                }
                claims.put(claim.name(), claim);
                mounters.computeIfAbsent(claim.name(), name -> new ArrayList<>()).add(mountersOf(workload, stack));
            }
        }
        mounters.forEach((name, all) -> {
            PersistentVolumeClaimDef claim = claims.get(name);
            int pods = all.stream().mapToInt(Mounters::pods).sum();
            if (pods < 2 || claim.accessMode() == VolumeAccessMode.READ_WRITE_MANY || claim.accessMode() == VolumeAccessMode.READ_ONLY_MANY) {
                return;
            }
            String who = String.join("; ", all.stream().map(m -> m.workload().describe() + ": " + m.why()).toList());
            if (claim.accessMode() == VolumeAccessMode.READ_WRITE_ONCE_POD) {
                problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), claim, "is ReadWriteOncePod, so one pod at a time may mount it, "
                                + "but up to " + pods + " pods mount it: the others never start, and a rolling update waiting for its new pod never ends",
                        who, "Run a single pod (withReplicas(1) and withStrategy(DeploymentStrategy.recreate())), or claim ReadWriteMany storage."));
            } else {
                problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), claim, "is ReadWriteOnce, so only the pods of one node may mount it, "
                                + "but up to " + pods + " pods mount it: those scheduled on another node wait (Multi-Attach error), and a rolling "
                                + "update waiting for its new pod never ends", who,
                        "Run a single pod (withReplicas(1) and withStrategy(DeploymentStrategy.recreate())), or claim ReadWriteMany storage "
                                + "(withAccessMode(VolumeAccessMode.READ_WRITE_MANY), a network file system)."));
            }
        });
    }

    private static void refuseWriters(Stack stack, Workload<?> workload, VolumeDef.PersistentClaim volume, PersistentVolumeClaimDef claim,
                                      Problems problems) {
        for (ContainerDef container : workload.allContainers()) {
            for (VolumeMount mount : container.mounts()) {
                if (mount.volume().name().equals(volume.name()) && !mount.readOnly()) {
                    problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, "container " + container.name() + " mounts volume "
                                    + volume.name() + " read-write, but " + claim.describe() + " is ReadOnlyMany: its writes fail", mount.mountPath(),
                            "Mount it with withReadOnlyMount, or claim ReadWriteMany storage."));
                }
            }
        }
    }

    /** How many pods of {@code workload} may run at once, counting the extra pod of a rolling update. */
    private static Mounters mountersOf(Workload<?> workload, Stack stack) {
        if (workload instanceof DaemonSetDef) {
            return new Mounters(workload, 2, "a pod on every node");
        }
        if (workload instanceof JobDef job) {
            return new Mounters(workload, job.parallelism(), job.parallelism() + (job.parallelism() == 1 ? " pod" : " pods at once"));
        }
        if (workload instanceof CronJobDef cronJob) {
            return cronJob.concurrency() == ConcurrencyPolicy.ALLOW ? new Mounters(workload, 2, "runs may overlap (ConcurrencyPolicy.ALLOW)")
                    : new Mounters(workload, 1, "1 pod");
        }
        ReplicatedWorkload<?> replicated = (ReplicatedWorkload<?>) workload;
        int replicas = stack.autoscalerOf(replicated).map(autoscaler -> autoscaler.maxReplicas()).orElse(replicated.replicas());
        String why = replicas + (replicas == 1 ? " pod" : " pods");
        if (workload instanceof DeploymentDef deployment && deployment.strategy() instanceof DeploymentStrategy.RollingUpdate rolling
                && !rolling.maxSurge().isZero()) {
            return new Mounters(workload, replicas + 1, why + ", and a rolling update starts a new one before an old one stops");
        }
        return new Mounters(workload, replicas, why);
    }
}
