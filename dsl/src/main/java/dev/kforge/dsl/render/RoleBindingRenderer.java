package dev.kforge.dsl.render;

import dev.kforge.dsl.rbac.RoleBindingDef;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.util.Optional;

final class RoleBindingRenderer implements ObjectRenderer<RoleBindingDef> {
    @Override
    public Class<RoleBindingDef> sourceType() {
        return RoleBindingDef.class;
    }

    @Override
    public Optional<HasMetadata> render(RoleBindingDef binding, Stack stack) {
        return Optional.of(new RoleBindingBuilder()
                .withMetadata(Metadata.of(binding, stack))
                .withRoleRef(RbacParts.roleRef(binding.role()))
                .withSubjects(RbacParts.subjects(binding.subjects(), stack))
                .build());
    }
}
