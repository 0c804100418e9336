package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.NodeSpread;
import dev.kforge.dsl.workload.PersistentVolumeClaimDef;
import dev.kforge.dsl.workload.ReplicatedWorkload;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.TopologySpread;
import dev.kforge.dsl.workload.VolumeAccessMode;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.VolumeMount;
import dev.kforge.dsl.workload.Workload;
import dev.kforge.dsl.workload.ZoneSpread;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A shared disk's access mode decides which pods may mount it at once: ReadWriteOncePod one pod,
 * ReadWriteOnce the pods of one node, ReadOnlyMany any pod, read-only. A pod the mode cannot serve
 * waits in ContainerCreating ("Multi-Attach error"), and a rolling update waiting for it never ends.
 * A claim may also not take the name of one a StatefulSet makes for its pods.
 */
final class ClaimAccessCheck implements StackCheck {
    static final String ID = "claim-access";

    /**
     * The pods of one workload that may mount a claim at the same time.
     *
     * @param why           how there may be that many, for the message
     * @param surge         the pods a Deployment's rolling update starts before old ones stop, counted in {@code pods}
     * @param apart         how many of its pods are never on one node (a required spread: node, zone, or any label with a skew
     *                      of one), 0 when any may share one
     */
    private record Mounters(Workload<?> workload, int pods, String why, int surge, int apart) {
        boolean surges() {
            return surge > 0;
        }
    }

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        // By claim name: records' generated equals would cost start-up time on every render.
        Map<String, List<Mounters>> mounters = new LinkedHashMap<>();
        Map<String, PersistentVolumeClaimDef> claims = new LinkedHashMap<>();
        Set<String> counted = new HashSet<>();
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
                // A pod mounting one claim through two volumes is still one pod.
                Mounters pods = mountersOf(workload, stack);
                if (pods.pods() > 0 && counted.add(workload.describe() + "/" + claim.name())) {
                    mounters.computeIfAbsent(claim.name(), name -> new ArrayList<>()).add(pods);
                }
            }
        }
        mounters.forEach((name, all) -> checkAccess(stack, claims.get(name), all, problems));
        for (PersistentVolumeClaimDef claim : index.all(PersistentVolumeClaimDef.class)) {
            if (sharedInDefaultClass(claim.accessMode(), claim.storageClass())) {
                warnDefaultClass(stack, claim, "is " + claim.accessMode().apiValue(), "the claim would stay Pending", problems);
            }
        }
        for (StatefulSetDef statefulSet : index.all(StatefulSetDef.class)) {
            for (VolumeDef.ClaimTemplate template : statefulSet.claims()) {
                if (sharedInDefaultClass(template.accessMode(), template.storageClass())) {
                    warnDefaultClass(stack, statefulSet, "claim template " + template.name() + " is " + template.accessMode().apiValue(),
                            "each pod's claim would stay Pending, and the pod with it", problems);
                }
            }
        }
        refuseStatefulSetClaimNames(stack, index, problems);
    }

    /** A mode for many nodes, asked of the cluster's default class (kubernetes.io/docs/concepts/storage/persistent-volumes: each provisioner offers its own). */
    private static boolean sharedInDefaultClass(VolumeAccessMode mode, Optional<String> storageClass) {
        return (mode == VolumeAccessMode.READ_WRITE_MANY || mode == VolumeAccessMode.READ_ONLY_MANY) && storageClass.isEmpty();
    }

    private static void warnDefaultClass(Stack stack, KubeObject<?> object, String what, String consequence, Problems problems) {
        problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), object, what + " in the cluster's default storage class, which is "
                        + "usually block storage that offers only ReadWriteOnce: " + consequence, "storageClassName: default",
                "Name a class of a file system that nodes share, e.g. withStorageClass(\"nfs\")."));
    }

    private static void checkAccess(Stack stack, PersistentVolumeClaimDef claim, List<Mounters> all, Problems problems) {
        int pods = all.stream().mapToInt(Mounters::pods).sum();
        VolumeAccessMode mode = claim.accessMode();
        if (pods < 2 || mode == VolumeAccessMode.READ_WRITE_MANY || mode == VolumeAccessMode.READ_ONLY_MANY) {
            return;
        }
        boolean surges = all.stream().anyMatch(Mounters::surges);
        String who = String.join("; ", all.stream().map(m -> m.workload().describe() + ": " + m.why()).toList());
        String stuck = surges ? ", and a rolling update waiting for its new pod never ends" : "";
        // A DaemonSet's pods are one per node: as many as the cluster has nodes.
        String count = (all.stream().anyMatch(m -> m.workload() instanceof DaemonSetDef) ? "at least " : "up to ") + pods + " pods mount it";
        boolean takeTurns = all.stream().noneMatch(m -> m.workload().runsUntilReplaced());
        if (mode == VolumeAccessMode.READ_WRITE_ONCE_POD) {
            // Pods that run to completion free the claim when they end: the others wait for them, they do not fail.
            problems.add(Problem.of(ID, takeTurns ? Severity.WARNING : Severity.ERROR, stack.describe(), claim,
                    "is ReadWriteOncePod, so one pod at a time may mount it, but " + count + (takeTurns
                            ? ": they run one after the other, each waiting until the pod before it ends (or its deadline stops it)"
                            : ": the others never start" + stuck), who, fixes(all, surges)));
            return;
        }
        // ReadWriteOnce: pods on one node share it. Pods that are never on one node certainly cannot.
        boolean certain = all.stream().anyMatch(m -> m.apart() > 1);
        problems.add(Problem.of(ID, certain ? Severity.ERROR : Severity.WARNING, stack.describe(), claim,
                "is ReadWriteOnce, so only the pods of one node may mount it, but " + count
                        + (certain ? ", on different nodes (a required spread): all but one never start"
                        : ": those scheduled on another node wait (Multi-Attach error)") + stuck, who, fixes(all, surges)));
    }

    /** What would let the pods share the claim, for what these workloads do. */
    private static String fixes(List<Mounters> all, boolean surges) {
        List<String> fixes = new ArrayList<>();
        if (surges) {
            fixes.add("stop a Deployment's old pod before its new one starts (withStrategy(DeploymentStrategy.recreate()))");
        }
        if (all.stream().anyMatch(m -> m.workload() instanceof DaemonSetDef)) {
            fixes.add("mount it from a workload of one pod, not from a DaemonSet's pod on every node");
        }
        if (all.stream().anyMatch(m -> !(m.workload() instanceof DaemonSetDef) && m.pods() - m.surge() > 1)) {
            fixes.add("run one pod of each workload that mounts it");
        }
        if (all.size() > 1) {
            fixes.add("give each workload a claim of its own");
        }
        fixes.add("claim ReadWriteMany storage (withAccessMode(VolumeAccessMode.READ_WRITE_MANY), a network file system)");
        String joined = fixes.size() == 1 ? fixes.get(0) : String.join(", ", fixes.subList(0, fixes.size() - 1)) + ", or " + fixes.get(fixes.size() - 1);
        return Character.toUpperCase(joined.charAt(0)) + joined.substring(1) + ".";
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

    /** How many pods of {@code workload} may run at once, counting the extra pods of a rolling update. */
    private static Mounters mountersOf(Workload<?> workload, Stack stack) {
        if (workload instanceof DaemonSetDef) {
            return new Mounters(workload, 2, "a pod on every node", 0, 0); // a cluster of one node is not certain to fail
        }
        if (workload instanceof JobDef) {
            int pods = PodCounts.peak(workload, stack);
            return new Mounters(workload, pods, pods + (pods == 1 ? " pod" : " pods at once"), 0, 0);
        }
        if (workload instanceof CronJobDef) {
            if (PodCounts.peak(workload, stack) == 0) {
                return new Mounters(workload, 0, "suspended", 0, 0);
            }
            return PodCounts.peak(workload, stack) > 1 ? new Mounters(workload, 2, "runs may overlap (ConcurrencyPolicy.ALLOW)", 0, 0)
                    : new Mounters(workload, 1, "1 pod", 0, 0);
        }
        ReplicatedWorkload<?> replicated = (ReplicatedWorkload<?>) workload;
        int replicas = PodCounts.mostReplicas(replicated, stack);
        String why = replicas + (replicas == 1 ? " pod" : " pods");
        int surge = PodCounts.surge(workload, replicas);
        // The node spread keeps every pod of the workload apart; the zone and topology spreads of a Deployment count the pods
        // of one ReplicaSet (matchLabelKeys pod-template-hash), so a rolling update's new pod may join an old one's node.
        boolean spread = replicated.zoneSpread() == ZoneSpread.REQUIRED || replicated.topologySpreads().stream().anyMatch(ClaimAccessCheck::separatesPods);
        int apart = replicated.nodeSpread() == NodeSpread.REQUIRED ? replicas + surge : spread ? replicas : 0;
        if (surge > 0) {
            return new Mounters(workload, replicas + surge, why + ", and a rolling update starts "
                    + (surge == 1 ? "a new one before an old one stops" : surge + " new ones before old ones stop"), surge, apart);
        }
        return new Mounters(workload, replicas, why, 0, apart);
    }

    /**
     * Whether a spread puts two pods in two domains of its label, so on two nodes: a required one with a skew of one over
     * the nodes or zones (as the node and zone spreads are taken), or over another label with minDomains of 2 or more.
     * Without minDomains, a label with one value in the cluster (one region) is one domain, whose count is the minimum:
     * every pod may go there.
     */
    private static boolean separatesPods(TopologySpread spread) {
        boolean nodesOrZones = spread.topologyKey().equals(NodeSpread.NODE_TOPOLOGY_KEY) || spread.topologyKey().equals(ZoneSpread.ZONE_TOPOLOGY_KEY);
        return spread.required() && spread.maxSkew() == 1 && (nodesOrZones || spread.minDomains().orElse(1) >= 2);
    }

    /**
     * A StatefulSet makes a claim {@code <template>-<statefulset>-<n>} for each pod; a pod adopts a claim of that name
     * that already exists, so the two would share one disk, and deleting either could take the other's data.
     */
    private static void refuseStatefulSetClaimNames(Stack stack, StackIndex index, Problems problems) {
        List<PersistentVolumeClaimDef> claims = index.all(PersistentVolumeClaimDef.class);
        if (claims.isEmpty()) {
            return;
        }
        for (StatefulSetDef statefulSet : index.all(StatefulSetDef.class)) {
            for (VolumeDef.ClaimTemplate template : statefulSet.claims()) {
                String prefix = template.name() + "-" + statefulSet.name() + "-";
                for (PersistentVolumeClaimDef claim : claims) {
                    String suffix = claim.name().startsWith(prefix) ? claim.name().substring(prefix.length()) : "";
                    if (!suffix.isEmpty() && suffix.chars().allMatch(Character::isDigit)) {
                        problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), claim, "has the name " + statefulSet.describe()
                                        + " gives the disk of its pod " + statefulSet.name() + "-" + suffix + ", which would adopt this claim instead "
                                        + "of a disk of its own", claim.name(),
                                "Give the claim another name; the StatefulSet makes its pods' claims from its claim template " + template.name() + "."));
                    }
                }
            }
        }
    }
}
