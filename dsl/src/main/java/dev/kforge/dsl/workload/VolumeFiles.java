package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The rules of the files a ConfigMap, Secret or Downward API volume (or projected source) writes, told of {@code subject}. */
final class VolumeFiles {
    private VolumeFiles() {
    }

    /** {@code source} (the {@code field} of {@code subject}) written at {@code path}, a relative path, with {@code mode}. */
    static <S> VolumeDef.KeyFile<S> file(String subject, String field, S source, String path, Optional<FileMode> mode) {
        return new VolumeDef.KeyFile<>(Given.value(subject, field, source), relativePath(subject, path), mode);
    }

    /**
     * Refuses two items at one path, of which the kubelet writes the later over the earlier, and an
     * item whose path another item needs as a directory.
     */
    static <S> void requireDistinctPaths(String subject, List<VolumeDef.KeyFile<S>> items, Function<S, String> describe) {
        for (int i = 1; i < items.size(); i++) {
            VolumeDef.KeyFile<S> item = items.get(i);
            for (VolumeDef.KeyFile<S> earlier : items.subList(0, i)) {
                if (earlier.path().equals(item.path())) {
                    throw InvalidDefinitionException.invalid(subject, "item path", item.path(), "is given to " + describe.apply(earlier.source())
                            + " and to " + describe.apply(item.source()) + ": one file holds one of them (the kubelet writes the second "
                            + "over the first), so the pods never see " + describe.apply(earlier.source()), "Give each item a path of its own.");
                }
                if (earlier.path().startsWith(item.path() + "/") || item.path().startsWith(earlier.path() + "/")) {
                    String file = earlier.path().startsWith(item.path() + "/") ? item.path() : earlier.path();
                    throw InvalidDefinitionException.invalid(subject, "item path", item.path(), "clashes with " + earlier.path() + ": " + file
                            + " would be both a file and a directory, so the kubelet cannot write the volume and the pods never start",
                            "Give each item a path of its own.");
                }
            }
        }
    }

    static Optional<FileMode> mode(String subject, FileMode mode) {
        return Optional.of(Given.optional(subject, "mode", mode));
    }

    /** A pod field a volume can write: a metadata field (the others are only available to env vars). */
    static PodField metadataField(String subject, PodField field) {
        if (Given.value(subject, "field", field).path().startsWith("status.") || field.path().startsWith("spec.")) {
            throw InvalidDefinitionException.invalid(subject, "downwardAPI field", field.path(),
                    "is only available to env vars (volumes support metadata fields)", "Use Env.from(name, field).");
        }
        return field;
    }

    static String relativePath(String subject, String path) {
        return relativePath(subject, "item path", path);
    }

    /** {@code path} as {@code field} of {@code subject}: relative, inside the volume. */
    static String relativePath(String subject, String field, String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || List.of(path.split("/")).contains("..")) {
            throw InvalidDefinitionException.invalid(subject, field, path,
                    "must be a relative path without '..'", "For example \"app.properties\".");
        }
        if (path.startsWith("..")) {
            // The kubelet keeps the volume's own entries there (..data, ..2024_01_01...): the API server refuses the name.
            throw InvalidDefinitionException.invalid(subject, field, path, "must not start with '..', which the API server refuses "
                    + "(the kubelet's own entries of the volume start so)", "Drop the leading dots, e.g. \"" + path.replaceFirst("^\\.+", "") + "\".");
        }
        return path;
    }
}
