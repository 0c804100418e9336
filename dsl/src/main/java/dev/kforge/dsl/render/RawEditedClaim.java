package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.PersistentVolumeClaimDef;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.Workload;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What raw edits may set on a PersistentVolumeClaim that the API server refuses, or that the checks
 * of the pods mounting it could not see: its access mode is the definition's, and its pods mount a
 * file system.
 */
final class RawEditedClaim {
    private static final List<String> VOLUME_MODES = List.of("Filesystem", "Block");

    private RawEditedClaim() {
    }

    static void check(KubeObject<?> object, PersistentVolumeClaim claim, Stack stack) {
        PersistentVolumeClaimSpec spec = claim.getSpec();
        Map<String, Quantity> requests = spec == null || spec.getResources() == null ? null : spec.getResources().getRequests();
        Quantity storage = requests == null ? null : requests.get("storage");
        if (storage == null || !isPositive(storage)) {
            throw refused(object, "a size", "resources.requests.storage: " + (storage == null ? null : storage.toString()),
                    "Set the size with requesting(...), and grow it there.");
        }
        List<String> modes = spec.getAccessModes();
        if (object instanceof PersistentVolumeClaimDef definition && !List.of(definition.accessMode().apiValue()).equals(modes)) {
            throw new RawEditException(object, "raw edits changed its access modes, which the checks of the pods mounting it read from "
                    + "the definition", "accessModes: " + modes, "Set the access mode with withAccessMode(VolumeAccessMode...).",
                    object.meta().origin(), null);
        }
        if (spec.getVolumeMode() != null && !VOLUME_MODES.contains(spec.getVolumeMode())) {
            throw refused(object, "a volume mode", "volumeMode: " + spec.getVolumeMode(), "volumeMode is Filesystem (the default) or Block.");
        }
        if ("Block".equals(spec.getVolumeMode())) {
            for (Workload<?> workload : stack.allObjects().stream().filter(Workload.class::isInstance).map(w -> (Workload<?>) w).toList()) {
                boolean mounts = workload.volumes().stream().anyMatch(volume -> volume instanceof VolumeDef.PersistentClaim shared
                        && shared.claim().name().equals(object.name()));
                if (mounts) {
                    throw new RawEditException(object, "raw edits made it a raw block device, but " + workload.describe()
                            + " mounts it as a file system, which a pod using a Block claim never starts with", "volumeMode: Block",
                            "Leave volumeMode unset (Filesystem); a raw device is attached with volumeDevices in a raw edit of the workload.",
                            object.meta().origin(), null);
                }
            }
        }
    }

    private static boolean isPositive(Quantity quantity) {
        try {
            return Quantity.getAmountInBytes(quantity).compareTo(BigDecimal.ZERO) > 0;
        } catch (RuntimeException e) { // not a quantity at all
            return false;
        }
    }

    private static RawEditException refused(KubeObject<?> object, String what, String actual, String hint) {
        return new RawEditException(object, "raw edits set " + what + ", which the API server refuses for a PersistentVolumeClaim", actual, hint,
                object.meta().origin(), null);
    }
}
