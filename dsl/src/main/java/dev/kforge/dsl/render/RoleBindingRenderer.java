package dev.kforge.dsl.render;

import dev.kforge.dsl.rbac.RoleBindingDef;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.Optional;

final class RoleBindingRenderer implements ObjectRenderer<RoleBindingDef> {
    @Override
    public Class<RoleBindingDef> sourceType() {
        return RoleBindingDef.class;
    }

    @Override
    public Optional<HasMetadata> render(RoleBindingDef binding, Stack stack) {
        RoleBinding rendered = new RoleBinding();
        rendered.setMetadata(Metadata.of(binding, stack));
        rendered.setRoleRef(RbacParts.roleRef(binding.role()));
        rendered.setSubjects(RbacParts.subjects(binding.subjects(), stack));
        return Optional.of(rendered);
    }
}
