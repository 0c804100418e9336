package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.quota.LimitRangeDef;
import dev.kforge.dsl.quota.ResourceQuotaDef;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Raw edits may add to a workload what the DSL does not model, but not change what the checks read
 * from its definition, or their verdicts would be about other pods than those applied: how many pods
 * run (replicas, the update strategy, a Job's completions and parallelism, a CronJob's concurrency),
 * each container's cpu and memory, the claims the pods mount and how they shut down. Under a quota or
 * LimitRange, which count every container, a container the edits add or remove is a change too.
 */
final class RawEditedCheckedFields {
    private static final List<String> AMOUNTS = List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory");

    private RawEditedCheckedFields() {
    }

    /** Throws a {@link RawEditException} listing every checked field the edits of {@code object} changed. */
    static void check(KubeObject<?> object, HasMetadata unedited, HasMetadata edited, Stack stack) {
        Map<String, Field> before = fields(unedited);
        Map<String, Field> after = fields(edited);
        if (!countsEveryContainer(stack)) {
            // No check counts a container the definition does not have: only those in both are compared.
            Set<String> inBoth = containers(before.keySet());
            inBoth.retainAll(containers(after.keySet()));
            before.keySet().removeIf(path -> containerOf(path) != null && !inBoth.contains(containerOf(path)));
            after.keySet().removeIf(path -> containerOf(path) != null && !inBoth.contains(containerOf(path)));
        }
        List<String> changes = new ArrayList<>();
        Set<String> steps = new LinkedHashSet<>();
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        for (String path : paths) {
            Field was = before.get(path);
            Field now = after.get(path);
            if (was == null || now == null || !was.compared().equals(now.compared())) {
                changes.add(path + ": " + (was == null ? "absent" : was.shown()) + " -> " + (now == null ? "absent" : now.shown()));
                steps.add((was == null ? now : was).step());
            }
        }
        if (!changes.isEmpty()) {
            throw new RawEditException(object, "raw edits changed what the checks read from the definition", String.join(", ", changes),
                    "Set " + (changes.size() == 1 ? "it" : "them") + " in the definition instead (" + String.join(", ", steps)
                            + "), where the checks of availability, quotas, claims and shutdown see "
                            + (changes.size() == 1 ? "it" : "them") + ".", object.meta().origin(), null);
        }
    }

    /** Whether {@code manifest} runs pods, the only objects with checked fields. */
    static boolean runsPods(HasMetadata manifest) {
        return manifest instanceof Deployment || manifest instanceof StatefulSet || manifest instanceof DaemonSet || manifest instanceof Job
                || manifest instanceof CronJob;
    }

    private static boolean countsEveryContainer(Stack stack) {
        return stack.allObjects().stream().anyMatch(object -> object instanceof ResourceQuotaDef || object instanceof LimitRangeDef);
    }

    /** {@code spec.template.spec.containers[web]} for a path in that container, else null. */
    private static String containerOf(String path) {
        int at = path.indexOf("ontainers[");
        return at < 0 ? null : path.substring(0, path.indexOf(']', at) + 1);
    }

    private static Set<String> containers(Set<String> paths) {
        Set<String> containers = new TreeSet<>();
        for (String path : paths) {
            if (containerOf(path) != null) {
                containers.add(containerOf(path));
            }
        }
        return containers;
    }

    /**
     * A checked value: how it reads in a message, what is compared (a quantity's amount, so 1000m is 1), and the
     * definition's step that sets it.
     */
    private record Field(String shown, Object compared, String step) {
        static Field of(Object value, String step) {
            return new Field(String.valueOf(value), String.valueOf(value), step);
        }
    }

