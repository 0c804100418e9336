package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.RawEdit;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Deployment. Start with {@code DeploymentDef.named("tgr").running(mainContainer)}.
 *
 * <p>Its pods are labelled with the recommended {@code app.kubernetes.io/*} labels, and its
 * selector is derived from the stable part of them (name, instance, component), so the selector is
 * never typed by hand and never includes the version.
 *
 * @param component          the {@code app.kubernetes.io/component} label; default none
 * @param fixedReplicas      the pods to run, set with {@link #withReplicas}; empty: 1, or what a
 *                           {@link HorizontalPodAutoscalerDef} of the stack decides
 * @param pod                what the pods run: containers, service account, security (see {@link PodTemplate})
 * @param strategy           default {@link DeploymentStrategy#DEFAULT} (rolling, 25%/25%)
 * @param selectorExpressions extra set-based selector requirements; default none
 * @param nodeSpread         default {@link NodeSpread#PREFERRED}: pods prefer nodes without another pod of the Deployment
 * @param zoneSpread         default {@link ZoneSpread#PREFERRED}: pods spread evenly over zones where the scheduler can
 * @param topologySpreads    further spread constraints of its pods, over any node label, in the order given; default none
 */
public record DeploymentDef(Meta meta, Optional<String> component, Optional<Integer> fixedReplicas, PodTemplate pod,
                            DeploymentStrategy strategy, List<LabelExpression> selectorExpressions, NodeSpread nodeSpread,
                            ZoneSpread zoneSpread, List<TopologySpread> topologySpreads, List<RawEdit<Deployment>> rawEdits)
        implements ReplicatedWorkload<DeploymentDef> {

    public DeploymentDef {
        selectorExpressions = List.copyOf(selectorExpressions);
        rawEdits = List.copyOf(rawEdits);
        String subject = Kind.DEPLOYMENT + " " + meta.name();
        Given.value(subject, "component", component);
        Given.value(subject, "fixedReplicas", fixedReplicas);
        Given.value(subject, "pod", pod);
        // The renderer read a null strategy as Recreate, and a null zone spread failed while rendering.
        Given.value(subject, "strategy", strategy);
        Given.value(subject, "nodeSpread", nodeSpread);
        Given.value(subject, "zoneSpread", zoneSpread);
        topologySpreads = Given.all(subject, "topologySpreads", topologySpreads);
        TopologySpread.requireDistinct(subject, zoneSpread, topologySpreads);
        fixedReplicas.ifPresent(replicas -> {
            if (replicas < 0) {
                throw InvalidDefinitionException.invalid(subject, "replicas", replicas, "must not be negative",
                        "Use 0 to stop every pod, or the number of pods to run.");
            }
        });
        component.ifPresent(c -> Names.requireLabelValue(subject, Labels.COMPONENT, c));
        pod.refuseClaims(subject);
    }

    /** The first step: a Deployment needs a name and its main container. */
    public static ContainerStep named(String name) {
        Meta meta = Meta.named(Kind.DEPLOYMENT, name);
        WorkloadNames.requireLabelLength("Deployment " + name, name);
        return new ContainerStep(meta);
    }

    /** The step that takes the required main container. */
    public record ContainerStep(Meta meta) {
        public DeploymentDef running(ContainerDef main) {
            PodTemplate pod = InvalidDefinitionException.reportedAs(Kind.DEPLOYMENT + " " + meta.name(), () -> PodTemplate.running(main));
            return new DeploymentDef(meta, Optional.empty(), Optional.empty(), pod, DeploymentStrategy.DEFAULT,
                    List.of(), NodeSpread.PREFERRED, ZoneSpread.PREFERRED, List.of(), List.of());
        }
    }

    @Override
    public Kind kind() {
        return Kind.DEPLOYMENT;
    }

    @Override
    public DeploymentDef withMeta(Meta meta) {
        return copy(f -> f.meta = Given.value(describe(), "meta", meta));
    }

    /** A copy running exactly {@code replicas} pods; leave it unset when an autoscaler scales the Deployment. */
    public DeploymentDef withReplicas(int replicas) {
        return copy(f -> f.fixedReplicas = Optional.of(replicas));
    }

    public DeploymentDef withComponent(String component) {
        return copy(f -> f.component = Optional.of(Given.optional(describe(), "component", component)));
    }

    public DeploymentDef withStrategy(DeploymentStrategy strategy) {
        return copy(f -> f.strategy = strategy);
    }

    /** A copy whose selector also requires {@code expression}; the pods' labels must satisfy it. */
    public DeploymentDef withSelectorExpression(LabelExpression expression) {
        return copy(f -> f.selectorExpressions = Lists.append(selectorExpressions, Given.value(describe(), "selector expression", expression)));
    }

    /** A copy whose pods the scheduler spreads over nodes as {@code spread} says. */
    public DeploymentDef withNodeSpread(NodeSpread spread) {
        return copy(f -> f.nodeSpread = spread);
    }

    /** A copy whose pods the scheduler spreads over zones as {@code spread} says. */
    public DeploymentDef withZoneSpread(ZoneSpread spread) {
        return copy(f -> f.zoneSpread = spread);
    }

    /**
     * A copy whose pods the scheduler also spreads as {@code spread} says, over any node label:
     * {@code withTopologySpread(TopologySpread.requiredOver("topology.kubernetes.io/region").withMinDomains(2))}.
     */
    public DeploymentDef withTopologySpread(TopologySpread spread) {
        return copy(f -> f.topologySpreads = Lists.append(topologySpreads, Given.value(describe(), "topology spread", spread)));
    }

    /** A copy with an escape-hatch edit of the rendered fabric8 Deployment. */
    public DeploymentDef withRawEdit(String reason, Consumer<Deployment> edit) {
        return copy(f -> f.rawEdits = Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }

    @Override
    public DeploymentDef withPod(PodTemplate pod) {
        return copy(f -> f.pod = pod);
    }

    /** Mutable scratch copy of the fields, so each wither names only what it changes. */
    private static final class Fields {
        Meta meta;
        Optional<String> component;
        Optional<Integer> fixedReplicas;
        PodTemplate pod;
        DeploymentStrategy strategy;
        List<LabelExpression> selectorExpressions;
        NodeSpread nodeSpread;
        ZoneSpread zoneSpread;
        List<TopologySpread> topologySpreads;
        List<RawEdit<Deployment>> rawEdits;
    }

    private DeploymentDef copy(Consumer<Fields> change) {
        Fields f = new Fields();
        f.meta = meta;
        f.component = component;
        f.fixedReplicas = fixedReplicas;
        f.pod = pod;
        f.strategy = strategy;
        f.selectorExpressions = selectorExpressions;
        f.nodeSpread = nodeSpread;
        f.zoneSpread = zoneSpread;
        f.topologySpreads = topologySpreads;
        f.rawEdits = rawEdits;
        change.accept(f);
        return new DeploymentDef(f.meta, f.component, f.fixedReplicas, f.pod, f.strategy, f.selectorExpressions,
                f.nodeSpread, f.zoneSpread, f.topologySpreads, f.rawEdits);
    }
}
