package dev.kforge.dsl.workload;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.ConfigMapKey;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretKey;
import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
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
            return new EmptyDir(name, inMemory, Optional.of(Given.value("Volume " + name, "sizeLimit", limit)));
        }
    }

    /**
     * The keys of a ConfigMap as files.
     *
     * @param items the keys to project and their file paths; empty projects every key under its own name
     */
    record FromConfigMap(String name, ConfigMapDef configMap, List<KeyFile<ConfigMapKey>> items) implements VolumeDef {
        public FromConfigMap {
            Names.require(Names.Rule.DNS1123_LABEL, "Volume", "name", name);
            Given.value("Volume " + name, "configMap", configMap);
            items = Given.all("Volume " + name, "items", items);
        }

        /** A copy projecting only {@code key}, at {@code path} relative to the mount. */
        public FromConfigMap withItem(ConfigMapKey key, String path) {
            List<KeyFile<ConfigMapKey>> copy = new ArrayList<>(items);
            copy.add(new KeyFile<>(Given.value("Volume " + name, "key", key), checkRelativePath(name, path)));
            return new FromConfigMap(name, configMap, copy);
        }
    }

    /** The keys of a Secret as files. */
    record FromSecret(String name, SecretDef secret, List<KeyFile<SecretKey>> items) implements VolumeDef {
        public FromSecret {
            Names.require(Names.Rule.DNS1123_LABEL, "Volume", "name", name);
            Given.value("Volume " + name, "secret", secret);
            items = Given.all("Volume " + name, "items", items);
        }

        public FromSecret withItem(SecretKey key, String path) {
            List<KeyFile<SecretKey>> copy = new ArrayList<>(items);
            copy.add(new KeyFile<>(Given.value("Volume " + name, "key", key), checkRelativePath(name, path)));
            return new FromSecret(name, secret, copy);
        }
    }

    /** Pod fields as files (labels and annotations only work this way). */
    record DownwardApi(String name, List<KeyFile<PodField>> files) implements VolumeDef {
        public DownwardApi {
            Names.require(Names.Rule.DNS1123_LABEL, "Volume", "name", name);
            files = List.copyOf(files);
        }

        /** A copy with {@code field} written to the file {@code path}. */
        public DownwardApi withFile(String path, PodField field) {
            if (Given.value("Volume " + name, "field", field).path().startsWith("status.") || field.path().startsWith("spec.")) {
                throw InvalidDefinitionException.invalid("Volume " + name, "downwardAPI field", field.path(),
                        "is only available to env vars (volumes support metadata fields)", "Use Env.from(name, field).");
            }
            List<KeyFile<PodField>> copy = new ArrayList<>(files);
            copy.add(new KeyFile<>(field, checkRelativePath(name, path)));
            return new DownwardApi(name, copy);
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
            storageClass.ifPresent(className -> Names.require(Names.Rule.DNS1123_SUBDOMAIN, "Volume " + name, "storageClassName", className));
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
                throw InvalidDefinitionException.invalid("Volume " + name, "hostPath", String.valueOf(path),
                        "must be an absolute path without '..'", "For example \"/var/log\".");
            }
            Given.value("Volume " + name, "type", type);
        }

        /** A copy whose path must be {@code type} on the node, e.g. {@link HostPathType#SOCKET} for a container runtime's socket. */
        public HostPath withType(HostPathType type) {
            return new HostPath(name, path, Given.value("Volume " + name, "type", type));
        }
    }

    /** A source (key or field) and the relative file path it is written to. */
    record KeyFile<S>(S source, String path) {
    }

    private static String checkRelativePath(String volume, String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || List.of(path.split("/")).contains("..")) {
            throw InvalidDefinitionException.invalid("Volume " + volume, "item path", String.valueOf(path),
                    "must be a relative path without '..'", "For example \"app.properties\".");
        }
        return path;
    }
}