    /** The checked fields of a rendered workload by path; other objects have none. */
    private static Map<String, Field> fields(HasMetadata manifest) {
        Map<String, Field> fields = new TreeMap<>();
        if (manifest instanceof Deployment deployment) {
            fields.put("spec.replicas", replicas(deployment.getSpec().getReplicas()));
            fields.put("spec.strategy", Field.of(strategy(deployment.getSpec().getStrategy()), "withStrategy"));
            pod(fields, "spec.template", deployment.getSpec().getTemplate());
        } else if (manifest instanceof StatefulSet statefulSet) {
            fields.put("spec.replicas", replicas(statefulSet.getSpec().getReplicas()));
            fields.put("spec.updateStrategy", Field.of(update(statefulSet.getSpec().getUpdateStrategy()), "withUpdate"));
            pod(fields, "spec.template", statefulSet.getSpec().getTemplate());
        } else if (manifest instanceof DaemonSet daemonSet) {
            fields.put("spec.updateStrategy", Field.of(update(daemonSet.getSpec().getUpdateStrategy()), "withUpdate"));
            pod(fields, "spec.template", daemonSet.getSpec().getTemplate());
        } else if (manifest instanceof Job job) {
            run(fields, "spec", job.getSpec());
        } else if (manifest instanceof CronJob cronJob) {
            fields.put("spec.concurrencyPolicy", Field.of(Objects.requireNonNullElse(cronJob.getSpec().getConcurrencyPolicy(), "Allow"), "withConcurrency"));
            fields.put("spec.suspend", Field.of(Boolean.TRUE.equals(cronJob.getSpec().getSuspend()), "suspended"));
            run(fields, "spec.jobTemplate.spec", cronJob.getSpec().getJobTemplate().getSpec());
        }
        return fields;
    }

    private static Field replicas(Integer replicas) {
        return Field.of(replicas == null ? "unset" : replicas, "withReplicas");
    }

    private static void run(Map<String, Field> fields, String path, JobSpec job) {
        fields.put(path + ".completions", Field.of(Objects.requireNonNullElse(job.getCompletions(), 1), "withCompletions"));
        fields.put(path + ".parallelism", Field.of(Objects.requireNonNullElse(job.getParallelism(), 1), "withParallelism"));
        pod(fields, path + ".template", job.getTemplate());
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

    private static String amount(IntOrString value, String unset) {
        return value == null ? unset : value.getIntVal() != null ? value.getIntVal().toString() : value.getStrVal();
    }

    private static void pod(Map<String, Field> fields, String path, PodTemplateSpec template) {
        PodSpec pod = template.getSpec();
        fields.put(path + ".spec.terminationGracePeriodSeconds", Field.of(Objects.requireNonNullElse(pod.getTerminationGracePeriodSeconds(), 30L),
                "withTerminationGracePeriodSeconds"));
        for (Container container : RawEditResultCheck.orEmpty(pod.getContainers())) {
            container(fields, path + ".spec.containers[" + container.getName() + "]", container);
        }
        for (Container container : RawEditResultCheck.orEmpty(pod.getInitContainers())) {
            String at = path + ".spec.initContainers[" + container.getName() + "]";
            container(fields, at, container);
            fields.put(at + ".restartPolicy", Field.of(Objects.requireNonNullElse(container.getRestartPolicy(), "unset"), "withSidecar or withInitContainer"));
        }
        for (Volume volume : RawEditResultCheck.orEmpty(pod.getVolumes())) {
            if (volume.getPersistentVolumeClaim() != null) {
                fields.put(path + ".spec.volumes[" + volume.getName() + "].persistentVolumeClaim", Field.of(volume.getPersistentVolumeClaim().getClaimName()
                        + (Boolean.TRUE.equals(volume.getPersistentVolumeClaim().getReadOnly()) ? " (read-only)" : ""), "Volumes.persistentClaim"));
            }
        }
    }

    private static void container(Map<String, Field> fields, String path, Container container) {
        fields.put(path, Field.of("present", "withSidecar or withInitContainer"));
        ResourceRequirements resources = container.getResources();
        for (String amount : AMOUNTS) {
            Map<String, Quantity> quantities = resources == null ? null : amount.startsWith("requests") ? resources.getRequests() : resources.getLimits();
            Quantity quantity = quantities == null ? null : quantities.get(amount.substring(amount.indexOf('.') + 1));
            if (quantity != null) {
                fields.put(path + ".resources." + amount, new Field(quantity.toString(), numeric(quantity), "the container's withResources"));
            }
        }
        var preStop = container.getLifecycle() == null ? null : container.getLifecycle().getPreStop();
        if (preStop != null && preStop.getSleep() != null) {
            fields.put(path + ".lifecycle.preStop.sleep.seconds", Field.of(preStop.getSleep().getSeconds(), "the container's withPreStop"));
        }
    }

    /** The amount, so {@code 1000m} and {@code 1} compare equal; the text when it is no quantity (the API server refuses it later). */
    private static Object numeric(Quantity quantity) {
        try {
            BigDecimal amount = Quantity.getAmountInBytes(quantity);
            return amount.stripTrailingZeros();
        } catch (RuntimeException e) {
            return quantity.toString();
        }
    }
}
