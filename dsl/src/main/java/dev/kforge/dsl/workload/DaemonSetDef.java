package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.RawEdit;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A DaemonSet (apps/v1): one pod on each node, for node agents (log shippers, metrics exporters).
 * Start with {@code DaemonSetDef.named("node-exporter").running(container)}. Its pods get the
 * labels, security defaults and checks of a Deployment's; a Service may select them. An agent reads
 * the node's files through {@link Volumes#hostPath}, which only a privileged namespace admits, where the host-access
 * policy rule reports it unless the DaemonSet waives it.
 *
 * @param component the {@code app.kubernetes.io/component} label; default none
 * @param pod       what the pods run (see {@link PodTemplate})
 * @param update    default {@link DaemonSetUpdate#ROLLING}, one node at a time
 */
public record DaemonSetDef(Meta meta, Optional<String> component, PodTemplate pod, DaemonSetUpdate update,
                           List<RawEdit<DaemonSet>> rawEdits) implements Workload<DaemonSetDef> {

    public DaemonSetDef {
        rawEdits = List.copyOf(rawEdits);
        String subject = Kind.DAEMON_SET + " " + meta.name();
        Given.value(subject, "component", component);
        Given.value(subject, "pod", pod);
        component.ifPresent(c -> Names.requireLabelValue(subject, Labels.COMPONENT, c));
        if (update == null) {
            throw new InvalidDefinitionException(subject + ": update is missing. Use DaemonSetUpdate.ROLLING, the default.");
        }
        pod.refuseClaims(subject);
    }

    /** The first step: a DaemonSet needs a name and its main container. */
    public static ContainerStep named(String name) {
        Meta meta = Meta.named(Kind.DAEMON_SET, name);
        WorkloadNames.requireLabelLength("DaemonSet " + name, name);
        return new ContainerStep(meta);
    }

    /** The step that takes the required main container. */
    public record ContainerStep(Meta meta) {
        public DaemonSetDef running(ContainerDef main) {
            PodTemplate pod = InvalidDefinitionException.reportedAs(Kind.DAEMON_SET + " " + meta.name(), () -> PodTemplate.running(main));
            return new DaemonSetDef(meta, Optional.empty(), pod, DaemonSetUpdate.ROLLING, List.of());
        }
    }

    @Override
    public Kind kind() {
        return Kind.DAEMON_SET;
    }

    @Override
    public DaemonSetDef withMeta(Meta meta) {
        return new DaemonSetDef(Given.value(describe(), "meta", meta), component, pod, update, rawEdits);
    }

    @Override
    public DaemonSetDef withPod(PodTemplate pod) {
        return new DaemonSetDef(meta, component, pod, update, rawEdits);
    }

    public DaemonSetDef withComponent(String component) {
        return new DaemonSetDef(meta, Optional.of(Given.optional(describe(), "component", component)), pod, update, rawEdits);
    }

    public DaemonSetDef withUpdate(DaemonSetUpdate update) {
        return new DaemonSetDef(meta, component, pod, update, rawEdits);
    }

    /** A copy with an escape-hatch edit of the rendered fabric8 DaemonSet (e.g. tolerations for tainted nodes). */
    public DaemonSetDef withRawEdit(String reason, Consumer<DaemonSet> edit) {
        return new DaemonSetDef(meta, component, pod, update, Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }
}
