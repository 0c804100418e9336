package dev.kforge.dsl.render;

import dev.kforge.dsl.rbac.ClusterRoleDef;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import java.util.Optional;

final class ClusterRoleRenderer implements ObjectRenderer<ClusterRoleDef> {
    @Override
    public Class<ClusterRoleDef> sourceType() {
        return ClusterRoleDef.class;
    }

    @Override
    public Optional<HasMetadata> render(ClusterRoleDef role, Stack stack) {
        return Optional.of(new ClusterRoleBuilder().withMetadata(Metadata.of(role, stack)).withRules(RbacParts.rules(role.rules())).build());
    }
}
