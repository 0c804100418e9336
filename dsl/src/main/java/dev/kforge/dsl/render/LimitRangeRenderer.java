package dev.kforge.dsl.render;

import dev.kforge.dsl.quota.LimitRangeDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Resources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.LimitRangeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Container defaults: the requests as {@code defaultRequest}, the limits as {@code default}. */
final class LimitRangeRenderer implements ObjectRenderer<LimitRangeDef> {
    @Override
    public Class<LimitRangeDef> sourceType() {
        return LimitRangeDef.class;
    }

    @Override
    public Optional<HasMetadata> render(LimitRangeDef limitRange, Stack stack) {
        Resources defaults = limitRange.containerDefaults();
        LimitRangeItem container = new LimitRangeItem();
        container.setType("Container");
        container.setDefaultRequest(ResourceMaps.requests(defaults));
        container.setDefault(ResourceMaps.limits(defaults));
        LimitRangeSpec spec = new LimitRangeSpec();
        spec.setLimits(new ArrayList<>(List.of(container)));
        LimitRange rendered = new LimitRange();
        rendered.setMetadata(Metadata.of(limitRange, stack));
        rendered.setSpec(spec);
        return Optional.of(rendered);
    }
}
