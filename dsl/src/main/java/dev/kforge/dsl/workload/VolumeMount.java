package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;

/**
 * A volume mounted into a container at an absolute path.
 *
 * @param readOnly whether the container may write to it
 */
public record VolumeMount(VolumeDef volume, String mountPath, boolean readOnly) {
    public VolumeMount {
        if (mountPath == null || !mountPath.startsWith("/") || mountPath.contains(":")) {
            throw InvalidDefinitionException.invalid("Volume " + volume.name(), "mountPath", String.valueOf(mountPath),
                    "must be an absolute path without ':'", "For example \"/tmp\".");
        }
    }
}
