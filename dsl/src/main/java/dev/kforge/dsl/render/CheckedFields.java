package dev.kforge.dsl.render;

import dev.kforge.dsl.quota.LimitRangeDef;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fields of a rendered object that the checks read from its definition, by path, each as the
 * cluster sees it: an unset field reads as the API server's default and a container's cpu,
 * memory and ephemeral storage as the amounts it ends up with (its own, a request from its limit, else the namespace's
 * LimitRange defaults), so that writing a default out is no change.
 */
final class CheckedFields {
    private CheckedFields() {
    }

    /**
     * A checked value: how it reads in a message, what is compared (an amount, so 1000m is 1), and the definition's
     * step that sets it.
     */
    record Field(String shown, Object compared, String step) {
        static Field of(Object value, String step) {
            return new Field(String.valueOf(value), String.valueOf(value), step);
        }

        /** An unset field: shown as unset, compared as the API server's default. */
        static Field unset(Object byDefault, String step) {
            return new Field("unset (" + byDefault + ")", String.valueOf(byDefault), step);
        }
    }

    /** Whether {@code manifest} has checked fields: the workloads and autoscalers, and the objects of {@link ReferenceFields}. */
    static boolean apply(HasMetadata manifest) {
        return manifest instanceof Deployment || manifest instanceof StatefulSet || manifest instanceof DaemonSet || manifest instanceof Job
                || manifest instanceof CronJob || manifest instanceof HorizontalPodAutoscaler || ReferenceFields.apply(manifest);
    }

    /** The checked fields of {@code manifest} by path; the LimitRanges of {@code stack} give containers their defaults. */
    static Map<String, Field> of(HasMetadata manifest, Stack stack) {
        Map<String, Field> fields = new TreeMap<>();
        List<LimitRangeDef> limitRanges = stack.allObjects().stream().filter(LimitRangeDef.class::isInstance).map(LimitRangeDef.class::cast).toList();
        if (manifest instanceof Deployment deployment) {
            fields.put("spec.replicas", replicas(deployment.getSpec().getReplicas()));
            fields.put("spec.strategy", Field.of(strategy(deployment.getSpec().getStrategy()), "withStrategy"));
            pod(fields, "spec.template", deployment.getSpec().getTemplate(), limitRanges);
        } else if (manifest instanceof StatefulSet statefulSet) {
            fields.put("spec.replicas", replicas(statefulSet.getSpec().getReplicas()));
            fields.put("spec.updateStrategy", Field.of(update(statefulSet.getSpec().getUpdateStrategy()), "withUpdate"));
            pod(fields, "spec.template", statefulSet.getSpec().getTemplate(), limitRanges);
        } else if (manifest instanceof DaemonSet daemonSet) {
            fields.put("spec.updateStrategy", Field.of(update(daemonSet.getSpec().getUpdateStrategy()), "withUpdate"));
            pod(fields, "spec.template", daemonSet.getSpec().getTemplate(), limitRanges);
        } else if (manifest instanceof Job job) {
            run(fields, "spec", job.getSpec(), limitRanges);
        } else if (manifest instanceof CronJob cronJob) {
            String policy = cronJob.getSpec().getConcurrencyPolicy();
            fields.put("spec.concurrencyPolicy", policy == null ? Field.unset("Allow", "withConcurrency") : Field.of(policy, "withConcurrency"));
            fields.put("spec.suspend", Field.of(Boolean.TRUE.equals(cronJob.getSpec().getSuspend()), "suspended"));
            run(fields, "spec.jobTemplate.spec", cronJob.getSpec().getJobTemplate().getSpec(), limitRanges);
        } else if (manifest instanceof HorizontalPodAutoscaler autoscaler && autoscaler.getSpec() != null) {
            Integer min = autoscaler.getSpec().getMinReplicas();
            fields.put("spec.minReplicas", min == null ? Field.unset(1, "between") : Field.of(min, "between"));
            fields.put("spec.maxReplicas", Field.of(autoscaler.getSpec().getMaxReplicas(), "between"));
            var target = autoscaler.getSpec().getScaleTargetRef();
            fields.put("spec.scaleTargetRef", Field.of(target == null ? null : target.getKind() + " " + target.getName(), "scaling"));
        } else {
            ReferenceFields.put(fields, manifest);
        }
        return fields;
    }

