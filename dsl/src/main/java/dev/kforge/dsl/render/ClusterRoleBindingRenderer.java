package dev.kforge.dsl.render;

import dev.kforge.dsl.rbac.ClusterRoleBindingDef;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.util.Optional;

final class ClusterRoleBindingRenderer implements ObjectRenderer<ClusterRoleBindingDef> {
    @Override
    public Class<ClusterRoleBindingDef> sourceType() {
        return ClusterRoleBindingDef.class;
    }

    @Override
    public Optional<HasMetadata> render(ClusterRoleBindingDef binding, Stack stack) {
        ClusterRoleBinding rendered = new ClusterRoleBinding();
        rendered.setMetadata(Metadata.of(binding, stack));
        rendered.setRoleRef(RbacParts.roleRef(binding.role()));
        rendered.setSubjects(RbacParts.subjects(binding.subjects(), stack));
        return Optional.of(rendered);
    }
}
