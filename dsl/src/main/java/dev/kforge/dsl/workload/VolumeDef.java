package dev.kforge.dsl.workload;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.ConfigMapKey;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretKey;
import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pod volume. Volumes are not listed on the pod by hand: a pod gets exactly the volumes its
 * containers mount, so an unmounted or undeclared volume cannot be written. Build with {@link Volumes}.
 */
public sealed interface VolumeDef {

    String name();

    /** Scratch space that lives as long as the pod. */
    record EmptyDir(String name, boolean inMemory, Optional<Memory> sizeLimit) implements VolumeDef {
        public EmptyDir {
            Names.require(Names.Rule.DNS1123_LABEL, "Volume", "name", name);
            Given.value("Volume " + name, "sizeLimit", sizeLimit);
        }

        /** A copy backed by memory (tmpfs); its size counts against the container's memory. */
        public EmptyDir backedByMemory() {
            return new EmptyDir(name, true, sizeLimit);
        }

        public EmptyDir withSizeLimit(Memory limit) {
            return new EmptyDir(name, inMemory, Optional.of(Given.optional("Volume " + name, "sizeLimit", limit)));
        }
    }

    /**
     * The keys of a ConfigMap as files.
     *
     * @param items       the keys to project and their file paths; empty projects every key under its own name
     * @param defaultMode the mode of its files ({@code defaultMode}); default the Kubernetes default, 0644
     */
    record FromConfigMap(String name, ConfigMapDef configMap, List<KeyFile<ConfigMapKey>> items, Optional<FileMode> defaultMode)
            implements VolumeDef {
        public FromConfigMap {
            Names.require(Names.Rule.DNS1123_LABEL, "Volume", "name", name);
            Given.value("Volume " + name, "configMap", configMap);
            items = Given.all("Volume " + name, "items", items);
            VolumeFiles.requireDistinctPaths(subject(name), items, key -> "key " + key.key());
            Given.value("Volume " + name, "defaultMode", defaultMode);
        }

        /** A copy projecting only {@code key}, at {@code path} relative to the mount. */
        public FromConfigMap withItem(ConfigMapKey key, String path) {
            return new FromConfigMap(name, configMap, Lists.append(items, VolumeFiles.file(subject(name), "key", key, path, Optional.empty())), defaultMode);
        }

        /** A copy projecting only {@code key}, at {@code path} with its own {@code mode}, e.g. {@code FileMode.of("0555")} for a script. */
        public FromConfigMap withItem(ConfigMapKey key, String path, FileMode mode) {
            KeyFile<ConfigMapKey> item = VolumeFiles.file(subject(name), "key", key, path, VolumeFiles.mode(subject(name), mode));
            return new FromConfigMap(name, configMap, Lists.append(items, item), defaultMode);
        }

        /** A copy whose files get {@code mode}, e.g. {@code FileMode.of("0440")}, where an item gives none. */
        public FromConfigMap withDefaultMode(FileMode mode) {
            return new FromConfigMap(name, configMap, items, VolumeFiles.mode(subject(name), mode));
        }
    }

    /**
     * The keys of a Secret as files.
     *
     * @param items       the keys to project and their file paths; empty projects every key under its own name
     * @param defaultMode the mode of its files ({@code defaultMode}); default the Kubernetes default, 0644
     */
    record FromSecret(String name, SecretDef secret, List<KeyFile<SecretKey>> items, Optional<FileMode> defaultMode) implements VolumeDef {
        public FromSecret {
            Names.require(Names.Rule.DNS1123_LABEL, "Volume", "name", name);
            Given.value("Volume " + name, "secret", secret);
            items = Given.all("Volume " + name, "items", items);
            VolumeFiles.requireDistinctPaths(subject(name), items, key -> "key " + key.key());
            Given.value("Volume " + name, "defaultMode", defaultMode);
        }

        public FromSecret withItem(SecretKey key, String path) {
            return new FromSecret(name, secret, Lists.append(items, VolumeFiles.file(subject(name), "key", key, path, Optional.empty())), defaultMode);
        }

        /** A copy projecting only {@code key}, at {@code path} with its own {@code mode}, e.g. {@code FileMode.of("0400")}. */
        public FromSecret withItem(SecretKey key, String path, FileMode mode) {
            KeyFile<SecretKey> item = VolumeFiles.file(subject(name), "key", key, path, VolumeFiles.mode(subject(name), mode));
            return new FromSecret(name, secret, Lists.append(items, item), defaultMode);
        }

