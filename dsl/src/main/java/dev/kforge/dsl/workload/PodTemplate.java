package dev.kforge.dsl.workload;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretType;
import dev.kforge.dsl.core.Annotations;
import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a workload's pods are: their init containers, containers (the main one first, then sidecars), extra labels
 * and annotations, service account and API token, registry credentials, security context and
 * grace period. Each {@link Workload} holds one; its withers build it, and problems are told of the workload ({@code Deployment tgr: ...}).
 *
 * @param initContainers          run one after the other to completion before the containers start; default none
 * @param containers              the main container first, then sidecars (ordinary and native, in the order added); at least one
 * @param labels                  extra pod labels (never the selector's)
 * @param annotations             pod annotations
 * @param serviceAccount          default none (the namespace's {@code default} account, without a token)
 * @param mountServiceAccountToken whether pods get an API token; default false
 * @param imagePullSecrets        registry credentials; each a dockerconfigjson Secret
 * @param security                default {@link PodSecurity#RESTRICTED}
 * @param terminationGracePeriodSeconds default the Kubernetes default (30)
 * @param tolerations             the node taints the pods tolerate; default none
 * @param nodeSelector            the node labels the pods need; default none (any node)
 * @param nodeAffinity            the node labels the pods need or prefer, set-based; default none
 * @param podAffinities           the other workloads' pods these pods need or prefer to be near or apart from; default none
 * @param nativeSidecars          which sidecars of {@code containers} are native and where they start among the init containers; default none
 * @param priority                the PriorityClass the pods are scheduled (and preempt others) with; default the cluster's default
 */
public record PodTemplate(List<ContainerDef> initContainers, List<ContainerDef> containers, Labels labels, Annotations annotations,
                          Optional<ServiceAccountDef> serviceAccount, boolean mountServiceAccountToken,
                          List<SecretDef> imagePullSecrets, PodSecurity security,
                          Optional<Integer> terminationGracePeriodSeconds, List<Toleration> tolerations, Labels nodeSelector,
                          NodeAffinity nodeAffinity, List<PodAffinity> podAffinities, List<NativeSidecar> nativeSidecars,
                          Optional<PodPriority> priority) {
    private static final String SUBJECT = "Pod template";

    public PodTemplate {
        initContainers = List.copyOf(initContainers);
        tolerations = List.copyOf(tolerations);
        containers = List.copyOf(containers);
        imagePullSecrets = List.copyOf(imagePullSecrets);
        podAffinities = List.copyOf(podAffinities);
        nativeSidecars = List.copyOf(nativeSidecars);
        Given.value(SUBJECT, "priority", priority);
        if (containers.isEmpty()) {
            throw InvalidDefinitionException.invalid(SUBJECT, "containers", List.of(), "must hold at least one container",
                    "Start the workload with .running(mainContainer).");
        }
        List<String> names = new ArrayList<>();
        for (ContainerDef container : allOf(initContainers, containers)) {
            if (names.contains(container.name())) {
                throw InvalidDefinitionException.invalid(SUBJECT, "container name", container.name(), "is used twice",
                        "Give each container its own name.");
            }
            names.add(container.name());
        }
        for (ContainerDef init : initContainers) {
            List<String> probes = new ArrayList<>();
            init.readinessProbe().ifPresent(probe -> probes.add("readinessProbe"));
            init.livenessProbe().ifPresent(probe -> probes.add("livenessProbe"));
            init.startupProbe().ifPresent(probe -> probes.add("startupProbe"));
            boolean probed = !probes.isEmpty();
            init.preStop().ifPresent(preStop -> probes.add("preStop"));
            if (!probes.isEmpty()) {
                String refused = probed && init.preStop().isPresent() ? "probes and a preStop hook" : probed ? "probes" : "a preStop hook";
                throw InvalidDefinitionException.invalid(SUBJECT, "init container " + init.name(), String.join(", ", probes),
                        "has " + refused + ", which the API server refuses on init containers (they run to completion, nothing routes to them)",
                        "Drop " + (probed && init.preStop().isEmpty() ? "the probes" : "them")
                                + "; to wait for something, let the init container's command retry until it is there; one that keeps "
                                + "running beside the others (a proxy) is a sidecar, which takes probes: withNativeSidecar.");
            }
            if (!init.ports().isEmpty()) {
                throw InvalidDefinitionException.invalid(SUBJECT, "init container " + init.name() + " port", init.ports().get(0).toString(),
                        "is declared, as a server declares it, but an init container must exit before the next container starts, "
                                + "and a server never does, so the pods would stay in Init for ever",
                        "Run it beside the main container with withNativeSidecar (started first, stopped last), or drop the port if it exits.");
            }
        }
        requireSidecarsAmong(nativeSidecars, containers, initContainers.size());
        requireOwnPorts(containers);
        volumesOf(allOf(initContainers, containers));
        for (SecretDef credentials : imagePullSecrets) {
            if (credentials.type() != SecretType.DOCKER_CONFIG_JSON) {
                throw InvalidDefinitionException.invalid(SUBJECT, "imagePullSecret", credentials.name(),
                        "must be a " + SecretType.DOCKER_CONFIG_JSON.apiValue() + " Secret, not " + credentials.type().apiValue(),
                        "Declare it with SecretDef.registryCredentials(\"" + credentials.name() + "\").");
            }
        }
        requireSatisfiableNodes(nodeSelector, nodeAffinity.required());
        requireConsistent(podAffinities);
        terminationGracePeriodSeconds.ifPresent(seconds -> {
            if (seconds < 0) {
                throw InvalidDefinitionException.invalid(SUBJECT, "terminationGracePeriodSeconds", seconds, "must not be negative",
                        "Give the seconds a pod may take to stop; 0 kills it at once.");
            }
        });
    }

    /**
     * Refuses node requirements no node can match: on one key, against the node selector's value or each other (they are
     * all required at once; {@link LabelExpression#satisfiable}).
     */
    private static void requireSatisfiableNodes(Labels nodeSelector, List<LabelExpression> required) {
        if (required.isEmpty()) {
            return; // every wither builds a template: most have no requirement
        }
        Map<String, List<LabelExpression>> byKey = new LinkedHashMap<>();
        for (LabelExpression expression : required) {
            byKey.computeIfAbsent(expression.key(), key -> new ArrayList<>()).add(expression);
        }
        byKey.forEach((key, expressions) -> {
            String selected = nodeSelector.get(key);
            List<LabelExpression> withSelector = new ArrayList<>(expressions);
            if (selected != null) {
                withSelector.add(LabelExpression.in(key, selected));
            }
            if (!LabelExpression.satisfiable(withSelector)) {
                String shown = String.join(", ", expressions.stream().map(e -> e.key() + " " + e.operator().apiValue()
                        + (e.values().isEmpty() ? "" : " " + e.values())).toList());
                throw selected != null
                        ? InvalidDefinitionException.invalid(SUBJECT, "node requirement", shown, "contradicts the node selector " + key + "="
                                + selected + ": no node matches both, so the pods never start",
                                "Keep one of them: the node selector for one value, the requirement for a set of values.")
                        : InvalidDefinitionException.invalid(SUBJECT, "node requirement", shown, "contradicts itself: every requirement "
                                + "holds at once, and no node matches them all, so the pods never start", "Keep one requirement per key.");
            }
        });
    }

    /**
     * Refuses one workload and topology given twice with the same direction, or both near (a node, say) and apart at the
     * same or a wider topology (its zone), one of them required: no place is both.
     */
    private static void requireConsistent(List<PodAffinity> affinities) {
        for (int i = 1; i < affinities.size(); i++) {
            PodAffinity later = affinities.get(i);
            for (PodAffinity earlier : affinities.subList(0, i)) {
                if (!earlier.sameOther(later)) {
                    continue;
                }
                if (earlier.near() == later.near() && earlier.topology() == later.topology()) {
                    throw InvalidDefinitionException.invalid(SUBJECT, "pod affinity", later.describe(), "is given twice (also "
                            + earlier.describe() + ")", "Keep one of them.");
                }
                PodAffinity near = earlier.near() ? earlier : later;
                PodAffinity apart = earlier.near() ? later : earlier;
                if (earlier.near() != later.near() && apart.topology().covers(near.topology()) && (near.required() || apart.required())) {
                    boolean both = near.required() && apart.required();
                    throw InvalidDefinitionException.invalid(SUBJECT, "pod affinity", later.describe(), "contradicts " + earlier.describe()
                            + ": no " + near.topology().noun() + " is both, so " + (both ? "the pods never start" : "the preference is never met"),
                            "Keep one of them.");
                }
            }
        }
    }

    /**
     * A sidecar that starts among the init containers and runs for the pod's life (an init container with
     * {@code restartPolicy: Always}, Kubernetes 1.29 or later): it starts after the first {@code afterInitContainers} init
     * containers, is running before the later ones and the main container start, and is stopped after the main container.
     *
     * @param name                the sidecar's container name, one of the template's {@code containers} but the main one
     * @param afterInitContainers how many init containers run to completion before it starts
     */
    public record NativeSidecar(String name, int afterInitContainers) {
    }

    private static void requireSidecarsAmong(List<NativeSidecar> nativeSidecars, List<ContainerDef> containers, int initContainers) {
        List<String> names = new ArrayList<>();
        for (NativeSidecar sidecar : nativeSidecars) {
            boolean sidecarOf = containers.stream().skip(1).anyMatch(container -> container.name().equals(sidecar.name()));
            if (!sidecarOf || names.contains(sidecar.name()) || sidecar.afterInitContainers() < 0 || sidecar.afterInitContainers() > initContainers) {
                throw InvalidDefinitionException.invalid(SUBJECT, "native sidecar", sidecar.name() + " after " + sidecar.afterInitContainers()
                                + " init containers", "must name a sidecar of the pod once, after 0 to " + initContainers + " init containers",
                        "Add native sidecars with withNativeSidecar(container).");
            }
            names.add(sidecar.name());
        }
    }

    /**
     * Refuses a port number and protocol two containers declare: they share the pod's network namespace, so the second server
     * to start fails to bind it and crash-loops (the API server only warns). Init containers declare none, native sidecars
     * are among {@code containers}.
     */
    private static void requireOwnPorts(List<ContainerDef> containers) {
        for (int i = 1; i < containers.size(); i++) {
            ContainerDef container = containers.get(i);
            for (Port port : container.ports()) {
                for (ContainerDef other : containers.subList(0, i)) {
                    boolean taken = other.ports().stream().anyMatch(p -> p.number() == port.number() && p.protocol() == port.protocol());
                    if (taken) {
                        throw InvalidDefinitionException.invalid(SUBJECT, "container " + container.name() + " port", port.toString(),
                                "is declared by container " + other.name() + " too, and the containers of a pod share its network: only one of "
                                        + "them can listen on " + port.number() + "/" + port.protocol() + ", the other fails to bind it",
                                "Give each container's server a port number of its own.");
                    }
                }
            }
        }
    }

    /** Pods of one container with the safe defaults: restricted security, no service account token. */
    public static PodTemplate running(ContainerDef main) {
        if (main == null) {
            throw InvalidDefinitionException.of(SUBJECT, "the main container is missing. Pass one, e.g. ContainerDef.named(\"app\").image(..).");
        }
        return new PodTemplate(List.of(), List.of(main), Labels.EMPTY, Annotations.EMPTY, Optional.empty(), false, List.of(),
                PodSecurity.RESTRICTED, Optional.empty(), List.of(), Labels.EMPTY, NodeAffinity.NONE, List.of(), List.of(), Optional.empty());
    }

    /** The main container: the first one. */
    public ContainerDef mainContainer() {
        return containers.get(0);
    }

    /** The init containers, then the containers (the native sidecars among them): each container of the pod. */
    public List<ContainerDef> allContainers() {
        return initContainers.isEmpty() ? containers : allOf(initContainers, containers);
    }

    /** The pod volumes: exactly those its containers (init containers first) mount, by name, in first-mount order. */
    public List<VolumeDef> volumes() {
        return volumesOf(allContainers());
    }

    /** Whether {@code container} is one of the native sidecars (started among the init containers). */
    public boolean isNativeSidecar(ContainerDef container) {
        return !nativeSidecars.isEmpty() && nativeSidecars.stream().anyMatch(sidecar -> sidecar.name().equals(container.name()));
    }

    /** The init containers with the native sidecars among them, in the order the kubelet starts them. */
    public List<ContainerDef> initPhase() {
        if (nativeSidecars.isEmpty()) {
            return initContainers;
        }
        List<ContainerDef> phase = new ArrayList<>();
        for (int started = 0; started <= initContainers.size(); started++) {
            for (NativeSidecar sidecar : nativeSidecars) {
                if (sidecar.afterInitContainers() == started) {
                    phase.add(containers.stream().filter(container -> container.name().equals(sidecar.name())).findFirst().orElseThrow());
                }
            }
            if (started < initContainers.size()) {
                phase.add(initContainers.get(started));
            }
        }
        return phase;
    }

    /** Pods scheduled with {@code priority}: they preempt pods of lower priority when the cluster is full. */
    public PodTemplate withPriority(PodPriority priority) {
        return new PodTemplate(initContainers, containers, labels, annotations, serviceAccount, mountServiceAccountToken, imagePullSecrets,
                security, terminationGracePeriodSeconds, tolerations, nodeSelector, nodeAffinity, podAffinities, nativeSidecars,
                Optional.of(Given.optional(SUBJECT, "priority class", priority)));
    }

    /** Runs {@code init} to completion before the containers start, after the init containers before it. */
    public PodTemplate withInitContainer(ContainerDef init) {
        return new PodTemplate(Lists.append(initContainers, Given.value(SUBJECT, "init container", init)), containers, labels, annotations, serviceAccount, mountServiceAccountToken,
                imagePullSecrets, security, terminationGracePeriodSeconds, tolerations, nodeSelector, nodeAffinity, podAffinities, nativeSidecars, priority);
    }

    /** The same pods with {@code main} in the main container's place, before the sidecars. */
    public PodTemplate withMainContainer(ContainerDef main) {
        List<ContainerDef> replaced = new ArrayList<>(containers);
        replaced.set(0, Given.value(SUBJECT, "main container", main));
        return new PodTemplate(initContainers, replaced, labels, annotations, serviceAccount, mountServiceAccountToken,
                imagePullSecrets, security, terminationGracePeriodSeconds, tolerations, nodeSelector, nodeAffinity, podAffinities, nativeSidecars, priority);
    }

    /** One more container beside the main one, started with it. */
    public PodTemplate withSidecar(ContainerDef sidecar) {
        return new PodTemplate(initContainers, Lists.append(containers, Given.value(SUBJECT, "sidecar", sidecar)), labels, annotations, serviceAccount, mountServiceAccountToken,
                imagePullSecrets, security, terminationGracePeriodSeconds, tolerations, nodeSelector, nodeAffinity, podAffinities, nativeSidecars, priority);
    }

    /** One more sidecar, native: started after the init containers added so far, before the later ones and the main container. */
    public PodTemplate withNativeSidecar(ContainerDef sidecar) {
        return new PodTemplate(initContainers, Lists.append(containers, Given.value(SUBJECT, "native sidecar", sidecar)), labels, annotations, serviceAccount, mountServiceAccountToken,
                imagePullSecrets, security, terminationGracePeriodSeconds, tolerations, nodeSelector, nodeAffinity, podAffinities,
                Lists.append(nativeSidecars, new NativeSidecar(sidecar.name(), initContainers.size())), priority);
    }

    /** One more pod label; the caller refuses the labels the stack derives. */
    public PodTemplate withLabel(String key, String value) {
        return new PodTemplate(initContainers, containers, labels.with(key, value), annotations, serviceAccount, mountServiceAccountToken,
                imagePullSecrets, security, terminationGracePeriodSeconds, tolerations, nodeSelector, nodeAffinity, podAffinities, nativeSidecars, priority);
    }

    public PodTemplate withAnnotation(String key, String value) {
        return new PodTemplate(initContainers, containers, labels, annotations.with(key, value), serviceAccount, mountServiceAccountToken,
                imagePullSecrets, security, terminationGracePeriodSeconds, tolerations, nodeSelector, nodeAffinity, podAffinities, nativeSidecars, priority);
    }

    /** Runs as {@code account}, with its API token mounted or not. */
    public PodTemplate withServiceAccount(ServiceAccountDef account, boolean mountToken) {
        return new PodTemplate(initContainers, containers, labels, annotations, Optional.of(Given.value(SUBJECT, "service account", account)), mountToken, imagePullSecrets, security,
                terminationGracePeriodSeconds, tolerations, nodeSelector, nodeAffinity, podAffinities, nativeSidecars, priority);
    }

    public PodTemplate withImagePullSecret(SecretDef credentials) {
        return new PodTemplate(initContainers, containers, labels, annotations, serviceAccount, mountServiceAccountToken,
                Lists.append(imagePullSecrets, Given.value(SUBJECT, "image pull secret", credentials)), security, terminationGracePeriodSeconds, tolerations, nodeSelector, nodeAffinity, podAffinities, nativeSidecars, priority);
    }

    public PodTemplate withSecurity(PodSecurity security) {
        return new PodTemplate(initContainers, containers, labels, annotations, serviceAccount, mountServiceAccountToken, imagePullSecrets,
                security, terminationGracePeriodSeconds, tolerations, nodeSelector, nodeAffinity, podAffinities, nativeSidecars, priority);
    }

    public PodTemplate withTerminationGracePeriodSeconds(int seconds) {
        return new PodTemplate(initContainers, containers, labels, annotations, serviceAccount, mountServiceAccountToken, imagePullSecrets,
                security, Optional.of(seconds), tolerations, nodeSelector, nodeAffinity, podAffinities, nativeSidecars, priority);
    }

    /** Also tolerates {@code toleration}. */
    public PodTemplate withToleration(Toleration toleration) {
        return new PodTemplate(initContainers, containers, labels, annotations, serviceAccount, mountServiceAccountToken, imagePullSecrets,
                security, terminationGracePeriodSeconds, Lists.append(tolerations, Given.value(SUBJECT, "toleration", toleration)), nodeSelector, nodeAffinity, podAffinities, nativeSidecars, priority);
    }

    /** Runs only on nodes matching {@code expressions}, all of them (besides the requirements before). */
    public PodTemplate withNodeRequirement(List<LabelExpression> expressions) {
        WellKnownNodeLabels.requireExpressions(SUBJECT, Given.all(SUBJECT, "node requirement", expressions));
        return new PodTemplate(initContainers, containers, labels, annotations, serviceAccount, mountServiceAccountToken, imagePullSecrets,
                security, terminationGracePeriodSeconds, tolerations, nodeSelector, nodeAffinity.withRequired(expressions), podAffinities, nativeSidecars, priority);
    }

    /** Prefers nodes matching {@code preference}'s expressions by its weight. */
    public PodTemplate withNodePreference(NodeAffinity.Preference preference) {
        WellKnownNodeLabels.requireExpressions(SUBJECT, Given.value(SUBJECT, "node preference", preference).expressions());
        return new PodTemplate(initContainers, containers, labels, annotations, serviceAccount, mountServiceAccountToken, imagePullSecrets,
                security, terminationGracePeriodSeconds, tolerations, nodeSelector, nodeAffinity.withPreferred(preference), podAffinities, nativeSidecars, priority);
    }

    /** Runs only on nodes labelled {@code key=value} (besides the labels required before). */
    public PodTemplate withNodeSelector(String key, String value) {
        Labels selector = nodeSelector.with(key, value);
        WellKnownNodeLabels.requireLabel(SUBJECT, key, value);
        return new PodTemplate(initContainers, containers, labels, annotations, serviceAccount, mountServiceAccountToken, imagePullSecrets,
                security, terminationGracePeriodSeconds, tolerations, selector, nodeAffinity, podAffinities, nativeSidecars, priority);
    }

    /** Also runs near or apart from another workload's pods (after the affinities before). */
    public PodTemplate withPodAffinity(PodAffinity affinity) {
        if (affinity == null) {
            throw InvalidDefinitionException.invalid(SUBJECT, "pod affinity", null, "must be given", "For example PodAffinity.near(cache, Topology.NODE).");
        }
        return new PodTemplate(initContainers, containers, labels, annotations, serviceAccount, mountServiceAccountToken, imagePullSecrets,
                security, terminationGracePeriodSeconds, tolerations, nodeSelector, nodeAffinity, Lists.append(podAffinities, affinity), nativeSidecars, priority);
    }

    /** Refuses a per-pod claim for a workload whose pods would share it: only a StatefulSet gives each pod its own disk. */
    void refuseClaims(String subject) {
        for (ContainerDef container : allContainers()) {
            for (VolumeMount mount : container.mounts()) { // the mounts, not volumes(): every wither of a workload runs this
                if (mount.volume() instanceof VolumeDef.ClaimTemplate) {
                    throw InvalidDefinitionException.invalid(subject, "volume", mount.volume().name(),
                            "is a per-pod disk claim, which only a StatefulSet makes",
                            "Run the pods as a StatefulSetDef, which gives each pod its own disk, or mount another kind of volume.");
                }
            }
        }
    }

    /** Refuses {@code key} for a workload's {@code field} when the stack derives it (the selector's labels). */
    static void refuseDerived(String subject, String field, String key) {
        Given.value(subject, field + " key", key);
        if (Labels.WORKLOAD_DERIVED.contains(key)) {
            throw InvalidDefinitionException.invalid(subject, field, key,
                    "is derived by the stack (name, instance and component make the selector)",
                    "Use another key, e.g. \"tier\"; set the component with withComponent.");
        }
    }

    private static List<ContainerDef> allOf(List<ContainerDef> initContainers, List<ContainerDef> containers) {
        List<ContainerDef> all = new ArrayList<>(initContainers.size() + containers.size());
        all.addAll(initContainers);
        all.addAll(containers);
        return all;
    }

    private static List<VolumeDef> volumesOf(List<ContainerDef> containers) {
        Map<String, VolumeDef> byName = new LinkedHashMap<>();
        for (ContainerDef container : containers) {
            for (VolumeMount mount : container.mounts()) {
                VolumeDef previous = byName.putIfAbsent(mount.volume().name(), mount.volume());
                if (previous != null && !previous.equals(mount.volume())) {
                    throw InvalidDefinitionException.invalid(SUBJECT, "volume name", mount.volume().name(),
                            "names two different volumes", "Share one VolumeDef object between the containers, or rename one.");
                }
            }
        }
        return List.copyOf(byName.values());
    }
}
