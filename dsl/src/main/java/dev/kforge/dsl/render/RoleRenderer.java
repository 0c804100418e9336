package dev.kforge.dsl.render;

import dev.kforge.dsl.rbac.RoleDef;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.Optional;

final class RoleRenderer implements ObjectRenderer<RoleDef> {
    @Override
    public Class<RoleDef> sourceType() {
        return RoleDef.class;
    }

    @Override
    public Optional<HasMetadata> render(RoleDef role, Stack stack) {
        Role rendered = new Role();
        rendered.setMetadata(Metadata.of(role, stack));
        rendered.setRules(RbacParts.rules(role.rules()));
        return Optional.of(rendered);
    }
}
