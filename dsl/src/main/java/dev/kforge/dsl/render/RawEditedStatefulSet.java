package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.workload.ClaimRetention;
import dev.kforge.dsl.workload.PodManagement;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What raw edits may set on a StatefulSet that the API server refuses: the fields StatefulSetDef's own types keep valid. */
final class RawEditedStatefulSet {
    private RawEditedStatefulSet() {
    }

    /** The values the API server accepts for a StatefulSet's own fields, as the definition's types allow only those. */
    static void check(KubeObject<?> object, StatefulSetSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec.getReplicas() != null && spec.getReplicas() < 0 || spec.getRevisionHistoryLimit() != null && spec.getRevisionHistoryLimit() < 0) {
            problems.add("replicas: " + spec.getReplicas() + ", revisionHistoryLimit: " + spec.getRevisionHistoryLimit());
        }
        if (spec.getPodManagementPolicy() != null
                && Arrays.stream(PodManagement.values()).noneMatch(policy -> policy.apiValue().equals(spec.getPodManagementPolicy()))) {
            problems.add("podManagementPolicy: " + spec.getPodManagementPolicy());
        }
        StatefulSetUpdateStrategy update = spec.getUpdateStrategy();
        if (update != null) {
            boolean rolling = "RollingUpdate".equals(update.getType()) || update.getType() == null;
            Integer partition = update.getRollingUpdate() == null ? null : update.getRollingUpdate().getPartition();
            if (!rolling && !"OnDelete".equals(update.getType()) || !rolling && update.getRollingUpdate() != null
                    || partition != null && partition < 0) {
                problems.add("updateStrategy: " + update.getType() + (update.getRollingUpdate() == null ? "" : ", partition " + partition));
            }
        }
        StatefulSetPersistentVolumeClaimRetentionPolicy retention = spec.getPersistentVolumeClaimRetentionPolicy();
        if (retention != null && (!retentionValue(retention.getWhenDeleted()) || !retentionValue(retention.getWhenScaled()))) {
            problems.add("persistentVolumeClaimRetentionPolicy: " + retention.getWhenDeleted() + "/" + retention.getWhenScaled());
        }
        List<String> claims = new ArrayList<>();
        for (PersistentVolumeClaim claim : RawEditResultCheck.orEmpty(spec.getVolumeClaimTemplates())) {
            if (claim.getMetadata() == null || claim.getMetadata().getName() == null || claim.getSpec() == null) {
                problems.add("a volume claim template without a name or spec");
            } else {
                claims.add(claim.getMetadata().getName());
            }
        }
        if (!problems.isEmpty()) {
            throw new RawEditException(object, "raw edits set what the API server refuses for a StatefulSet", String.join("; ", problems),
                    "Set these with the StatefulSetDef's withers (withReplicas, withPodManagement, withUpdate, withClaimRetention, Volumes.claim).",
                    object.meta().origin(), null);
        }
        RawEditResultCheck.requireMountedVolumes(object, spec.getTemplate(), claims);
    }

    private static boolean retentionValue(String value) {
        return value == null || Arrays.stream(ClaimRetention.values()).anyMatch(retention -> retention.apiValue().equals(value));
    }
}
