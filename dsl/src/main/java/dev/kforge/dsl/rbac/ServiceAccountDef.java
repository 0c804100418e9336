package dev.kforge.dsl.rbac;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.List;
import java.util.function.Consumer;

/**
 * A ServiceAccount of the stack's namespace. Its token is not mounted by default
 * ({@code automountServiceAccountToken: false}); a workload that calls the API opts in.
 */
public record ServiceAccountDef(Meta meta, List<RawEdit<ServiceAccount>> rawEdits)
        implements KubeObject<ServiceAccountDef>, Subject {

    public ServiceAccountDef {
        rawEdits = List.copyOf(rawEdits);
    }

    public static ServiceAccountDef named(String name) {
        return new ServiceAccountDef(Meta.named(Kind.SERVICE_ACCOUNT, name), List.of());
    }

    @Override
    public String name() {
        return meta.name();
    }

    @Override
    public Kind kind() {
        return Kind.SERVICE_ACCOUNT;
    }

    @Override
    public ServiceAccountDef withMeta(Meta meta) {
        return new ServiceAccountDef(Given.value(describe(), "meta", meta), rawEdits);
    }

    public ServiceAccountDef withRawEdit(String reason, Consumer<ServiceAccount> edit) {
        return new ServiceAccountDef(meta, Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }
}