        /** A copy whose files get {@code mode}, e.g. {@code FileMode.of("0440")}, where an item gives none. */
        public FromSecret withDefaultMode(FileMode mode) {
            return new FromSecret(name, secret, items, VolumeFiles.mode(subject(name), mode));
        }
    }

    /**
     * Pod fields as files (labels and annotations only work this way).
     *
     * @param defaultMode the mode of its files ({@code defaultMode}); default the Kubernetes default, 0644
     */
    record DownwardApi(String name, List<KeyFile<PodField>> files, Optional<FileMode> defaultMode) implements VolumeDef {
        public DownwardApi {
            Names.require(Names.Rule.DNS1123_LABEL, "Volume", "name", name);
            files = List.copyOf(files);
            VolumeFiles.requireDistinctPaths(subject(name), files, field -> "field " + field.path());
            Given.value("Volume " + name, "defaultMode", defaultMode);
        }

        /** A copy with {@code field} written to the file {@code path}. */
        public DownwardApi withFile(String path, PodField field) {
            KeyFile<PodField> file = VolumeFiles.file(subject(name), "field", VolumeFiles.metadataField(subject(name), field), path, Optional.empty());
            return new DownwardApi(name, Lists.append(files, file), defaultMode);
        }

        /** A copy with {@code field} written to the file {@code path} with its own {@code mode}. */
        public DownwardApi withFile(String path, PodField field, FileMode mode) {
            KeyFile<PodField> file = VolumeFiles.file(subject(name), "field", VolumeFiles.metadataField(subject(name), field), path,
                    VolumeFiles.mode(subject(name), mode));
            return new DownwardApi(name, Lists.append(files, file), defaultMode);
        }

        /** A copy whose files get {@code mode}, e.g. {@code FileMode.of("0444")}, where a file gives none. */
        public DownwardApi withDefaultMode(FileMode mode) {
            return new DownwardApi(name, files, VolumeFiles.mode(subject(name), mode));
        }

    }

    /**
     * Several sources in one directory: keys of ConfigMaps and Secrets, pod fields and ServiceAccount tokens for other
     * services (see {@link ProjectedSource}). Build with {@link Volumes#projected}.
     *
     * @param sources     in the order given; at least one, no two writing one file
     * @param defaultMode the mode of its files ({@code defaultMode}); default the Kubernetes default, 0644
     */
    record Projected(String name, List<ProjectedSource> sources, Optional<FileMode> defaultMode) implements VolumeDef {
        public Projected {
            Names.require(Names.Rule.DNS1123_LABEL, "Volume", "name", name);
            sources = Given.all(subject(name), "sources", sources);
            if (sources.isEmpty()) {
                throw InvalidDefinitionException.invalid(subject(name), "sources", List.of(), "must hold at least one source",
                        "For example Volumes.projected(\"" + name + "\", ProjectedSource.configMap(config), ProjectedSource.secret(credentials)).");
            }
            List<String> paths = new ArrayList<>();
            for (ProjectedSource source : sources) {
                for (String path : source.paths()) {
                    if (paths.contains(path)) {
                        throw InvalidDefinitionException.invalid(subject(name), "file", path, "is written by two sources, which the API "
                                + "server refuses", "Project one of them elsewhere with withItem(key, path) (or atPath for a token).");
                    }
                    for (String other : paths) {
                        if (other.startsWith(path + "/") || path.startsWith(other + "/")) {
                            String file = other.startsWith(path + "/") ? path : other;
                            throw InvalidDefinitionException.invalid(subject(name), "file", path, "clashes with " + other + ": " + file
                                    + " would be both a file and a directory, so the kubelet cannot write the volume and the pods never start",
                                    "Project one of them elsewhere with withItem(key, path) (or atPath for a token).");
                        }
                    }
                    paths.add(path);
                }
            }
            Given.value(subject(name), "defaultMode", defaultMode);
        }

        /** A copy whose files get {@code mode}, e.g. {@code FileMode.of("0440")}, where an item gives none. */
        public Projected withDefaultMode(FileMode mode) {
            return new Projected(name, sources, VolumeFiles.mode(subject(name), mode));
        }
    }

