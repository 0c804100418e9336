package dev.kforge.dsl.render;

import dev.kforge.dsl.rbac.ClusterRoleBindingDef;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import java.util.Optional;

final class ClusterRoleBindingRenderer implements ObjectRenderer<ClusterRoleBindingDef> {
    @Override
    public Class<ClusterRoleBindingDef> sourceType() {
        return ClusterRoleBindingDef.class;
    }

    @Override
    public Optional<HasMetadata> render(ClusterRoleBindingDef binding, Stack stack) {
        return Optional.of(new ClusterRoleBindingBuilder()
                .withMetadata(Metadata.of(binding, stack))
                .withRoleRef(RbacParts.roleRef(binding.role()))
                .withSubjects(RbacParts.subjects(binding.subjects(), stack))
                .build());
    }
}