    private static Field replicas(Integer replicas) {
        return replicas == null ? Field.unset(1, "withReplicas") : Field.of(replicas, "withReplicas");
    }

    private static void run(Map<String, Field> fields, String path, JobSpec job, List<LimitRangeDef> limitRanges) {
        int parallelism = Objects.requireNonNullElse(job.getParallelism(), 1);
        fields.put(path + ".parallelism", job.getParallelism() == null ? Field.unset(1, "withParallelism") : Field.of(parallelism, "withParallelism"));
        // Unset completions with one pod at a time is one completion; with more, a work queue, done when any pod succeeds.
        fields.put(path + ".completions", job.getCompletions() != null ? Field.of(job.getCompletions(), "withCompletions")
                : Field.unset(parallelism == 1 ? "1" : "work queue", "withCompletions"));
        fields.put(path + ".activeDeadlineSeconds", Field.of(Objects.requireNonNullElse(job.getActiveDeadlineSeconds(), "none"), "withDeadline"));
        pod(fields, path + ".template", job.getTemplate(), limitRanges);
    }

    /** Unset fields read as the API server's defaults, so an edit writing a default out changes nothing. */
    private static String strategy(DeploymentStrategy strategy) {
        if (strategy != null && "Recreate".equals(strategy.getType())) {
            return "Recreate";
        }
        var rolling = strategy == null ? null : strategy.getRollingUpdate();
        return rolling == null ? rolling(null, null, "25%", "25%") : rolling(rolling.getMaxSurge(), rolling.getMaxUnavailable(), "25%", "25%");
    }

    private static String update(StatefulSetUpdateStrategy update) {
        if (update != null && "OnDelete".equals(update.getType())) {
            return "OnDelete";
        }
        Integer partition = update == null || update.getRollingUpdate() == null ? null : update.getRollingUpdate().getPartition();
        return "RollingUpdate partition " + Objects.requireNonNullElse(partition, 0);
    }

    private static String update(DaemonSetUpdateStrategy update) {
        if (update != null && "OnDelete".equals(update.getType())) {
            return "OnDelete";
        }
        var rolling = update == null ? null : update.getRollingUpdate();
        return rolling == null ? rolling(null, null, "0", "1") : rolling(rolling.getMaxSurge(), rolling.getMaxUnavailable(), "0", "1");
    }

    private static String rolling(IntOrString maxSurge, IntOrString maxUnavailable, String surgeUnset, String unavailableUnset) {
        return "RollingUpdate maxSurge " + amount(maxSurge, surgeUnset) + ", maxUnavailable " + amount(maxUnavailable, unavailableUnset);
    }

    /** A count or percentage as written; 0% is 0. */
    private static String amount(IntOrString value, String unset) {
        String text = value == null ? unset : value.getIntVal() != null ? value.getIntVal().toString() : value.getStrVal();
        return "0%".equals(text) ? "0" : text;
    }

