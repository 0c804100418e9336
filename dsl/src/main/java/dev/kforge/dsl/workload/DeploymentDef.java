package dev.kforge.dsl.workload;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretType;
import dev.kforge.dsl.core.Annotations;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.RawEdit;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param containers         the main container first, then sidecars
 * @param strategy           default {@link DeploymentStrategy#DEFAULT} (rolling, 25%/25%)
 * @param selectorExpressions extra set-based selector requirements; default none
 * @param podLabels          extra labels of the pod template (not part of the selector)
 * @param podAnnotations     annotations of the pod template
 * @param serviceAccount     default none (the namespace's {@code default} account, without a token)
 * @param mountServiceAccountToken whether pods get an API token; default false
 * @param imagePullSecrets   registry credentials; each must be a dockerconfigjson Secret
 * @param security           default {@link PodSecurity#RESTRICTED}
 * @param terminationGracePeriodSeconds default the Kubernetes default (30)
 * @param nodeSpread         default {@link NodeSpread#PREFERRED}: pods prefer nodes without another pod of the Deployment
 * @param zoneSpread         default {@link ZoneSpread#PREFERRED}: pods spread evenly over zones where the scheduler can
 */
public record DeploymentDef(Meta meta, Optional<String> component, Optional<Integer> fixedReplicas, List<ContainerDef> containers,
                            DeploymentStrategy strategy, List<LabelExpression> selectorExpressions, Labels podLabels,
                            Annotations podAnnotations, Optional<ServiceAccountDef> serviceAccount,
                            boolean mountServiceAccountToken, List<SecretDef> imagePullSecrets, PodSecurity security,
                            Optional<Integer> terminationGracePeriodSeconds, NodeSpread nodeSpread, ZoneSpread zoneSpread,
                            List<RawEdit<Deployment>> rawEdits)
        implements KubeObject<DeploymentDef> {

    public DeploymentDef {
        containers = List.copyOf(containers);
        selectorExpressions = List.copyOf(selectorExpressions);
        imagePullSecrets = List.copyOf(imagePullSecrets);
        rawEdits = List.copyOf(rawEdits);
        String subject = Kind.DEPLOYMENT + " " + meta.name();
        fixedReplicas.ifPresent(replicas -> {
            if (replicas < 0) {
                throw InvalidDefinitionException.invalid(subject, "replicas", replicas, "must not be negative",
                        "Use 0 to stop every pod, or the number of pods to run.");
            }
        });
        if (containers.isEmpty()) {
            throw InvalidDefinitionException.invalid(subject, "containers", List.of(), "must hold at least one container",
                    "Start with DeploymentDef.named(name).running(mainContainer).");
        }
        component.ifPresent(c -> Names.requireLabelValue(subject, Labels.COMPONENT, c));
        List<String> names = new ArrayList<>();
        for (ContainerDef container : containers) {
            if (names.contains(container.name())) {
                throw InvalidDefinitionException.invalid(subject, "container name", container.name(), "is used twice",
                        "Give each container its own name.");
            }
            names.add(container.name());
        }
        volumesOf(subject, containers);
        terminationGracePeriodSeconds.ifPresent(seconds -> {
            if (seconds < 0) {
                throw InvalidDefinitionException.invalid(subject, "terminationGracePeriodSeconds", seconds, "must not be negative",
                        "Give the seconds a pod may take to stop; 0 kills it at once.");
            }
        });
    }

    /** The first step: a Deployment needs a name and its main container. */
    public static ContainerStep named(String name) {
        return new ContainerStep(Meta.named(Kind.DEPLOYMENT, name));
    }

    /** The step that takes the required main container. */
    public record ContainerStep(Meta meta) {
        public DeploymentDef running(ContainerDef main) {
            return new DeploymentDef(meta, Optional.empty(), Optional.empty(), List.of(main), DeploymentStrategy.DEFAULT, List.of(),
                    Labels.EMPTY, Annotations.EMPTY, Optional.empty(), false, List.of(), PodSecurity.RESTRICTED,
                    Optional.empty(), NodeSpread.PREFERRED, ZoneSpread.PREFERRED, List.of());
        }
    }

    @Override
    public Kind kind() {
        return Kind.DEPLOYMENT;
    }

    @Override
    public DeploymentDef withMeta(Meta meta) {
        return copy(f -> f.meta = meta);
    }

    /** The main container: the first one. */
    public ContainerDef mainContainer() {
        return containers.get(0);
    }

    /** The pod volumes: exactly those the containers mount, by name, in first-mount order. */
    public List<VolumeDef> volumes() {
        return volumesOf(describe(), containers);
    }

    /** Whether any container declares {@code port}. */
    public boolean declares(Port port) {
        return containers.stream().anyMatch(c -> c.declares(port));
    }

    /** Every port declared by a container, in container order. */
    public List<Port> ports() {
        return containers.stream().flatMap(c -> c.ports().stream()).toList();
    }

    /** The pods to run without an autoscaler: the fixed replicas, else 1 (the Kubernetes default). */
    public int replicas() {
        return fixedReplicas.orElse(1);
    }

    /** A copy running exactly {@code replicas} pods; leave it unset when an autoscaler scales the Deployment. */
    public DeploymentDef withReplicas(int replicas) {
        return copy(f -> f.fixedReplicas = Optional.of(replicas));
    }

    public DeploymentDef withComponent(String component) {
        return copy(f -> f.component = Optional.of(component));
    }

    /** A copy with one more container after the main one (e.g. a {@code kubectl proxy} ambassador). */
    public DeploymentDef withSidecar(ContainerDef sidecar) {
        return copy(f -> f.containers = Lists.append(containers, sidecar));
    }

    public DeploymentDef withStrategy(DeploymentStrategy strategy) {
        return copy(f -> f.strategy = strategy);
    }

    /** A copy whose selector also requires {@code expression}; the pods' labels must satisfy it. */
    public DeploymentDef withSelectorExpression(LabelExpression expression) {
        return copy(f -> f.selectorExpressions = Lists.append(selectorExpressions, expression));
    }

    /** A copy whose pods get one more label; the labels the stack derives for workloads are refused. */
    public DeploymentDef withPodLabel(String key, String value) {
        refuseDerived("pod label", key);
        Labels labels = InvalidDefinitionException.reportedAs(describe(), () -> podLabels.with(key, value));
        return copy(f -> f.podLabels = labels);
    }

    /** A copy with one more label on the Deployment; the labels the stack derives for workloads are refused. */
    @Override
    public DeploymentDef withLabel(String key, String value) {
        refuseDerived("label", key);
        return withMeta(InvalidDefinitionException.reportedAs(describe(), () -> meta.withLabel(key, value)));
    }

    private void refuseDerived(String field, String key) {
        if (Labels.WORKLOAD_DERIVED.contains(key)) {
            throw InvalidDefinitionException.invalid(describe(), field, key,
                    "is derived by the stack (name, instance and component make the selector)",
                    "Use another key, e.g. \"tier\"; set the component with withComponent.");
        }
    }

    public DeploymentDef withPodAnnotation(String key, String value) {
        Annotations annotations = InvalidDefinitionException.reportedAs(describe(), () -> podAnnotations.with(key, value));
        return copy(f -> f.podAnnotations = annotations);
    }

    /** Runs the pods as {@code account} without mounting its API token. */
    public DeploymentDef withServiceAccount(ServiceAccountDef account) {
        return copy(f -> f.serviceAccount = Optional.of(account));
    }

    /** Runs the pods as {@code account} and mounts its token, for pods that call the Kubernetes API. */
    public DeploymentDef withApiAccessAs(ServiceAccountDef account) {
        return copy(f -> {
            f.serviceAccount = Optional.of(account);
            f.mountServiceAccountToken = true;
        });
    }

    /** A copy pulling images with {@code credentials}, a {@code kubernetes.io/dockerconfigjson} Secret. */
    public DeploymentDef withImagePullSecret(SecretDef credentials) {
        if (credentials.type() != SecretType.DOCKER_CONFIG_JSON) {
            throw InvalidDefinitionException.invalid(describe(), "imagePullSecret", credentials.name(),
                    "must be a " + SecretType.DOCKER_CONFIG_JSON.apiValue() + " Secret, not " + credentials.type().apiValue(),
                    "Declare it with SecretDef.registryCredentials(\"" + credentials.name() + "\").");
        }
        return copy(f -> f.imagePullSecrets = Lists.append(imagePullSecrets, credentials));
    }

    public DeploymentDef withSecurity(PodSecurity security) {
        return copy(f -> f.security = security);
    }

    public DeploymentDef withTerminationGracePeriodSeconds(int seconds) {
        return copy(f -> f.terminationGracePeriodSeconds = Optional.of(seconds));
    }

    /** A copy whose pods the scheduler spreads over nodes as {@code spread} says. */
    public DeploymentDef withNodeSpread(NodeSpread spread) {
        return copy(f -> f.nodeSpread = spread);
    }

    /** A copy whose pods the scheduler spreads over zones as {@code spread} says. */
    public DeploymentDef withZoneSpread(ZoneSpread spread) {
        return copy(f -> f.zoneSpread = spread);
    }

    /** A copy with an escape-hatch edit of the rendered fabric8 Deployment. */
    public DeploymentDef withRawEdit(String reason, Consumer<Deployment> edit) {
        return copy(f -> f.rawEdits = Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }

    private static List<VolumeDef> volumesOf(String subject, List<ContainerDef> containers) {
        Map<String, VolumeDef> byName = new LinkedHashMap<>();
        for (ContainerDef container : containers) {
            for (VolumeMount mount : container.mounts()) {
                VolumeDef previous = byName.putIfAbsent(mount.volume().name(), mount.volume());
                if (previous != null && !previous.equals(mount.volume())) {
                    throw InvalidDefinitionException.invalid(subject, "volume name", mount.volume().name(),
                            "names two different volumes", "Share one VolumeDef object between the containers, or rename one.");
                }
            }
        }
        return List.copyOf(byName.values());
    }


    /** Mutable scratch copy of the fields, so each wither names only what it changes. */
    private static final class Fields {
        Meta meta;
        Optional<String> component;
        Optional<Integer> fixedReplicas;
        List<ContainerDef> containers;
        DeploymentStrategy strategy;
        List<LabelExpression> selectorExpressions;
        Labels podLabels;
        Annotations podAnnotations;
        Optional<ServiceAccountDef> serviceAccount;
        boolean mountServiceAccountToken;
        List<SecretDef> imagePullSecrets;
        PodSecurity security;
        Optional<Integer> terminationGracePeriodSeconds;
        NodeSpread nodeSpread;
        ZoneSpread zoneSpread;
        List<RawEdit<Deployment>> rawEdits;
    }

    private DeploymentDef copy(Consumer<Fields> change) {
        Fields f = new Fields();
        f.meta = meta;
        f.component = component;
        f.fixedReplicas = fixedReplicas;
        f.containers = containers;
        f.strategy = strategy;
        f.selectorExpressions = selectorExpressions;
        f.podLabels = podLabels;
        f.podAnnotations = podAnnotations;
        f.serviceAccount = serviceAccount;
        f.mountServiceAccountToken = mountServiceAccountToken;
        f.imagePullSecrets = imagePullSecrets;
        f.security = security;
        f.terminationGracePeriodSeconds = terminationGracePeriodSeconds;
        f.nodeSpread = nodeSpread;
        f.zoneSpread = zoneSpread;
        f.rawEdits = rawEdits;
        change.accept(f);
        return new DeploymentDef(f.meta, f.component, f.fixedReplicas, f.containers, f.strategy, f.selectorExpressions,
                f.podLabels, f.podAnnotations, f.serviceAccount, f.mountServiceAccountToken, f.imagePullSecrets,
                f.security, f.terminationGracePeriodSeconds, f.nodeSpread, f.zoneSpread, f.rawEdits);
    }
}
