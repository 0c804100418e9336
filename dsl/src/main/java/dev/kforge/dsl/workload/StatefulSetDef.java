package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.RawEdit;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A StatefulSet (apps/v1): numbered pods ({@code db-0}, {@code db-1}, ...) that keep their name and
 * their disks when they move. Start with {@code StatefulSetDef.named("db").running(container)}; a
 * container mounting {@code Volumes.claim("data", Memory.gibibytes(10))} gives each pod its own disk.
 *
 * <p>Its pods get the labels, security defaults, spread and checks of a Deployment's. Its governing
 * Service (which gives each pod a DNS name, {@code db-0.db}) is not named by hand: the stack's
 * headless Service selecting it, {@code ServiceDef.named("db").selecting(statefulSet).withType(ServiceType.HEADLESS)},
 * which the checks ask for (a warning without one).
 *
 * @param component         the {@code app.kubernetes.io/component} label; default none
 * @param fixedReplicas     the pods to run, set with {@link #withReplicas}; empty: 1, or what an autoscaler decides
 * @param pod               what the pods run (see {@link PodTemplate})
 * @param podManagement     default {@link PodManagement#ORDERED_READY}
 * @param update            default {@link StatefulSetUpdate#ROLLING}
 * @param claimsWhenDeleted what happens to the claimed disks when the StatefulSet is deleted; default kept
 * @param claimsWhenScaled  what happens to the disks of pods removed by scaling down; default kept
 * @param nodeSpread        default {@link NodeSpread#PREFERRED}
 * @param zoneSpread        default {@link ZoneSpread#PREFERRED}
 * @param topologySpreads   further spread constraints of its pods, over any node label, in the order given; default none
 */
public record StatefulSetDef(Meta meta, Optional<String> component, Optional<Integer> fixedReplicas, PodTemplate pod,
                             PodManagement podManagement, StatefulSetUpdate update, ClaimRetention claimsWhenDeleted,
                             ClaimRetention claimsWhenScaled, NodeSpread nodeSpread, ZoneSpread zoneSpread,
                             List<TopologySpread> topologySpreads, List<RawEdit<StatefulSet>> rawEdits)
        implements ReplicatedWorkload<StatefulSetDef> {
    /** Each pod's controller-revision-hash label is {@code <name>-<10 characters>}, and label values stop at 63. */
    public static final int MAX_NAME_LENGTH = 52;

    public StatefulSetDef {
        rawEdits = List.copyOf(rawEdits);
        String subject = Kind.STATEFUL_SET + " " + meta.name();
        Given.value(subject, "component", component);
        Given.value(subject, "fixedReplicas", fixedReplicas);
        Given.value(subject, "pod", pod);
        Given.value(subject, "podManagement", podManagement);
        Given.value(subject, "update", update);
        Given.value(subject, "claimsWhenDeleted", claimsWhenDeleted);
        Given.value(subject, "claimsWhenScaled", claimsWhenScaled);
        Given.value(subject, "nodeSpread", nodeSpread);
        Given.value(subject, "zoneSpread", zoneSpread);
        topologySpreads = Given.all(subject, "topologySpreads", topologySpreads);
        TopologySpread.requireDistinct(subject, zoneSpread, topologySpreads);
        // The name rule (a DNS-1123 label) is the Kind's, checked by Meta.
        WorkloadNames.requireAtMost(subject, meta.name(), MAX_NAME_LENGTH, "each pod's revision label adds 11");
        fixedReplicas.ifPresent(replicas -> {
            if (replicas < 0) {
                throw InvalidDefinitionException.invalid(subject, "replicas", replicas, "must not be negative",
                        "Use 0 to stop every pod (their disks stay), or the number of pods to run.");
            }
        });
        component.ifPresent(c -> Names.requireLabelValue(subject, Labels.COMPONENT, c));
        // kubernetes.io/docs/concepts/workloads/controllers/statefulset: "should not specify a TerminationGracePeriodSeconds of 0".
        if (pod.terminationGracePeriodSeconds().orElse(1) == 0) {
            throw InvalidDefinitionException.invalid(subject, "terminationGracePeriodSeconds", 0, "must be at least 1 for a StatefulSet's pods "
                            + "(deleting a pod without a grace period removes it from the API at once, before its containers stop, so the "
                            + "StatefulSet may start a pod of the same identity (" + meta.name() + "-0, its name and disks) beside it)",
                    "Give the seconds a pod takes to stop, or leave it out for the default 30.");
        }
    }

    /** The first step: a StatefulSet needs a name and its main container. */
    public static ContainerStep named(String name) {
        return new ContainerStep(Meta.named(Kind.STATEFUL_SET, name));
    }

    /** The step that takes the required main container. */
    public record ContainerStep(Meta meta) {
        public StatefulSetDef running(ContainerDef main) {
            PodTemplate pod = InvalidDefinitionException.reportedAs(Kind.STATEFUL_SET + " " + meta.name(), () -> PodTemplate.running(main));
            return new StatefulSetDef(meta, Optional.empty(), Optional.empty(), pod, PodManagement.ORDERED_READY,
                    StatefulSetUpdate.ROLLING, ClaimRetention.RETAIN, ClaimRetention.RETAIN, NodeSpread.PREFERRED, ZoneSpread.PREFERRED,
                    List.of(), List.of());
        }
    }

    @Override
    public Kind kind() {
        return Kind.STATEFUL_SET;
    }

    @Override
    public StatefulSetDef withMeta(Meta meta) {
        return copy(f -> f.meta = Given.value(describe(), "meta", meta));
    }

    /** The per-pod disks its containers mount, in first-mount order. */
    public List<VolumeDef.ClaimTemplate> claims() {
        return volumes().stream().filter(VolumeDef.ClaimTemplate.class::isInstance).map(VolumeDef.ClaimTemplate.class::cast).toList();
    }

    /** A copy running exactly {@code replicas} pods; leave it unset when an autoscaler scales the StatefulSet. */
    public StatefulSetDef withReplicas(int replicas) {
        return copy(f -> f.fixedReplicas = Optional.of(replicas));
    }

    public StatefulSetDef withComponent(String component) {
        return copy(f -> f.component = Optional.of(Given.optional(describe(), "component", component)));
    }

    public StatefulSetDef withPodManagement(PodManagement podManagement) {
        return copy(f -> f.podManagement = podManagement);
    }

    public StatefulSetDef withUpdate(StatefulSetUpdate update) {
        return copy(f -> f.update = update);
    }

    /** What happens to the claimed disks when the StatefulSet is deleted, and when scaling down removes their pods. */
    public StatefulSetDef withClaimRetention(ClaimRetention whenDeleted, ClaimRetention whenScaled) {
        return copy(f -> {
            f.claimsWhenDeleted = whenDeleted;
            f.claimsWhenScaled = whenScaled;
        });
    }

    /** A copy whose pods the scheduler spreads over nodes as {@code spread} says. */
    public StatefulSetDef withNodeSpread(NodeSpread spread) {
        return copy(f -> f.nodeSpread = spread);
    }

    /** A copy whose pods the scheduler spreads over zones as {@code spread} says. */
    public StatefulSetDef withZoneSpread(ZoneSpread spread) {
        return copy(f -> f.zoneSpread = spread);
    }

    /**
     * A copy whose pods the scheduler also spreads as {@code spread} says, over any node label:
     * {@code withTopologySpread(TopologySpread.requiredOver("topology.kubernetes.io/region").withMinDomains(2))}.
     */
    public StatefulSetDef withTopologySpread(TopologySpread spread) {
        return copy(f -> f.topologySpreads = Lists.append(topologySpreads, Given.value(describe(), "topology spread", spread)));
    }

    /** A copy with an escape-hatch edit of the rendered fabric8 StatefulSet. */
    public StatefulSetDef withRawEdit(String reason, Consumer<StatefulSet> edit) {
        return copy(f -> f.rawEdits = Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }

    @Override
    public StatefulSetDef withPod(PodTemplate pod) {
        return copy(f -> f.pod = pod);
    }

    /** Mutable scratch copy of the fields, so each wither names only what it changes. */
    private static final class Fields {
        Meta meta;
        Optional<String> component;
        Optional<Integer> fixedReplicas;
        PodTemplate pod;
        PodManagement podManagement;
        StatefulSetUpdate update;
        ClaimRetention claimsWhenDeleted;
        ClaimRetention claimsWhenScaled;
        NodeSpread nodeSpread;
        ZoneSpread zoneSpread;
        List<TopologySpread> topologySpreads;
        List<RawEdit<StatefulSet>> rawEdits;
    }

    private StatefulSetDef copy(Consumer<Fields> change) {
        Fields f = new Fields();
        f.meta = meta;
        f.component = component;
        f.fixedReplicas = fixedReplicas;
        f.pod = pod;
        f.podManagement = podManagement;
        f.update = update;
        f.claimsWhenDeleted = claimsWhenDeleted;
        f.claimsWhenScaled = claimsWhenScaled;
        f.nodeSpread = nodeSpread;
        f.zoneSpread = zoneSpread;
        f.topologySpreads = topologySpreads;
        f.rawEdits = rawEdits;
        change.accept(f);
        return new StatefulSetDef(f.meta, f.component, f.fixedReplicas, f.pod, f.podManagement, f.update, f.claimsWhenDeleted,
                f.claimsWhenScaled, f.nodeSpread, f.zoneSpread, f.topologySpreads, f.rawEdits);
    }
}
