package dev.kforge.dsl.render;

import dev.kforge.dsl.rbac.RoleDef;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.Optional;

final class RoleRenderer implements ObjectRenderer<RoleDef> {
    @Override
    public Class<RoleDef> sourceType() {
        return RoleDef.class;
    }

    @Override
    public Optional<HasMetadata> render(RoleDef role, Stack stack) {
        return Optional.of(new RoleBuilder().withMetadata(Metadata.of(role, stack)).withRules(RbacParts.rules(role.rules())).build());
    }
}