    private static void pod(Map<String, Field> fields, String path, PodTemplateSpec template, List<LimitRangeDef> limitRanges) {
        PodSpec pod = template.getSpec();
        Long grace = pod.getTerminationGracePeriodSeconds();
        fields.put(path + ".spec.terminationGracePeriodSeconds", grace == null ? Field.unset(30, "withTerminationGracePeriodSeconds")
                : Field.of(grace, "withTerminationGracePeriodSeconds"));
        // The reference check reads the PriorityClass: one missing from the cluster gets the pods refused.
        String priority = pod.getPriorityClassName();
        fields.put(path + ".spec.priorityClassName", priority == null || priority.isEmpty()
                ? Field.unset("the cluster's default", "withPriorityClass or withClusterPriorityClass")
                : Field.of(priority, "withPriorityClass or withClusterPriorityClass"));
        // Who the pods run as and whether they hold an API token: what the RBAC and token-mount rules read.
        // The deprecated serviceAccount stands for serviceAccountName where that is empty, as the API server reads it.
        String account = pod.getServiceAccountName() == null || pod.getServiceAccountName().isEmpty() ? pod.getServiceAccount()
                : pod.getServiceAccountName();
        fields.put(path + ".spec.serviceAccountName", Field.of(account == null || account.isEmpty() ? "default" : account,
                "withServiceAccount or withApiAccessAs"));
        Boolean token = pod.getAutomountServiceAccountToken();
        fields.put(path + ".spec.automountServiceAccountToken", token == null ? Field.unset("the account's", "withApiAccessAs")
                : Field.of(token, "withApiAccessAs"));
        // A projected token volume mounts a token whatever automountServiceAccountToken says; its audience says who accepts it.
        fields.put(path + ".spec.volumes[*].projected.sources[*].serviceAccountToken", Field.of(tokens(pod), "withApiAccessAs for an API token, "
                + "Volumes.projected(name, ProjectedSource.serviceAccountToken(audience, expiration)) for another service's"));
        // Who owns the files of Secret, ConfigMap, Downward API and projected volumes and who may read them: what
        // volume-file-access reads.
        PodSecurityContext security = pod.getSecurityContext() == null ? new PodSecurityContext() : pod.getSecurityContext();
        fields.put(path + ".spec.securityContext.fsGroup", Field.of(Objects.requireNonNullElse(security.getFsGroup(), "unset"),
                "withSecurity(PodSecurity.RESTRICTED.withFsGroup(..))"));
        fields.put(path + ".spec.securityContext.runAsUser", Field.of(Objects.requireNonNullElse(security.getRunAsUser(), "unset"),
                "withSecurity(PodSecurity.RESTRICTED.withUser(..))"));
        fields.put(path + ".spec.securityContext.runAsGroup", Field.of(Objects.requireNonNullElse(security.getRunAsGroup(), "unset"),
                "withSecurity(PodSecurity.RESTRICTED.withGroup(..))"));
        Set<String> claimVolumes = new TreeSet<>();
        for (Volume volume : RawEditResultCheck.orEmpty(pod.getVolumes())) {
            String sources = VolumeSources.of(volume);
            if (!sources.isEmpty()) {
                fields.put(path + ".spec.volumes[" + volume.getName() + "] sources", Field.of(sources,
                        "Volumes.configMap, Volumes.secret or Volumes.projected, and the volume's withItem"));
            }
            String modes = VolumeFileModes.of(volume);
            if (!modes.isEmpty()) {
                fields.put(path + ".spec.volumes[" + volume.getName() + "] file modes", Field.of(modes,
                        "the volume's withDefaultMode, or a mode in withItem or withFile"));
            }
            if (volume.getPersistentVolumeClaim() != null) {
                claimVolumes.add(volume.getName());
                fields.put(path + ".spec.volumes[" + volume.getName() + "].persistentVolumeClaim",
                        Field.of(volume.getPersistentVolumeClaim().getClaimName(), "Volumes.persistentClaim"));
            }
        }
        PlacementFields.put(fields, path + ".spec", pod);
        for (Container container : RawEditResultCheck.orEmpty(pod.getContainers())) {
            container(fields, path + ".spec.containers[" + container.getName() + "]", container, claimVolumes, limitRanges);
        }
        for (Container container : RawEditResultCheck.orEmpty(pod.getInitContainers())) {
            String at = path + ".spec.initContainers[" + container.getName() + "]";
            container(fields, at, container, claimVolumes, limitRanges);
            fields.put(at + ".restartPolicy", Field.of(Objects.requireNonNullElse(container.getRestartPolicy(), "unset"),
                    "withNativeSidecar or withInitContainer"));
        }
    }

