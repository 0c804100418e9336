package dev.kforge.dsl.render;

import dev.kforge.dsl.rbac.ClusterRoleDef;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import java.util.Optional;

final class ClusterRoleRenderer implements ObjectRenderer<ClusterRoleDef> {
    @Override
    public Class<ClusterRoleDef> sourceType() {
        return ClusterRoleDef.class;
    }

    @Override
    public Optional<HasMetadata> render(ClusterRoleDef role, Stack stack) {
        ClusterRole rendered = new ClusterRole();
        rendered.setMetadata(Metadata.of(role, stack));
        rendered.setRules(RbacParts.rules(role.rules()));
        return Optional.of(rendered);
    }
}
