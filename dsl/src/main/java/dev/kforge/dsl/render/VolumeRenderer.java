package dev.kforge.dsl.render;

import dev.kforge.dsl.workload.FileMode;
import dev.kforge.dsl.workload.PodField;
import dev.kforge.dsl.workload.ProjectedSource;
import dev.kforge.dsl.workload.VolumeAccessMode;
import dev.kforge.dsl.workload.VolumeDef;
import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.DownwardAPIProjection;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeSource;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Renders the pod volumes derived from the containers' mounts. */
final class VolumeRenderer {
    private VolumeRenderer() {
    }

    static Volume render(VolumeDef definition) {
        Volume volume = new Volume();
        volume.setName(definition.name());
        if (definition instanceof VolumeDef.EmptyDir empty) {
            EmptyDirVolumeSource source = new EmptyDirVolumeSource();
            source.setMedium(empty.inMemory() ? "Memory" : null);
            source.setSizeLimit(empty.sizeLimit().map(limit -> new Quantity(limit.quantity())).orElse(null));
            volume.setEmptyDir(source);
        } else if (definition instanceof VolumeDef.FromConfigMap config) {
            ConfigMapVolumeSource source = new ConfigMapVolumeSource();
            source.setName(config.configMap().name());
            List<KeyToPath> items = config.items().stream().map(item -> keyToPath(item.source().key(), item)).toList();
            source.setItems(items.isEmpty() ? null : items);
            source.setDefaultMode(bits(config.defaultMode()));
            volume.setConfigMap(source);
        } else if (definition instanceof VolumeDef.FromSecret secret) {
            SecretVolumeSource source = new SecretVolumeSource();
            source.setSecretName(secret.secret().name());
            List<KeyToPath> items = secret.items().stream().map(item -> keyToPath(item.source().key(), item)).toList();
            source.setItems(items.isEmpty() ? null : items);
            source.setDefaultMode(bits(secret.defaultMode()));
            volume.setSecret(source);
        } else if (definition instanceof VolumeDef.DownwardApi downward) {
            DownwardAPIVolumeSource source = new DownwardAPIVolumeSource();
            source.setItems(downwardFiles(downward.files()));
            source.setDefaultMode(bits(downward.defaultMode()));
            volume.setDownwardAPI(source);
        } else if (definition instanceof VolumeDef.Projected projected) {
            ProjectedVolumeSource source = new ProjectedVolumeSource();
            source.setSources(new ArrayList<>(projected.sources().stream().map(VolumeRenderer::projection).toList())); // raw edits may add to it
            source.setDefaultMode(bits(projected.defaultMode()));
            volume.setProjected(source);
        } else if (definition instanceof VolumeDef.PersistentClaim shared) {
            PersistentVolumeClaimVolumeSource source = new PersistentVolumeClaimVolumeSource();
            source.setClaimName(shared.claim().name());
            // Block storage attaches a disk the pod does not declare read-only read-write, to one node only.
            source.setReadOnly(shared.claim().accessMode() == VolumeAccessMode.READ_ONLY_MANY ? Boolean.TRUE : null);
            volume.setPersistentVolumeClaim(source);
        } else if (definition instanceof VolumeDef.HostPath node) {
            volume.setHostPath(new HostPathVolumeSource(node.path(), node.type().apiValue()));
        } else {
            throw new IllegalArgumentException("Volume " + definition.name() + " is a StatefulSet's claim template, not a pod volume");
        }
        return volume;
    }

    private static VolumeProjection projection(ProjectedSource source) {
        VolumeProjection projection = new VolumeProjection();
        if (source instanceof ProjectedSource.OfConfigMap config) {
            List<KeyToPath> items = config.items().stream().map(item -> keyToPath(item.source().key(), item)).toList();
            ConfigMapProjection rendered = new ConfigMapProjection();
            rendered.setName(config.configMap().name());
            rendered.setItems(items.isEmpty() ? null : items);
            projection.setConfigMap(rendered);
        } else if (source instanceof ProjectedSource.OfSecret secret) {
            List<KeyToPath> items = secret.items().stream().map(item -> keyToPath(item.source().key(), item)).toList();
            SecretProjection rendered = new SecretProjection();
            rendered.setName(secret.secret().name());
            rendered.setItems(items.isEmpty() ? null : items);
            projection.setSecret(rendered);
        } else if (source instanceof ProjectedSource.OfDownwardApi downward) {
            projection.setDownwardAPI(new DownwardAPIProjection(downwardFiles(downward.files())));
        } else {
            ProjectedSource.ServiceAccountToken token = (ProjectedSource.ServiceAccountToken) source;
            ServiceAccountTokenProjection rendered = new ServiceAccountTokenProjection();
            rendered.setAudience(token.audience());
            rendered.setExpirationSeconds(token.expiration().getSeconds());
            rendered.setPath(token.path());
            projection.setServiceAccountToken(rendered);
        }
        return projection;
    }

    private static List<DownwardAPIVolumeFile> downwardFiles(List<VolumeDef.KeyFile<PodField>> files) {
        return files.stream().map(file -> {
            DownwardAPIVolumeFile rendered = new DownwardAPIVolumeFile();
            rendered.setPath(file.path());
            rendered.setFieldRef(new ObjectFieldSelector("v1", file.source().path()));
            rendered.setMode(bits(file.mode()));
            return rendered;
        }).toList();
    }

    private static KeyToPath keyToPath(String key, VolumeDef.KeyFile<?> file) {
        KeyToPath item = new KeyToPath();
        item.setKey(key);
        item.setPath(file.path());
        item.setMode(bits(file.mode()));
        return item;
    }

    /** The mode as the API's integer (written in decimal: 0440 is 288); null, not written, when the definition gives none. */
    private static Integer bits(Optional<FileMode> mode) {
        return mode.map(FileMode::bits).orElse(null);
    }
}