    /**
     * A disk of each pod's own, which outlives the pod: a StatefulSet's volume claim template, from
     * which the controller makes one PersistentVolumeClaim per pod ({@code <name>-<statefulset>-<n>}).
     * Only a {@link StatefulSetDef} may mount one.
     *
     * @param size         the storage requested
     * @param accessMode   default {@link VolumeAccessMode#READ_WRITE_ONCE}
     * @param storageClass default the cluster's default class
     */
    record ClaimTemplate(String name, Memory size, VolumeAccessMode accessMode, Optional<String> storageClass) implements VolumeDef {
        public ClaimTemplate {
            Names.require(Names.Rule.DNS1123_LABEL, "Volume", "name", name);
            if (size == null) {
                throw new InvalidDefinitionException("Volume " + name + ": the size is missing. Give one, e.g. Memory.gibibytes(10).");
            }
            if (accessMode == null) {
                throw new InvalidDefinitionException("Volume " + name + ": the access mode is missing. Use VolumeAccessMode.READ_WRITE_ONCE, the default.");
            }
            storageClass.ifPresent(className -> StorageClassName.require("Volume " + name, className));
        }

        public ClaimTemplate withAccessMode(VolumeAccessMode mode) {
            return new ClaimTemplate(name, size, mode, storageClass);
        }

        /** Claims disks of {@code className} (e.g. {@code ssd}) instead of the cluster's default class. */
        public ClaimTemplate withStorageClass(String className) {
            if (className == null) {
                throw InvalidDefinitionException.invalid("Volume " + name, "storageClassName", null, "must be a storage class name",
                        "Leave withStorageClass out for the cluster's default class.");
            }
            return new ClaimTemplate(name, size, accessMode, Optional.of(className));
        }
    }

    /**
     * A disk the pods of one or more workloads share, claimed by a {@link PersistentVolumeClaimDef} of
     * the stack; its access mode says which pods may mount it.
     */
    record PersistentClaim(String name, PersistentVolumeClaimDef claim) implements VolumeDef {
        public PersistentClaim {
            Names.require(Names.Rule.DNS1123_LABEL, "Volume", "name", name);
            if (claim == null) {
                throw new InvalidDefinitionException("Volume " + name + ": the claim is missing. Pass the PersistentVolumeClaimDef it mounts.");
            }
        }
    }

    /**
     * A file or directory of the node the pod runs on, e.g. {@code /var/log} for a DaemonSet that ships the node's logs.
     * The baseline and restricted Pod Security Standards refuse it: the stack's namespace must be
     * {@link dev.kforge.dsl.stack.PodSecurityStandard#PRIVILEGED}, where the host-access policy rule reports it until the
     * workload waives the rule ({@code waive(PolicyCheck.HOST_ACCESS, "<why>")}). Mount it read-only ({@link ContainerDef#withReadOnlyMount})
     * unless the pods must write to the node.
     *
     * @param path an absolute path on the node
     * @param type what the path must be; default {@link HostPathType#DIRECTORY}, which must exist
     */
    record HostPath(String name, String path, HostPathType type) implements VolumeDef {
        public HostPath {
            Names.require(Names.Rule.DNS1123_LABEL, "Volume", "name", name);
            if (path == null || !path.startsWith("/") || List.of(path.split("/")).contains("..")) {
                throw InvalidDefinitionException.invalid("Volume " + name, "hostPath", path,
                        "must be an absolute path without '..'", "For example \"/var/log\".");
            }
            Given.value("Volume " + name, "type", type);
        }

        /** A copy whose path must be {@code type} on the node, e.g. {@link HostPathType#SOCKET} for a container runtime's socket. */
        public HostPath withType(HostPathType type) {
            return new HostPath(name, path, Given.value("Volume " + name, "type", type));
        }
    }

    /**
     * A source (key or field) and the relative file path it is written to.
     *
     * @param mode the file's own mode; default the volume's
     */
    record KeyFile<S>(S source, String path, Optional<FileMode> mode) {
        public KeyFile {
            Given.value("Volume item " + path, "mode", mode);
        }
    }

    /** {@code Volume <name>}: how problems of a volume start. */
    private static String subject(String name) {
        return "Volume " + name;
    }
}
