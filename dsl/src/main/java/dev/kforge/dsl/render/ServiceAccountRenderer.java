package dev.kforge.dsl.render;

import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.Optional;

/** ServiceAccounts never mount their token by default; workloads opt in. */
final class ServiceAccountRenderer implements ObjectRenderer<ServiceAccountDef> {
    @Override
    public Class<ServiceAccountDef> sourceType() {
        return ServiceAccountDef.class;
    }

    @Override
    public Optional<HasMetadata> render(ServiceAccountDef account, Stack stack) {
        ServiceAccount rendered = new ServiceAccount();
        rendered.setMetadata(Metadata.of(account, stack));
        rendered.setAutomountServiceAccountToken(false);
        return Optional.of(rendered);
    }
}
