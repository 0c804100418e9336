package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.quota.ResourceQuotaDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Memory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Under a quota that limits storage, raw edits may not change what its check counts from the definitions:
 * the storage a PersistentVolumeClaim or a StatefulSet's claim template requests and its class, nor a
 * StatefulSet's templates, nor add a generic ephemeral volume to a pod template (its claims, one per pod, count too). Without one, nothing counts them.
 */
final class RawEditedClaimStorage {
    private RawEditedClaimStorage() {
    }

    static void check(KubeObject<?> object, HasMetadata unedited, HasMetadata edited, Stack stack) {
        Optional<ResourceQuotaDef> quota = stack.allObjects().stream().filter(ResourceQuotaDef.class::isInstance)
                .map(ResourceQuotaDef.class::cast).filter(q -> !q.storage().isEmpty()).findFirst();
        if (quota.isEmpty()) {
            return;
        }
        List<String> was = claims(unedited);
        List<String> now = claims(edited);
        if (!was.equals(now)) {
            String hint = edited instanceof StatefulSet
                    ? "Set the claim templates with Volumes.claim(name, size) and withStorageClass(...), where the quota check counts them."
                    : edited instanceof PersistentVolumeClaim
                    ? "Set the size with requesting(...) and the class with withStorageClass(...), where the quota check counts them."
                    : "Declare the storage as a PersistentVolumeClaimDef or a StatefulSet's claim template (Volumes.claim), where the quota "
                    + "check counts it.";
            throw new RawEditException(object, "raw edits changed the storage its claims request, which the storage limits of "
                    + quota.get().describe() + " count from the definition", shown(was) + " -> " + shown(now), hint,
                    object.meta().origin(), null);
        }
    }

    /**
     * Each claim as the quota counts it: {@code 20Gi of the default class}, {@code data: 10Gi of class ssd} for a template, or
     * {@code ephemeral volume scratch: 1Gi of the default class} for a generic ephemeral volume, which makes a claim per pod.
     */
    private static List<String> claims(HasMetadata manifest) {
        List<String> claims = new ArrayList<>();
        if (manifest instanceof PersistentVolumeClaim claim) {
            claims.add(counted(claim.getSpec()));
        }
        if (manifest instanceof StatefulSet statefulSet && statefulSet.getSpec() != null) {
            RawEditResultCheck.orEmpty(statefulSet.getSpec().getVolumeClaimTemplates()).stream()
                    .map(template -> template.getMetadata().getName() + ": " + counted(template.getSpec())).forEach(claims::add);
        }
        PodTemplateSpec template = RawEditResultCheck.podTemplateOf(manifest);
        if (template != null && template.getSpec() != null) {
            for (Volume volume : RawEditResultCheck.orEmpty(template.getSpec().getVolumes())) {
                if (volume.getEphemeral() != null && volume.getEphemeral().getVolumeClaimTemplate() != null) {
                    PersistentVolumeClaimSpec spec = volume.getEphemeral().getVolumeClaimTemplate().getSpec();
                    claims.add("ephemeral volume " + volume.getName() + ": " + (spec == null ? "no size of the default class" : counted(spec)));
                }
            }
        }
        return claims;
    }

    private static String shown(List<String> claims) {
        return claims.isEmpty() ? "no claims" : String.join(", ", claims);
    }

    private static String counted(PersistentVolumeClaimSpec spec) {
        Quantity storage = spec.getResources() == null || spec.getResources().getRequests() == null ? null
                : spec.getResources().getRequests().get("storage");
        String className = spec.getStorageClassName();
        return shown(storage) + (className == null ? " of the default class" : " of class " + className);
    }

    /** A size in its shortest binary form, so that the same amount written otherwise is no change. */
    private static String shown(Quantity storage) {
        if (storage == null) {
            return "no size";
        }
        try {
            BigDecimal bytes = Quantity.getAmountInBytes(storage);
            return bytes.signum() > 0 && bytes.stripTrailingZeros().scale() <= 0 ? new Memory(bytes.longValueExact()).quantity()
                    : storage.toString();
        } catch (RuntimeException e) { // not a quantity, or too large: compared as written
            return storage.toString();
        }
    }
}
