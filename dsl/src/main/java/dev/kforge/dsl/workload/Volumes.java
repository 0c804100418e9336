package dev.kforge.dsl.workload;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.Given;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Factories for volumes; mount them with {@link ContainerDef#withMount}. */
public final class Volumes {
    private Volumes() {
    }

    /** Scratch space on the node's disk, e.g. for {@code /tmp} under a read-only root filesystem. */
    public static VolumeDef.EmptyDir emptyDir(String name) {
        return new VolumeDef.EmptyDir(name, false, Optional.empty());
    }

    /** Every key of {@code configMap} as a file; narrow with {@code withItem}, set the files' mode with {@code withDefaultMode}. */
    public static VolumeDef.FromConfigMap configMap(String name, ConfigMapDef configMap) {
        return new VolumeDef.FromConfigMap(name, configMap, List.of(), Optional.empty());
    }

    /** Every key of {@code secret} as a file; narrow with {@code withItem}, set the files' mode with {@code withDefaultMode}. */
    public static VolumeDef.FromSecret secret(String name, SecretDef secret) {
        return new VolumeDef.FromSecret(name, secret, List.of(), Optional.empty());
    }

    /** Pod metadata as files; add them with {@code withFile}. */
    public static VolumeDef.DownwardApi downwardApi(String name) {
        return new VolumeDef.DownwardApi(name, List.of(), Optional.empty());
    }

    /**
     * {@code sources} in one directory, e.g. {@code Volumes.projected("app", ProjectedSource.configMap(config),
     * ProjectedSource.secret(credentials), ProjectedSource.serviceAccountToken("vault", Duration.ofHours(1)))}; set the files'
     * mode with {@code withDefaultMode}.
     */
    public static VolumeDef.Projected projected(String name, ProjectedSource... sources) {
        return new VolumeDef.Projected(name, Arrays.asList(Given.value("Volume " + name, "sources", sources)), Optional.empty());
    }

    /** The disk {@code claim} claims, shared by every pod that mounts it (see {@link PersistentVolumeClaimDef}). */
    public static VolumeDef.PersistentClaim persistentClaim(String name, PersistentVolumeClaimDef claim) {
        return new VolumeDef.PersistentClaim(name, claim);
    }

    /**
     * The node's directory at {@code path}, which must exist (narrow with {@code withType}); only a namespace of the
     * privileged Pod Security Standard admits it, and there the host-access policy rule reports it until the workload waives
     * the rule. For node agents: {@code Volumes.hostPath("varlog", "/var/log")}.
     */
    public static VolumeDef.HostPath hostPath(String name, String path) {
        return new VolumeDef.HostPath(name, path, HostPathType.DIRECTORY);
    }

    /** A disk of {@code size} for each pod of a StatefulSet, kept when the pod moves; narrow with {@code withStorageClass}. */
    public static VolumeDef.ClaimTemplate claim(String name, Memory size) {
        return new VolumeDef.ClaimTemplate(name, size, VolumeAccessMode.READ_WRITE_ONCE, Optional.empty());
    }
}