    private static void container(Map<String, Field> fields, String path, Container container, Set<String> claimVolumes,
                                  List<LimitRangeDef> limitRanges) {
        fields.put(path, Field.of("present", "withSidecar, withNativeSidecar or withInitContainer"));
        ContainerFields.put(fields, path, container);
        ContainerAmounts.put(fields, path, container, limitRanges);
        // Who the container runs as: volume-file-access reads the pods' user and group for each container of the definition,
        // which the DSL sets for the whole pod only; a container's own would stand in for them.
        SecurityContext context = container.getSecurityContext() == null ? new SecurityContext() : container.getSecurityContext();
        fields.put(path + ".securityContext.runAsUser", Field.of(Objects.requireNonNullElse(context.getRunAsUser(), "unset"),
                "withSecurity(PodSecurity.RESTRICTED.withUser(..)) on the workload, for all its containers"));
        fields.put(path + ".securityContext.runAsGroup", Field.of(Objects.requireNonNullElse(context.getRunAsGroup(), "unset"),
                "withSecurity(PodSecurity.RESTRICTED.withGroup(..)) on the workload, for all its containers"));
        var preStop = container.getLifecycle() == null ? null : container.getLifecycle().getPreStop();
        if (preStop != null && preStop.getSleep() != null) {
            fields.put(path + ".lifecycle.preStop.sleep.seconds", Field.of(preStop.getSleep().getSeconds(), "the container's withPreStop"));
        }
        for (VolumeMount mount : RawEditResultCheck.orEmpty(container.getVolumeMounts())) {
            // The file a mount takes of its volume: config-reference reads the key of a file mount.
            fields.put(path + ".volumeMounts[" + mount.getMountPath() + "].subPath", Field.of(
                    mount.getSubPath() == null || mount.getSubPath().isEmpty() ? "unset (the whole volume)" : mount.getSubPath(),
                    "the container's withFileMount, or withMount for the whole volume"));
            if (claimVolumes.contains(mount.getName())) {
                fields.put(path + ".volumeMounts[" + mount.getName() + "].readOnly", Field.of(Boolean.TRUE.equals(mount.getReadOnly()),
                        "the container's withMount or withReadOnlyMount"));
            }
        }
    }

    /** Each projected token: {@code vault/token for vault, 3600 s}; with no audience, the API server's (an API token). */
    private static List<String> tokens(PodSpec pod) {
        List<String> tokens = new ArrayList<>();
        for (Volume volume : RawEditResultCheck.orEmpty(pod.getVolumes())) {
            List<VolumeProjection> sources = volume.getProjected() == null ? List.of() : RawEditResultCheck.orEmpty(volume.getProjected().getSources());
            for (VolumeProjection source : sources) {
                ServiceAccountTokenProjection token = source.getServiceAccountToken();
                if (token != null) {
                    String audience = token.getAudience() == null || token.getAudience().isEmpty() ? "the API server" : token.getAudience();
                    tokens.add(volume.getName() + "/" + token.getPath() + " for " + audience + ", "
                            + Objects.requireNonNullElse(token.getExpirationSeconds(), 3600L) + " s");
                }
            }
        }
        return tokens;
    }

    /** {@code spec.template.spec.containers[web]} for a path in that container, else null. */
    static String containerOf(String path) {
        int at = path.indexOf("ontainers[");
        return at < 0 ? null : path.substring(0, path.indexOf(']', at) + 1);
    }

    static List<String> containers(Set<String> paths) {
        List<String> containers = new ArrayList<>();
        for (String path : paths) {
            String container = containerOf(path);
            if (container != null && container.equals(path)) {
                containers.add(container);
            }
        }
        return containers;
    }
}
