package dev.kforge.dsl.render;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

final class ConfigMapRenderer implements ObjectRenderer<ConfigMapDef> {
    @Override
    public Class<ConfigMapDef> sourceType() {
        return ConfigMapDef.class;
    }

    @Override
    public Optional<HasMetadata> render(ConfigMapDef configMap, Stack stack) {
        ConfigMap rendered = new ConfigMap();
        rendered.setMetadata(Metadata.of(configMap, stack));
        rendered.setData(Metadata.map(configMap.data()));
        return Optional.of(rendered);
    }
}
