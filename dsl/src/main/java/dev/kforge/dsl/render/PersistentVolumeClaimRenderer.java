package dev.kforge.dsl.render;

import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.PersistentVolumeClaimDef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.Optional;

/** A claim of a disk that pods share. */
final class PersistentVolumeClaimRenderer implements ObjectRenderer<PersistentVolumeClaimDef> {
    @Override
    public Class<PersistentVolumeClaimDef> sourceType() {
        return PersistentVolumeClaimDef.class;
    }

    @Override
    public Optional<HasMetadata> render(PersistentVolumeClaimDef claim, Stack stack) {
        PersistentVolumeClaim rendered = new PersistentVolumeClaim();
        rendered.setMetadata(Metadata.of(claim, stack));
        rendered.setSpec(ClaimSpecs.of(claim.size(), claim.accessMode(), claim.storageClass()));
        return Optional.of(rendered);
    }
}
