package dev.kforge.dsl.render;

import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.List;

/**
 * The ConfigMaps and Secrets a rendered volume reads, with the keys of its items, as one checked field:
 * {@code ConfigMap shop-config [app.ini], Secret shop-tls} (every key where no items are listed); empty for other volumes.
 * The reference checks read them from the definition: an edit naming another object or key would mount what no check saw.
 */
final class VolumeSources {
    private VolumeSources() {
    }

    static String of(Volume volume) {
        List<String> sources = new ArrayList<>();
        if (volume.getConfigMap() != null) {
            add(sources, "ConfigMap", volume.getConfigMap().getName(), volume.getConfigMap().getItems());
        } else if (volume.getSecret() != null) {
            add(sources, "Secret", volume.getSecret().getSecretName(), volume.getSecret().getItems());
        } else if (volume.getProjected() != null) {
            for (VolumeProjection source : RawEditResultCheck.orEmpty(volume.getProjected().getSources())) {
                if (source.getConfigMap() != null) {
                    add(sources, "ConfigMap", source.getConfigMap().getName(), source.getConfigMap().getItems());
                } else if (source.getSecret() != null) {
                    add(sources, "Secret", source.getSecret().getName(), source.getSecret().getItems());
                }
            }
        }
        return String.join(", ", sources);
    }

    private static void add(List<String> sources, String kind, String name, List<KeyToPath> items) {
        List<String> keys = RawEditResultCheck.orEmpty(items).stream().map(KeyToPath::getKey).toList();
        sources.add(kind + " " + name + (keys.isEmpty() ? "" : " " + keys));
    }
}
