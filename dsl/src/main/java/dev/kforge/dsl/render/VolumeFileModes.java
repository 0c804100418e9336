package dev.kforge.dsl.render;

import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.DownwardAPIProjection;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a rendered Secret, ConfigMap, Downward API or projected volume writes and their modes, as one checked field:
 * {@code defaultMode 0400, tls.crt, tls.key 0440} (in octal, as FileMode gives them; an item without a mode takes the
 * volume's); empty for other volumes.
 */
final class VolumeFileModes {
    private VolumeFileModes() {
    }

    static String of(Volume volume) {
        List<String> modes = new ArrayList<>();
        if (volume.getSecret() != null) {
            add(modes, "defaultMode", volume.getSecret().getDefaultMode());
            keys(modes, volume.getSecret().getItems());
        } else if (volume.getConfigMap() != null) {
            add(modes, "defaultMode", volume.getConfigMap().getDefaultMode());
            keys(modes, volume.getConfigMap().getItems());
        } else if (volume.getDownwardAPI() != null) {
            add(modes, "defaultMode", volume.getDownwardAPI().getDefaultMode());
            files(modes, volume.getDownwardAPI().getItems());
        } else if (volume.getProjected() != null) {
            add(modes, "defaultMode", volume.getProjected().getDefaultMode());
            for (VolumeProjection source : RawEditResultCheck.orEmpty(volume.getProjected().getSources())) {
                SecretProjection secret = source.getSecret();
                ConfigMapProjection config = source.getConfigMap();
                DownwardAPIProjection downward = source.getDownwardAPI();
                if (secret != null) {
                    keys(modes, secret.getItems());
                } else if (config != null) {
                    keys(modes, config.getItems());
                } else if (downward != null) {
                    files(modes, downward.getItems());
                }
            }
        } else {
            return "";
        }
        return modes.isEmpty() ? "defaultMode unset" : String.join(", ", modes);
    }

    private static void keys(List<String> modes, List<KeyToPath> items) {
        RawEditResultCheck.orEmpty(items).forEach(item -> item(modes, item.getPath(), item.getMode()));
    }

    private static void files(List<String> modes, List<DownwardAPIVolumeFile> items) {
        RawEditResultCheck.orEmpty(items).forEach(item -> item(modes, item.getPath(), item.getMode()));
    }

    private static void item(List<String> modes, String path, Integer mode) {
        modes.add(mode == null ? path : path + " " + octal(mode));
    }

    private static void add(List<String> modes, String what, Integer mode) {
        if (mode != null) {
            modes.add(what + " " + octal(mode));
        }
    }

    private static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
