package dev.kforge.dsl.render;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

/**
 * Secrets are declared so that references to them can be checked, but their values never pass
 * through the renderer: nothing is written for them here.
 */
final class SecretRenderer implements ObjectRenderer<SecretDef> {
    @Override
    public Class<SecretDef> sourceType() {
        return SecretDef.class;
    }

    @Override
    public Optional<HasMetadata> render(SecretDef secret, Stack stack) {
        return Optional.empty();
    }
}
