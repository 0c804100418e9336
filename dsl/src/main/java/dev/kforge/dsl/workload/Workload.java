package dev.kforge.dsl.workload;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.Annotations;
import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An object that runs pods from a {@link PodTemplate}: a {@link DeploymentDef}, {@link StatefulSetDef},
 * {@link DaemonSetDef}, {@link JobDef} or {@link CronJobDef}. The checks of what pods run (images, resources, security, configuration and
 * secret references, service accounts) read workloads, so they hold for every kind, and the pod
 * withers are written here once, over {@link #withPod}.
 *
 * @param <T> the implementing type, so that withers keep it
 */
public interface Workload<T extends Workload<T>> extends KubeObject<T> {

    /** The pods it runs. */
    PodTemplate pod();

    /** A copy running other pods; the basis of the pod withers below. */
    T withPod(PodTemplate pod);

    /**
     * Whether its pods run until they are replaced (true), or run to completion (a Job's or CronJob's): only the former
     * serve, need probes, and are what a Service or the network-policy rule is about.
     */
    default boolean runsUntilReplaced() {
        return true;
    }

    /** The {@code app.kubernetes.io/component} label, part of the selector; default none. */
    Optional<String> component();

    /** The main container first, then sidecars, ordinary and native, in the order added: the containers that run for the pod's life. */
    default List<ContainerDef> containers() {
        return pod().containers();
    }

    /** The containers that run to completion, one after the other, before {@link #containers()} start. */
    default List<ContainerDef> initContainers() {
        return pod().initContainers();
    }

    /** Every container of the pod: the init containers, then the others. */
    default List<ContainerDef> allContainers() {
        return pod().allContainers();
    }

    default ContainerDef mainContainer() {
        return pod().mainContainer();
    }

    /** Whether any container (not an init container) declares {@code port}. */
    default boolean declares(Port port) {
        return containers().stream().anyMatch(c -> c.declares(port));
    }

    /** Every port declared by a container, in container order. */
    default List<Port> ports() {
        return containers().stream().flatMap(c -> c.ports().stream()).toList();
    }

    default List<VolumeDef> volumes() {
        return pod().volumes();
    }

    default Labels podLabels() {
        return pod().labels();
    }

    default Annotations podAnnotations() {
        return pod().annotations();
    }

    default Optional<ServiceAccountDef> serviceAccount() {
        return pod().serviceAccount();
    }

    default boolean mountServiceAccountToken() {
        return pod().mountServiceAccountToken();
    }

    default List<SecretDef> imagePullSecrets() {
        return pod().imagePullSecrets();
    }

    default PodSecurity security() {
        return pod().security();
    }

    default Optional<Integer> terminationGracePeriodSeconds() {
        return pod().terminationGracePeriodSeconds();
    }

    /**
     * A second workload of this kind, named {@code name}, with everything else of this one: a canary
     * ({@code deployment.withName("tgr-canary").withImage(next)}), a StatefulSet per shard, a DaemonSet per node pool, a Job
     * per region, a CronJob per schedule ({@code report.withName("report-weekly").withSchedule("0 3 * * MON")}). Its selector
     * and pod labels follow the new name (the component kept), so neither selects the other's pods, nor do the Services,
     * disruption budgets and NetworkPolicies of this one take the copy's in, and an autoscaler of this one does not scale it
     * (it runs its fixed replicas, else 1). Labels, annotations, waivers and raw edits are kept; problems about the copy point
     * at this call. A StatefulSet's copy keeps its claim templates, and since a claim is named after its StatefulSet
     * ({@code data-db-eu-0}), its pods get disks of their own, new and empty, never the original's; its serviceName is the
     * headless Service selecting the copy (the original's selects the original only; the governing-service warning asks for
     * one). A DaemonSet's copy runs on every node, as the original does, unless one of them is narrowed
     * ({@code withNodeSelector}, {@code withNodeRequirement}).
     */
    default T withName(String name) {
        return withMeta(WorkloadNames.renamed(this, name));
    }

    /** A copy that runs {@code init} to completion before its containers start (after the init containers added before it). */
    default T withInitContainer(ContainerDef init) {
        Given.value(describe(), "init container", init);
        return withPod(InvalidDefinitionException.reportedAs(describe(), () -> pod().withInitContainer(init)));
    }

    /**
     * A copy with one more container after the main one (e.g. a {@code kubectl proxy} ambassador), started beside it. A Job's
     * or CronJob's is rendered as a native sidecar after the init containers, so that the pod ends with its main container.
     */
    default T withSidecar(ContainerDef sidecar) {
        Given.value(describe(), "sidecar", sidecar);
        return withPod(InvalidDefinitionException.reportedAs(describe(), () -> pod().withSidecar(sidecar)));
    }

    /**
     * A copy with one more sidecar, native (Kubernetes 1.29 or later): an init container with {@code restartPolicy: Always},
     * started after the init containers added before it, running (past its startup probe, if it has one: readiness is not
     * waited for) before the later ones and the main container start, and stopped after the main container, e.g. a proxy the
     * main container needs from its first request to its last, or a log shipper that must see its last lines. It gets the checks of any container
     * (probes too, in pods that run until replaced).
     */
    default T withNativeSidecar(ContainerDef sidecar) {
        Given.value(describe(), "native sidecar", sidecar);
        return withPod(InvalidDefinitionException.reportedAs(describe(), () -> pod().withNativeSidecar(sidecar)));
    }

    /**
     * A copy whose main container is {@code change} applied to it, the sidecars and init containers as they are:
     * {@code withMainContainer(main -> main.withImage(next).withEnv(Env.value("TRACK", "canary")))}.
     */
    default T withMainContainer(UnaryOperator<ContainerDef> change) {
        Given.value(describe(), "main container change", change);
        ContainerDef changed = Given.value(describe(), "main container", change.apply(mainContainer()));
        return withPod(InvalidDefinitionException.reportedAs(describe(), () -> pod().withMainContainer(changed)));
    }

    /** A copy whose main container runs {@code image} (its sidecars keep theirs), e.g. a canary of the next version. */
    default T withImage(Image image) {
        Given.value(describe(), "image", image);
        return withMainContainer(main -> main.withImage(image));
    }

    /** A copy whose pods get one more label; the labels the stack derives for workloads are refused. */
    default T withPodLabel(String key, String value) {
        PodTemplate.refuseDerived(describe(), "pod label", key);
        return withPod(InvalidDefinitionException.reportedAs(describe(), () -> pod().withLabel(key, value)));
    }

    /** A copy with one more label on the workload; the labels the stack derives for workloads are refused. */
    @Override
    default T withLabel(String key, String value) {
        PodTemplate.refuseDerived(describe(), "label", key);
        return withMeta(InvalidDefinitionException.reportedAs(describe(), () -> meta().withLabel(key, value)));
    }

    default T withPodAnnotation(String key, String value) {
        Given.value(describe(), "pod annotation key", key);
        return withPod(InvalidDefinitionException.reportedAs(describe(), () -> pod().withAnnotation(key, value)));
    }

    /**
     * Schedules the pods with {@code priorityClass}, a class of the stack: before pods of lower priority, evicting them when
     * the cluster is full (unless the class is without preemption).
     */
    default T withPriorityClass(PriorityClassDef priorityClass) {
        Given.value(describe(), "priority class", priorityClass);
        return withPod(pod().withPriority(new PodPriority.OfStack(priorityClass)));
    }

    /**
     * Schedules the pods with a PriorityClass the cluster has, e.g. {@code "system-node-critical"} for a node agent that must
     * not be evicted to make room, or one a platform team defines for every service.
     */
    default T withClusterPriorityClass(String name) {
        return withPod(InvalidDefinitionException.reportedAs(describe(), () -> pod().withPriority(new PodPriority.OfCluster(name))));
    }

    /** Runs the pods as {@code account} without mounting its API token. */
    default T withServiceAccount(ServiceAccountDef account) {
        Given.value(describe(), "service account", account);
        return withPod(pod().withServiceAccount(account, false));
    }

    /** Runs the pods as {@code account} and mounts its token, for pods that call the Kubernetes API. */
    default T withApiAccessAs(ServiceAccountDef account) {
        Given.value(describe(), "service account", account);
        return withPod(pod().withServiceAccount(account, true));
    }

    /** A copy pulling images with {@code credentials}, a {@code kubernetes.io/dockerconfigjson} Secret. */
    default T withImagePullSecret(SecretDef credentials) {
        Given.value(describe(), "image pull secret", credentials);
        return withPod(InvalidDefinitionException.reportedAs(describe(), () -> pod().withImagePullSecret(credentials)));
    }

    default T withSecurity(PodSecurity security) {
        Given.value(describe(), "security", security);
        return withPod(pod().withSecurity(security));
    }

    default T withTerminationGracePeriodSeconds(int seconds) {
        return withPod(InvalidDefinitionException.reportedAs(describe(), () -> pod().withTerminationGracePeriodSeconds(seconds)));
    }

    /** A copy whose pods tolerate {@code toleration}, e.g. a node agent on control-plane nodes. */
    default T withToleration(Toleration toleration) {
        Given.value(describe(), "toleration", toleration);
        return withPod(pod().withToleration(toleration));
    }

    /**
     * A copy whose pods run only on nodes matching every expression, e.g.
     * {@code LabelExpression.in("topology.kubernetes.io/zone", "eu-west-1a", "eu-west-1b")} ({@code nodeAffinity}, required).
     */
    default T withNodeRequirement(LabelExpression... expressions) {
        List<LabelExpression> required = Given.all(describe(), "node requirement", expressions);
        return withPod(InvalidDefinitionException.reportedAs(describe(), () -> pod().withNodeRequirement(required)));
    }

    /**
     * A copy whose pods prefer nodes matching every expression, by {@code weight} (1 to 100) against other preferences,
     * e.g. {@code withNodePreference(80, LabelExpression.in("node.kubernetes.io/instance-type", "m6i.large"))}.
     */
    default T withNodePreference(int weight, LabelExpression... expressions) {
        return withPod(InvalidDefinitionException.reportedAs(describe(),
                () -> pod().withNodePreference(new NodeAffinity.Preference(weight, Given.all(describe(), "node preference", expressions)))));
    }

    /**
     * A copy whose pods run near or apart from another workload's pods, e.g. {@code PodAffinity.near(cache, Topology.NODE)}
     * or {@code PodAffinity.apartFrom(batch, Topology.NODE).preferred(50)}; its own pods are spread with the spread withers.
     */
    default T withPodAffinity(PodAffinity affinity) {
        Given.value(describe(), "pod affinity", affinity);
        if (affinity.isAbout(this)) {
            throw InvalidDefinitionException.invalid(describe(), "pod affinity", affinity.describe(), "is about its own pods",
                    "Spread its own pods with withNodeSpread or withZoneSpread (Deployments and StatefulSets); a DaemonSet runs one per node anyway.");
        }
        return withPod(InvalidDefinitionException.reportedAs(describe(), () -> pod().withPodAffinity(affinity)));
    }

    /** A copy whose pods run only on nodes labelled {@code key=value}, e.g. {@code kubernetes.io/os=linux}. */
    default T withNodeSelector(String key, String value) {
        Given.value(describe(), "node selector key", key);
        return withPod(InvalidDefinitionException.reportedAs(describe(), () -> pod().withNodeSelector(key, value)));
    }
}
