package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A PersistentVolumeClaim (v1): a disk that outlives the pods that mount it, shared by the pods of
 * one or more workloads. Start with {@code PersistentVolumeClaimDef.named("uploads").requesting(Memory.gibibytes(20))}
 * and mount it with {@link Volumes#persistentClaim}. (A StatefulSet's disk per pod is a
 * {@link Volumes#claim claim template} instead.)
 *
 * <p>The checks refuse pods a claim's access mode cannot serve, and compare it with the committed
 * output: the API server lets a claim grow but not shrink or change class or access mode, and
 * deleting it (a pruning apply, once the claim leaves the code) usually deletes its data.
 *
 * @param size         the storage requested
 * @param accessMode   default {@link VolumeAccessMode#READ_WRITE_ONCE}
 * @param storageClass default the cluster's default class
 */
public record PersistentVolumeClaimDef(Meta meta, Memory size, VolumeAccessMode accessMode, Optional<String> storageClass,
                                       List<RawEdit<PersistentVolumeClaim>> rawEdits) implements KubeObject<PersistentVolumeClaimDef> {

    public PersistentVolumeClaimDef {
        rawEdits = List.copyOf(rawEdits);
        String subject = Kind.PERSISTENT_VOLUME_CLAIM + " " + meta.name();
        if (size == null) {
            throw new InvalidDefinitionException(subject + ": the size is missing. Give one, e.g. Memory.gibibytes(10).");
        }
        if (accessMode == null) {
            throw new InvalidDefinitionException(subject + ": the access mode is missing. Use VolumeAccessMode.READ_WRITE_ONCE, the default.");
        }
        storageClass.ifPresent(className -> StorageClassName.require(subject, className));
    }

    /** The first step: a claim needs a name and a size. */
    public static SizeStep named(String name) {
        return new SizeStep(Meta.named(Kind.PERSISTENT_VOLUME_CLAIM, name));
    }

    /** The step that takes the required size. */
    public record SizeStep(Meta meta) {
        /** Claims a disk of {@code size}, read-write by the pods of one node, of the cluster's default class. */
        public PersistentVolumeClaimDef requesting(Memory size) {
            return new PersistentVolumeClaimDef(meta, size, VolumeAccessMode.READ_WRITE_ONCE, Optional.empty(), List.of());
        }
    }

    @Override
    public Kind kind() {
        return Kind.PERSISTENT_VOLUME_CLAIM;
    }

    @Override
    public PersistentVolumeClaimDef withMeta(Meta meta) {
        return new PersistentVolumeClaimDef(Given.value(describe(), "meta", meta), size, accessMode, storageClass, rawEdits);
    }

    /** Who may mount it: {@link VolumeAccessMode#READ_WRITE_MANY} for pods on several nodes (a network file system). */
    public PersistentVolumeClaimDef withAccessMode(VolumeAccessMode mode) {
        return new PersistentVolumeClaimDef(meta, size, mode, storageClass, rawEdits);
    }

    /** Claims a disk of {@code className} (e.g. {@code nfs}) instead of the cluster's default class. */
    public PersistentVolumeClaimDef withStorageClass(String className) {
        if (className == null) {
            throw InvalidDefinitionException.invalid(describe(), "storageClassName", null, "must be a storage class name",
                    "Leave withStorageClass out for the cluster's default class.");
        }
        return new PersistentVolumeClaimDef(meta, size, accessMode, Optional.of(className), rawEdits);
    }

    /** A copy with an escape-hatch edit of the rendered fabric8 PersistentVolumeClaim. */
    public PersistentVolumeClaimDef withRawEdit(String reason, Consumer<PersistentVolumeClaim> edit) {
        return new PersistentVolumeClaimDef(meta, size, accessMode, storageClass, Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }
}
