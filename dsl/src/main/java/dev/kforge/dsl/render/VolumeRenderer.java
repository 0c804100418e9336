package dev.kforge.dsl.render;

import dev.kforge.dsl.workload.VolumeDef;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFileBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.List;

/** Renders the pod volumes derived from the containers' mounts. */
final class VolumeRenderer {
    private VolumeRenderer() {
    }

    static Volume render(VolumeDef volume) {
        VolumeBuilder builder = new VolumeBuilder().withName(volume.name());
        if (volume instanceof VolumeDef.EmptyDir empty) {
            return builder.withNewEmptyDir()
                    .withMedium(empty.inMemory() ? "Memory" : null)
                    .withSizeLimit(empty.sizeLimit().map(limit -> new Quantity(limit.quantity())).orElse(null))
                    .endEmptyDir().build();
        }
        if (volume instanceof VolumeDef.FromConfigMap config) {
            List<KeyToPath> items = config.items().stream()
                    .map(item -> keyToPath(item.source().key(), item.path())).toList();
            return builder.withNewConfigMap().withName(config.configMap().name())
                    .withItems(items.isEmpty() ? null : items).endConfigMap().build();
        }
        if (volume instanceof VolumeDef.FromSecret secret) {
            List<KeyToPath> items = secret.items().stream()
                    .map(item -> keyToPath(item.source().key(), item.path())).toList();
            return builder.withNewSecret().withSecretName(secret.secret().name())
                    .withItems(items.isEmpty() ? null : items).endSecret().build();
        }
        VolumeDef.DownwardApi downward = (VolumeDef.DownwardApi) volume;
        return builder.withNewDownwardAPI()
                .withItems(downward.files().stream().map(file -> new DownwardAPIVolumeFileBuilder()
                        .withPath(file.path())
                        .withNewFieldRef().withApiVersion("v1").withFieldPath(file.source().path()).endFieldRef()
                        .build()).toList())
                .endDownwardAPI().build();
    }

    private static KeyToPath keyToPath(String key, String path) {
        return new KeyToPathBuilder().withKey(key).withPath(path).build();
    }
}
