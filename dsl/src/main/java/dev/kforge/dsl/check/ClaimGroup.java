package dev.kforge.dsl.check;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PersistentVolumeClaimDef;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.VolumeDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The PersistentVolumeClaims one definition of the stack makes: a PersistentVolumeClaim itself, or a
 * StatefulSet's claim template, one claim per pod.
 *
 * @param owner        the PersistentVolumeClaim or the StatefulSet
 * @param template     the claim template's name, for a StatefulSet's claims
 * @param size         the storage each claim requests
 * @param storageClass empty for the cluster's default class
 * @param usual        the claims there usually are: one, or the StatefulSet's replicas (an autoscaler's minimum)
 * @param peak         the most claims: one, or the StatefulSet's most replicas (an autoscaler's maximum)
 */
record ClaimGroup(KubeObject<?> owner, Optional<String> template, Memory size, Optional<String> storageClass, int usual, int peak) {

    /** The stack's claims: its PersistentVolumeClaims, then the templates of its StatefulSets. */
    static List<ClaimGroup> of(Stack stack, StackIndex index) {
        List<ClaimGroup> groups = new ArrayList<>();
        for (PersistentVolumeClaimDef claim : index.all(PersistentVolumeClaimDef.class)) {
            groups.add(new ClaimGroup(claim, Optional.empty(), claim.size(), claim.storageClass(), 1, 1));
        }
        for (StatefulSetDef statefulSet : index.all(StatefulSetDef.class)) {
            for (VolumeDef.ClaimTemplate template : statefulSet.claims()) {
                groups.add(new ClaimGroup(statefulSet, Optional.of(template.name()), template.size(), template.storageClass(),
                        PodCounts.usual(statefulSet, stack), PodCounts.peak(statefulSet, stack)));
            }
        }
        return groups;
    }

    /** {@code PersistentVolumeClaim uploads}, or {@code StatefulSet db's data claims}. */
    String describe() {
        return template.map(name -> owner.describe() + "'s " + name + " claims").orElse(owner.describe());
    }

    /** Whether the StatefulSet's replicas make these claims. */
    boolean perPod() {
        return template.isPresent();
    }
}
