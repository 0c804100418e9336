package dev.kforge.dsl.workload;

import dev.kforge.dsl.config.ConfigMapKey;
import dev.kforge.dsl.config.SecretKey;
import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.KubeObject;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One key's file of a ConfigMap or Secret volume, mounted at a path of its own ({@code subPath}), read-only. */
final class FileMounts {
    private FileMounts() {
    }

    static VolumeMount of(String subject, VolumeDef.FromConfigMap volume, ConfigMapKey key, String path) {
        Given.value(subject, "file mount at " + path + ": key", key);
        return mount(subject, path, Given.value(subject, "file mount at " + path + ": volume", volume), volume.configMap(),
                key.configMap(), key.key(), volume.items(), ConfigMapKey::key, "ConfigMapDef");
    }

    static VolumeMount of(String subject, VolumeDef.FromSecret volume, SecretKey key, String path) {
        Given.value(subject, "file mount at " + path + ": key", key);
        return mount(subject, path, Given.value(subject, "file mount at " + path + ": volume", volume), volume.secret(),
                key.secret(), key.key(), volume.items(), SecretKey::key, "SecretDef");
    }

    /**
     * The file {@code key} of {@code held}, which {@code volume} holds: the key's name where the volume writes every key,
     * else the path of the key's item (a volume with items writes only those).
     */
    private static <K> VolumeMount mount(String subject, String path, VolumeDef volume, KubeObject<?> held, KubeObject<?> keyOf, String key,
                                         List<VolumeDef.KeyFile<K>> items, Function<K, String> keyName, String type) {
        String field = "file mount at " + path + ": key";
        if (!keyOf.name().equals(held.name())) {
            throw InvalidDefinitionException.invalid(subject, field, key + " of " + keyOf.describe(),
                    "must be a key of " + held.describe() + ", which volume " + volume.name() + " holds",
                    "Take the key from the " + type + " the volume was built from.");
        }
        if (items.isEmpty()) {
            return new VolumeMount(volume, path, true, Optional.of(key));
        }
        return new VolumeMount(volume, path, true, Optional.of(items.stream().filter(item -> keyName.apply(item.source()).equals(key))
                .map(VolumeDef.KeyFile::path).findFirst()
                .orElseThrow(() -> InvalidDefinitionException.invalid(subject, field, key, "is no file of volume " + volume.name()
                                + ", which writes only the keys of its items " + items.stream().map(item -> keyName.apply(item.source())).toList()
                                + ": the kubelet would mount an empty directory there",
                        "Add withItem(key, \"" + key + "\") to the volume, or mount a volume of " + held.describe() + " without items."))));
    }
}
