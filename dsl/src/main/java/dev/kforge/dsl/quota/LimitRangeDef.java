package dev.kforge.dsl.quota;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import dev.kforge.dsl.workload.Resources;
import io.fabric8.kubernetes.api.model.LimitRange;
import java.util.List;
import java.util.function.Consumer;

/**
 * A LimitRange (v1) giving the containers of the stack's namespace the requests and limits they do
 * not set themselves, so that a {@link ResourceQuotaDef} admits them. Start with
 * {@code LimitRangeDef.named("defaults").withContainerDefaults(Resources.requests(Cpu.millis(100), Memory.mebibytes(128)))}.
 *
 * @param containerDefaults the requests ({@code defaultRequest}) and limits ({@code default}) of a container that sets none: cpu,
 *                          memory and ephemeral storage
 */
public record LimitRangeDef(Meta meta, Resources containerDefaults, List<RawEdit<LimitRange>> rawEdits) implements KubeObject<LimitRangeDef> {

    public LimitRangeDef {
        rawEdits = List.copyOf(rawEdits);
        if (containerDefaults == null) {
            throw new InvalidDefinitionException(Kind.LIMIT_RANGE + " " + meta.name() + ": the container defaults are missing. "
                    + "Give them with withContainerDefaults(Resources...).");
        }
    }

    /** A LimitRange without defaults yet: give them with {@link #withContainerDefaults}. */
    public static LimitRangeDef named(String name) {
        return new LimitRangeDef(Meta.named(Kind.LIMIT_RANGE, name), Resources.NONE, List.of());
    }

    @Override
    public Kind kind() {
        return Kind.LIMIT_RANGE;
    }

    @Override
    public LimitRangeDef withMeta(Meta meta) {
        return new LimitRangeDef(Given.value(describe(), "meta", meta), containerDefaults, rawEdits);
    }

    /** What a container that sets no request or limit of its own gets. */
    public LimitRangeDef withContainerDefaults(Resources defaults) {
        return new LimitRangeDef(meta, defaults, rawEdits);
    }

    /**
     * A copy with an escape-hatch edit of the rendered fabric8 LimitRange, for limits of other types (pods, claims); what
     * it gives or allows containers stays the definition's, which the checks read.
     */
    public LimitRangeDef withRawEdit(String reason, Consumer<LimitRange> edit) {
        return new LimitRangeDef(meta, containerDefaults, Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }
}
