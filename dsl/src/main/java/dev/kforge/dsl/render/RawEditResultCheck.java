package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.stack.PodSecurityStandard;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ReplicatedWorkload;
import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the checks of the definitions cannot see: a raw edit may set, on the rendered object, what
 * the API server refuses (pods the namespace's Pod Security Standard forbids, a bad schedule) or
 * what would undo another object's work (replicas an autoscaler owns), or change what the checks read
 * ({@link CheckedFields}), or grant what the policy holds back (a role's wildcards). Runs on raw-edited
 * objects only.
 */
final class RawEditResultCheck {
    private RawEditResultCheck() {
    }

    /**
     * Throws a {@link RawEditException} naming what the edits of {@code object} broke in {@code manifest}: the first
     * thing its structure lacks, else everything the judgements of its pods find, at once.
     */
    static void check(KubeObject<?> object, HasMetadata manifest, Stack stack) {
        HasMetadata unedited = StackRenderer.renderUnedited(object, stack);
        // A secret written anywhere is found whatever else the edits broke, and reported with it.
        RawEditException secrets = null;
        try {
            RawEditedSecrets.check(object, unedited, manifest, stack);
        } catch (RawEditException e) {
            secrets = e;
        } catch (RuntimeException e) {
            secrets = unreadable(object, e);
        }
        try {
            checkEdited(object, unedited, manifest, stack);
        } catch (RawEditException e) {
            if (secrets == null) {
                throw e;
            }
            e.all().forEach(secrets::addSuppressed);
        }
        if (secrets != null) {
            throw secrets;
        }
    }

    private static void checkEdited(KubeObject<?> object, HasMetadata unedited, HasMetadata manifest, Stack stack) {
        try {
            if (manifest instanceof Deployment deployment) {
                PodTemplateSpec template = requireLongRunningTemplate(object, deployment.getSpec() == null ? null : deployment.getSpec().getTemplate(),
                        deployment.getSpec() == null ? null : deployment.getSpec().getSelector());
                requireMountedVolumes(object, template, List.of());
                RawEditedClaimStorage.check(object, unedited, manifest, stack);
                checkAutoscaledReplicas(object, deployment.getSpec().getReplicas(), stack);
            } else if (manifest instanceof DaemonSet daemonSet) {
                PodTemplateSpec template = requireLongRunningTemplate(object, daemonSet.getSpec() == null ? null : daemonSet.getSpec().getTemplate(),
                        daemonSet.getSpec() == null ? null : daemonSet.getSpec().getSelector());
                requireMountedVolumes(object, template, List.of());
                RawEditedDaemonSet.check(object, daemonSet.getSpec());
                SurgingHostPorts.check(object, daemonSet.getSpec());
                RawEditedClaimStorage.check(object, unedited, manifest, stack);
            } else if (manifest instanceof StatefulSet statefulSet) {
                requireLongRunningTemplate(object, statefulSet.getSpec() == null ? null : statefulSet.getSpec().getTemplate(),
                        statefulSet.getSpec() == null ? null : statefulSet.getSpec().getSelector());
                RawEditedStatefulSet.check(object, statefulSet.getSpec()); // its mounts may name claim templates too
                RawEditedClaimStorage.check(object, unedited, manifest, stack);
                checkAutoscaledReplicas(object, statefulSet.getSpec().getReplicas(), stack);
            } else if (manifest instanceof CronJob cronJob) {
                requirePodTemplate(object, RawEditedCronJob.podTemplateOf(cronJob), "spec.jobTemplate.spec.template");
                requireMountedVolumes(object, RawEditedCronJob.podTemplateOf(cronJob), List.of());
                RawEditedCronJob.check(object, cronJob);
                RawEditedClaimStorage.check(object, unedited, manifest, stack);
            } else if (manifest instanceof Namespace) {
                RawEditedNamespace.check(object, unedited, manifest);
            } else if (manifest instanceof ResourceQuota || manifest instanceof LimitRange) {
                RawEditedQuota.check(object, unedited, manifest);
            } else if (manifest instanceof PersistentVolumeClaim claim) {
                RawEditedClaim.check(object, claim, stack);
                RawEditedClaimStorage.check(object, unedited, manifest, stack);
            } else if (manifest instanceof Job job) {
                requirePodTemplate(object, job.getSpec() == null ? null : job.getSpec().getTemplate(), "spec.template");
                requireMountedVolumes(object, job.getSpec().getTemplate(), List.of());
                RawEditedJob.check(object, job);
                RawEditedClaimStorage.check(object, unedited, manifest, stack);
            }
            // Each judges the edited pods on its own: all they find is reported at once.
            PodTemplateSpec template = podTemplateOf(manifest);
            List<Runnable> judgements = new ArrayList<>();
            if (template != null) {
                judgements.add(() -> checkPodSecurity(object, podTemplateOf(unedited), template, stack));
                judgements.add(() -> requireConsistentEscalation(object, template));
                judgements.add(() -> requireValidProfiles(object, template));
                judgements.add(() -> RawEditedHostAccess.check(object, podTemplateOf(unedited), template, stack));
                judgements.add(() -> RawEditedSpread.check(object, template));
                judgements.add(() -> RawEditedProcessSharing.check(object, podTemplateOf(unedited), template, stack));
            }
            if (manifest instanceof ConfigMap configMap) {
                judgements.add(() -> RawEditedConfigMap.check(object, (ConfigMap) unedited, configMap));
            }
            if (manifest instanceof Service service) {
                judgements.add(() -> RawEditedService.check(object, service));
            }
            if (manifest instanceof Ingress) {
                judgements.add(() -> RawEditedSnippets.check(object, unedited, manifest, stack));
            }
            if (manifest instanceof Role || manifest instanceof ClusterRole) {
                judgements.add(() -> RawEditedRules.check(object, manifest, stack));
            }
            if (manifest instanceof ClusterRole clusterRole) {
                judgements.add(() -> RawEditedViewAggregation.check(object, unedited, clusterRole));
            }
            if (CheckedFields.apply(manifest)) {
                judgements.add(() -> RawEditedCheckedFields.check(object, unedited, manifest, stack));
            }
            if (template != null) {
                judgements.add(() -> RawEditedSecurity.check(object, podTemplateOf(unedited), template, stack));
                judgements.add(() -> RawEditedContainers.check(object, podTemplateOf(unedited), template,
                        !(manifest instanceof Job || manifest instanceof CronJob), stack));
            }
            judgeAll(judgements);
        } catch (RawEditException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreadable(object, e);
        }
    }

    /** A null where the API needs a value, in a list or map the edit filled, met by a check. */
    private static RawEditException unreadable(KubeObject<?> object, RuntimeException e) {
        return new RawEditException(object, "raw edits left a value the API server cannot read",
                e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                "Fix the edit: set every name, list entry and map value it adds.", object.meta().origin(), e);
    }

    /** The pod template of a workload whose pods run until replaced, present, selected by its selector and without a deadline. */
    private static PodTemplateSpec requireLongRunningTemplate(KubeObject<?> object, PodTemplateSpec template, LabelSelector selector) {
        requirePodTemplate(object, template, "spec.template");
        requireSelectedTemplate(object, selector, template);
        requireLongRunningPods(object, template);
        return template;
    }

    private static void requirePodTemplate(KubeObject<?> object, PodTemplateSpec template, String path) {
        if (template == null || template.getSpec() == null) {
            throw new RawEditException(object, "raw edits removed its pod template, which the API server requires", path + ": null",
                    "Edit the template's fields instead of replacing it.", object.meta().origin(), null);
        }
        if (template.getSpec().getContainers() == null || template.getSpec().getContainers().isEmpty()) {
            throw new RawEditException(object, "raw edits removed every container of its pods, which the API server refuses",
                    path + ".spec.containers: " + template.getSpec().getContainers(), "Keep at least the main container.",
                    object.meta().origin(), null);
        }
        requireValidInitContainers(object, template);
    }

    /**
     * An init container either runs to completion (no restart policy, no probes) or is a native sidecar
     * ({@code restartPolicy: Always}, probes allowed): the API server refuses anything else.
     */
    private static void requireValidInitContainers(KubeObject<?> object, PodTemplateSpec template) {
        for (Container init : orEmpty(template.getSpec().getInitContainers())) {
            String restartPolicy = init.getRestartPolicy();
            boolean probed = init.getReadinessProbe() != null || init.getLivenessProbe() != null || init.getStartupProbe() != null
                    || init.getLifecycle() != null;
            if (restartPolicy != null && !restartPolicy.equals("Always") || restartPolicy == null && probed) {
                throw new RawEditException(object, "raw edits left init container " + init.getName() + " with what the API server refuses",
                        "restartPolicy: " + restartPolicy + ", probes or lifecycle hooks: " + (probed ? "set" : "none"),
                        "An init container that runs to completion has neither; a native sidecar (withNativeSidecar) keeps restartPolicy: Always.",
                        object.meta().origin(), null);
            }
        }
    }

    /** A Deployment's, StatefulSet's or DaemonSet's pods run until replaced: the API server allows only restartPolicy Always and no deadline. */
    private static void requireLongRunningPods(KubeObject<?> object, PodTemplateSpec template) {
        PodSpec pod = template.getSpec();
        if (pod.getRestartPolicy() != null && !pod.getRestartPolicy().equals("Always") || pod.getActiveDeadlineSeconds() != null) {
            throw new RawEditException(object, "raw edits set what the API server refuses for pods that run until replaced",
                    "restartPolicy: " + pod.getRestartPolicy() + ", activeDeadlineSeconds: " + pod.getActiveDeadlineSeconds(),
                    "Leave restartPolicy unset (Always) and activeDeadlineSeconds unset; a Job or CronJob runs pods that end.", object.meta().origin(), null);
        }
    }

    /** Every volume a container mounts is a pod volume or, in a StatefulSet, a claim template: the API server refuses the rest. */
    static void requireMountedVolumes(KubeObject<?> object, PodTemplateSpec template, List<String> claims) {
        Set<String> volumes = new TreeSet<>(claims);
        for (Volume volume : orEmpty(template.getSpec().getVolumes())) {
            volumes.add(volume.getName());
        }
        List<Container> containers = new ArrayList<>(orEmpty(template.getSpec().getInitContainers()));
        containers.addAll(template.getSpec().getContainers());
        for (Container container : containers) {
            for (VolumeMount mount : orEmpty(container.getVolumeMounts())) {
                if (!volumes.contains(mount.getName())) {
                    throw new RawEditException(object, "raw edits left container " + container.getName() + " mounting a volume the pod does not have",
                            "volumeMounts: " + mount.getName() + ", volumes: " + volumes, "Keep the volume, or remove the mount in the same edit.",
                            object.meta().origin(), null);
                }
            }
        }
    }

    /** Runs every judgement; throws the first failure with the others suppressed in it ({@link RawEditException#all()}). */
    private static void judgeAll(List<Runnable> judgements) {
        RawEditException failed = null;
        for (Runnable judgement : judgements) {
            try {
                judgement.run();
            } catch (RawEditException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** The pod template of a workload, null for other objects (and for a workload whose edits removed it). */
    static PodTemplateSpec podTemplateOf(HasMetadata manifest) {
        if (manifest instanceof Deployment deployment) {
            return deployment.getSpec() == null ? null : deployment.getSpec().getTemplate();
        } else if (manifest instanceof DaemonSet daemonSet) {
            return daemonSet.getSpec() == null ? null : daemonSet.getSpec().getTemplate();
        } else if (manifest instanceof StatefulSet statefulSet) {
            return statefulSet.getSpec() == null ? null : statefulSet.getSpec().getTemplate();
        } else if (manifest instanceof Job job) {
            return job.getSpec() == null ? null : job.getSpec().getTemplate();
        }
        return manifest instanceof CronJob cronJob ? RawEditedCronJob.podTemplateOf(cronJob) : null;
    }

    /** fabric8 leaves unset lists null. */
    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** The API server refuses a Deployment whose selector does not match its own pod template's labels. */
    private static void requireSelectedTemplate(KubeObject<?> object, LabelSelector selector, PodTemplateSpec template) {
        Map<String, String> wanted = selector == null ? null : selector.getMatchLabels();
        Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null ? Map.of()
                : template.getMetadata().getLabels();
        if (wanted == null || wanted.isEmpty() || !labels.entrySet().containsAll(wanted.entrySet())) {
            throw new RawEditException(object, "raw edits left a selector that does not match its pod template's labels, which the API server refuses",
                    "selector: " + (wanted == null ? null : new TreeMap<>(wanted)) + ", pod labels: " + new TreeMap<>(labels),
                    "Leave the selector and the derived pod labels to the DSL; add labels with withPodLabel.", object.meta().origin(), null);
        }
    }

    /**
     * The edited pods meet the namespace's Pod Security Standard. The definition's own check skips raw-edited
     * workloads, so this one reports everything, saying whether the definition or the edits brought each setting.
     */
    private static void checkPodSecurity(KubeObject<?> object, PodTemplateSpec unedited, PodTemplateSpec pod, Stack stack) {
        PodSecurityStandard standard = stack.namespace().podSecurityStandard();
        List<String> violations = RenderedPodSecurity.violations(pod, standard);
        if (violations.isEmpty()) {
            return;
        }
        List<String> defined = unedited == null ? List.of() : RenderedPodSecurity.violations(unedited, standard);
        long fromEdits = violations.stream().filter(violation -> !defined.contains(violation)).count();
        String cause = fromEdits == violations.size() ? "raw edits make" : fromEdits == 0 ? "its definition makes" : "its definition and raw edits make";
        String fix = fromEdits == violations.size() ? "Undo those settings in the edit"
                : fromEdits == 0 ? "Keep PodSecurity.RESTRICTED and ContainerSecurity.RESTRICTED in the definition"
                : "Undo those settings in the definition (PodSecurity and ContainerSecurity.RESTRICTED) and the edit";
        throw new RawEditException(object, cause + " its pods break the " + standard.apiValue() + " Pod Security Standard that namespace "
                + stack.namespace().name() + " enforces, so the API server refuses them", String.join(", ", violations),
                fix + ", or lower the namespace's standard to one that admits them: withPodSecurityStandard(PodSecurityStandard."
                        + (standard == PodSecurityStandard.RESTRICTED && RenderedPodSecurity.violations(pod, PodSecurityStandard.BASELINE).isEmpty()
                        ? "BASELINE" : "PRIVILEGED") + ").", object.meta().origin(), null);
    }

    /** The API server refuses a container that is privileged, or adds CAP_SYS_ADMIN (so spelled), and yet forbids privilege escalation. */
    private static void requireConsistentEscalation(KubeObject<?> object, PodTemplateSpec template) {
        List<String> contradictions = new ArrayList<>();
        for (Container container : RawEditedSecurity.containers(template)) {
            SecurityContext security = container.getSecurityContext();
            if (security == null || !Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
                continue;
            }
            List<String> added = security.getCapabilities() == null ? List.of() : orEmpty(security.getCapabilities().getAdd());
            if (Boolean.TRUE.equals(security.getPrivileged())) {
                contradictions.add("container " + container.getName() + " privileged: true");
            } else if (added.contains("CAP_SYS_ADMIN")) { // the API server compares this spelling only
                contradictions.add("container " + container.getName() + " adds CAP_SYS_ADMIN");
            }
        }
        if (!contradictions.isEmpty()) {
            throw new RawEditException(object, RawEditException.editsOf(object) + " left allowPrivilegeEscalation: false beside privileges that "
                    + "imply it, which the API server refuses", String.join(", ", contradictions),
                    "Set allowPrivilegeEscalation to true in the same edit (or use the definition's withPrivileged(true), which does).",
                    object.meta().origin(), null);
        }
    }

    /**
     * The API server refuses a seccomp or AppArmor profile of another type than RuntimeDefault, Unconfined or Localhost, a
     * Localhost one without the name of the node's profile, and a profile name beside another type. The policy's rules read
     * the type only, so under a policy that warns, such an edit would render.
     */
    private static void requireValidProfiles(KubeObject<?> object, PodTemplateSpec template) {
        List<String> refused = new ArrayList<>();
        PodSecurityContext pod = template.getSpec().getSecurityContext();
        if (pod != null) {
            profile("pod seccompProfile", pod.getSeccompProfile() == null ? null : pod.getSeccompProfile().getType(),
                    pod.getSeccompProfile() == null ? null : pod.getSeccompProfile().getLocalhostProfile(), pod.getSeccompProfile() != null, refused);
            profile("pod appArmorProfile", pod.getAppArmorProfile() == null ? null : pod.getAppArmorProfile().getType(),
                    pod.getAppArmorProfile() == null ? null : pod.getAppArmorProfile().getLocalhostProfile(), pod.getAppArmorProfile() != null, refused);
        }
        for (Container container : RawEditedSecurity.containers(template)) {
            SecurityContext security = container.getSecurityContext();
            if (security == null) {
                continue;
            }
            String subject = "container " + container.getName();
            SeccompProfile seccomp = security.getSeccompProfile();
            profile(subject + " seccompProfile", seccomp == null ? null : seccomp.getType(), seccomp == null ? null : seccomp.getLocalhostProfile(),
                    seccomp != null, refused);
            AppArmorProfile appArmor = security.getAppArmorProfile();
            profile(subject + " appArmorProfile", appArmor == null ? null : appArmor.getType(), appArmor == null ? null : appArmor.getLocalhostProfile(),
                    appArmor != null, refused);
        }
        if (!refused.isEmpty()) {
            throw new RawEditException(object, "raw edits left a seccomp or AppArmor profile the API server refuses", String.join(", ", refused),
                    "Use type RuntimeDefault, or Localhost with localhostProfile naming the node's profile (profiles/audit.json).",
                    object.meta().origin(), null);
        }
    }

    /** Adds to {@code refused} what the API server refuses in one profile, if {@code present}. */
    private static void profile(String subject, String type, String localhostProfile, boolean present, List<String> refused) {
        if (!present) {
            return;
        }
        // The API server trims an AppArmor profile's name; a seccomp one it reads as a path below the kubelet's folder.
        boolean named = localhostProfile != null && !(subject.endsWith("appArmorProfile") && localhostProfile.isBlank());
        if (!"RuntimeDefault".equals(type) && !"Unconfined".equals(type) && !"Localhost".equals(type)) {
            refused.add(subject + " type " + type);
        } else if (type.equals("Localhost") && !named) {
            refused.add(subject + " type Localhost without a localhostProfile");
        } else if (!type.equals("Localhost") && localhostProfile != null) {
            refused.add(subject + " type " + type + " with a localhostProfile");
        }
    }

    /** An autoscaler owns its workload's replicas: a raw edit setting them would reset the count on every apply. */
    private static void checkAutoscaledReplicas(KubeObject<?> object, Integer replicas, Stack stack) {
        if (object instanceof ReplicatedWorkload<?> definition && stack.autoscalerOf(definition).isPresent() && replicas != null) {
            throw new RawEditException(object, "raw edits set spec.replicas although " + stack.autoscalerOf(definition).get().describe()
                    + " scales it; every kubectl apply would reset the running pods", "replicas: " + replicas,
                    "Leave spec.replicas to the autoscaler: its minReplicas is the floor.", object.meta().origin(), null);
        }
    }

}
