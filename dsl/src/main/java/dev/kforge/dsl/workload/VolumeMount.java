package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.Optional;

/**
 * A volume mounted into a container at an absolute path.
 *
 * @param readOnly whether the container may write to it
 * @param subPath  the file or directory of the volume mounted there ({@code subPath}); empty mounts the whole volume.
 *                 {@link ContainerDef#withFileMount} sets it to a key's file
 */
public record VolumeMount(VolumeDef volume, String mountPath, boolean readOnly, Optional<String> subPath) {
    public VolumeMount {
        if (mountPath == null || !mountPath.startsWith("/") || mountPath.contains(":")) {
            throw InvalidDefinitionException.invalid("Volume " + volume.name(), "mountPath", mountPath,
                    "must be an absolute path without ':'", "For example \"/tmp\".");
        }
        Given.value("Volume " + volume.name(), "subPath", subPath).ifPresent(path -> VolumeFiles.relativePath("Volume " + volume.name(), "subPath", path));
    }

    /** The whole volume at {@code mountPath}. */
    public VolumeMount(VolumeDef volume, String mountPath, boolean readOnly) {
        this(volume, mountPath, readOnly, Optional.empty());
    }
}
