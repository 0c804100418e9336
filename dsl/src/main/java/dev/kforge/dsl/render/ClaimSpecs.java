package dev.kforge.dsl.render;

import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.VolumeAccessMode;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeResourceRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The spec of a disk claim, whether a PersistentVolumeClaim of its own or a StatefulSet's claim template. */
final class ClaimSpecs {
    private ClaimSpecs() {
    }

    static PersistentVolumeClaimSpec of(Memory size, VolumeAccessMode accessMode, Optional<String> storageClass) {
        PersistentVolumeClaimSpec spec = new PersistentVolumeClaimSpec();
        spec.setAccessModes(new ArrayList<>(List.of(accessMode.apiValue())));
        spec.setStorageClassName(storageClass.orElse(null));
        VolumeResourceRequirements resources = new VolumeResourceRequirements();
        resources.setRequests(new TreeMap<>(Map.of("storage", new Quantity(size.quantity())))); // mutable: raw edits may add to it
        spec.setResources(resources);
        return spec;
    }
}
