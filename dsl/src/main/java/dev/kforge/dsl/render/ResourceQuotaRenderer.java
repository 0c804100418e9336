package dev.kforge.dsl.render;

import dev.kforge.dsl.quota.ResourceQuotaDef;
import dev.kforge.dsl.quota.StorageQuota;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.PodPriority;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaSpec;
import io.fabric8.kubernetes.api.model.ScopeSelector;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A namespace's quota, its scope of PriorityClasses, and its limits under their API names ({@code requests.cpu}, {@code pods}, {@code ssd.storageclass.storage.k8s.io/requests.storage}). */
final class ResourceQuotaRenderer implements ObjectRenderer<ResourceQuotaDef> {
    @Override
    public Class<ResourceQuotaDef> sourceType() {
        return ResourceQuotaDef.class;
    }

    @Override
    public Optional<HasMetadata> render(ResourceQuotaDef quota, Stack stack) {
        Map<String, Quantity> hard = new LinkedHashMap<>();
        quota.requestsCpu().ifPresent(cpu -> hard.put("requests.cpu", new Quantity(cpu.quantity())));
        quota.requestsMemory().ifPresent(memory -> hard.put("requests.memory", new Quantity(memory.quantity())));
        quota.limitsCpu().ifPresent(cpu -> hard.put("limits.cpu", new Quantity(cpu.quantity())));
        quota.limitsMemory().ifPresent(memory -> hard.put("limits.memory", new Quantity(memory.quantity())));
        quota.requestsEphemeralStorage().ifPresent(total -> hard.put("requests.ephemeral-storage", new Quantity(total.quantity())));
        quota.limitsEphemeralStorage().ifPresent(total -> hard.put("limits.ephemeral-storage", new Quantity(total.quantity())));
        quota.pods().ifPresent(pods -> hard.put("pods", new Quantity(Integer.toString(pods))));
        for (StorageQuota storage : quota.storage()) {
            storage.requests().ifPresent(total -> hard.put(storage.requestsKey(), new Quantity(total.quantity())));
            storage.claims().ifPresent(claims -> hard.put(storage.claimsKey(), new Quantity(Integer.toString(claims))));
        }
        ResourceQuotaSpec spec = new ResourceQuotaSpec();
        spec.setHard(hard);
        if (!quota.priorityClasses().isEmpty()) {
            ScopedResourceSelectorRequirement classes = new ScopedResourceSelectorRequirement();
            classes.setScopeName("PriorityClass");
            classes.setOperator("In");
            classes.setValues(quota.priorityClasses().stream().map(PodPriority::name).toList());
            spec.setScopeSelector(new ScopeSelector(List.of(classes)));
        }
        ResourceQuota rendered = new ResourceQuota();
        rendered.setMetadata(Metadata.of(quota, stack));
        rendered.setSpec(spec);
        return Optional.of(rendered);
    }
}
