package dev.kforge.dsl.render;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.Annotations;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.LabelExpression;
import dev.kforge.dsl.workload.NodeAffinity;
import dev.kforge.dsl.workload.PodAffinity;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.TaintEffect;
import dev.kforge.dsl.workload.Toleration;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.Workload;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAntiAffinity;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.List;

/**
 * The pod template of any workload: its pods carry the workload's labels and run its containers
 * as its service account, under its security context. The kinds add what is theirs (a
 * Deployment's spread, a CronJob's restart policy) to the spec.
 */
final class PodTemplateRenderer {
    private PodTemplateRenderer() {
    }

    /**
     * The template, its pods labelled with {@code workloadLabels} (the stack's {@code Stack.workloadLabelsOf}) and the
     * workload's pod labels, and annotated with its pod annotations and {@code extraAnnotations} (e.g. config checksums).
     */
    static PodTemplateSpec render(Workload<?> workload, Stack stack, Labels workloadLabels, Annotations extraAnnotations) {
        PodSpec pod = new PodSpec();
        pod.setServiceAccountName(workload.serviceAccount().map(account -> account.name()).orElse(null));
        pod.setAutomountServiceAccountToken(workload.mountServiceAccountToken());
        pod.setSecurityContext(security(workload.security()));
        pod.setTerminationGracePeriodSeconds(workload.terminationGracePeriodSeconds().map(Long::valueOf).orElse(null));
        pod.setPriorityClassName(workload.pod().priority().map(priority -> priority.name()).orElse(null));
        // Mutable lists: raw edits may add to them.
        List<Container> initContainers = new ArrayList<>();
        for (ContainerDef init : workload.pod().initPhase()) {
            initContainers.add(nativeSidecarIf(workload.pod().isNativeSidecar(init), ContainerRenderer.render(init)));
        }
        List<Container> containers = new ArrayList<>();
        for (ContainerDef container : workload.containers()) {
            if (workload.pod().isNativeSidecar(container)) {
                continue; // rendered among the init containers
            }
            boolean main = containers.isEmpty();
            if (main || workload.runsUntilReplaced()) {
                containers.add(ContainerRenderer.render(container));
            } else {
                // A pod that runs to completion ends when its containers do, and a sidecar (a proxy) never does: it becomes a
                // native sidecar, after the init containers, and is stopped once the main one ends.
                initContainers.add(nativeSidecarIf(true, ContainerRenderer.render(container)));
            }
        }
        pod.setInitContainers(initContainers);
        pod.setContainers(containers);
        // A claim template is the StatefulSet's; the controller adds each pod's claim as its volume.
        pod.setVolumes(new ArrayList<>(workload.volumes().stream().filter(volume -> !(volume instanceof VolumeDef.ClaimTemplate))
                .map(VolumeRenderer::render).toList()));
        List<LocalObjectReference> pullSecrets = new ArrayList<>();
        for (SecretDef credentials : workload.imagePullSecrets()) {
            pullSecrets.add(new LocalObjectReference(credentials.name()));
        }
        pod.setImagePullSecrets(pullSecrets);
        pod.setNodeSelector(workload.pod().nodeSelector().isEmpty() ? null : Metadata.map(workload.pod().nodeSelector().entries()));
        List<io.fabric8.kubernetes.api.model.Toleration> tolerations = new ArrayList<>();
        for (Toleration toleration : workload.pod().tolerations()) {
            io.fabric8.kubernetes.api.model.Toleration rendered = new io.fabric8.kubernetes.api.model.Toleration();
            rendered.setKey(toleration.key().orElse(null));
            rendered.setOperator(toleration.operator());
            rendered.setValue(toleration.value().orElse(null));
            rendered.setEffect(toleration.effect().map(TaintEffect::apiValue).orElse(null));
            rendered.setTolerationSeconds(toleration.seconds().orElse(null));
            tolerations.add(rendered);
        }
        pod.setTolerations(tolerations);
        pod.setAffinity(nodeAffinity(workload.pod().nodeAffinity()));
        if (!workload.pod().podAffinities().isEmpty()) {
            if (pod.getAffinity() == null) {
                pod.setAffinity(new Affinity());
            }
            addPodAffinities(pod.getAffinity(), workload.pod().podAffinities(), stack);
        }

        ObjectMeta podMeta = new ObjectMeta();
        podMeta.setLabels(Metadata.map(workloadLabels.with(workload.podLabels()).entries()));
        podMeta.setAnnotations(Metadata.map(workload.podAnnotations().with(extraAnnotations).entries()));
        PodTemplateSpec template = new PodTemplateSpec();
        template.setMetadata(podMeta);
        template.setSpec(pod);
        return template;
    }

    /** {@code container}, made a native sidecar when {@code nativeSidecar}: an init container that keeps running (restartPolicy Always). */
    private static Container nativeSidecarIf(boolean nativeSidecar, Container container) {
        if (nativeSidecar) {
            container.setRestartPolicy("Always");
        }
        return container;
    }

    /** The node affinity, in an affinity of its own; null when the pods need and prefer no node labels. */
    private static Affinity nodeAffinity(NodeAffinity nodeAffinity) {
        if (nodeAffinity.isEmpty()) {
            return null;
        }
        io.fabric8.kubernetes.api.model.NodeAffinity rendered = new io.fabric8.kubernetes.api.model.NodeAffinity();
        if (!nodeAffinity.required().isEmpty()) {
            rendered.setRequiredDuringSchedulingIgnoredDuringExecution(new NodeSelector(new ArrayList<>(List.of(term(nodeAffinity.required())))));
        }
        List<PreferredSchedulingTerm> preferred = new ArrayList<>();
        for (NodeAffinity.Preference preference : nodeAffinity.preferred()) {
            preferred.add(new PreferredSchedulingTerm(term(preference.expressions()), preference.weight()));
        }
        rendered.setPreferredDuringSchedulingIgnoredDuringExecution(preferred); // empty lists are not written; raw edits may add to it
        Affinity affinity = new Affinity();
        affinity.setNodeAffinity(rendered);
        return affinity;
    }

    /** Each affinity as a term selecting the other workload's pods, in the order given (the spread's term goes first). */
    private static void addPodAffinities(Affinity affinity, List<PodAffinity> affinities, Stack stack) {
        for (PodAffinity wanted : affinities) {
            PodAffinityTerm term = new PodAffinityTerm();
            term.setLabelSelector(Metadata.podsOf(stack, wanted.other()));
            term.setTopologyKey(wanted.topology().key());
            if (wanted.near() && affinity.getPodAffinity() == null) {
                affinity.setPodAffinity(new io.fabric8.kubernetes.api.model.PodAffinity(new ArrayList<>(), new ArrayList<>()));
            } else if (!wanted.near() && affinity.getPodAntiAffinity() == null) {
                affinity.setPodAntiAffinity(new PodAntiAffinity(new ArrayList<>(), new ArrayList<>()));
            }
            List<WeightedPodAffinityTerm> preferred = wanted.near() ? affinity.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()
                    : affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
            List<PodAffinityTerm> required = wanted.near() ? affinity.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                    : affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
            wanted.weight().ifPresentOrElse(weight -> preferred.add(new WeightedPodAffinityTerm(term, weight)), () -> required.add(term));
        }
    }

    private static NodeSelectorTerm term(List<LabelExpression> expressions) {
        List<NodeSelectorRequirement> requirements = new ArrayList<>();
        for (LabelExpression expression : expressions) {
            requirements.add(new NodeSelectorRequirement(expression.key(), expression.operator().apiValue(),
                    expression.values().isEmpty() ? null : new ArrayList<>(expression.values())));
        }
        NodeSelectorTerm term = new NodeSelectorTerm();
        term.setMatchExpressions(requirements);
        return term;
    }

    private static PodSecurityContext security(PodSecurity security) {
        PodSecurityContext context = new PodSecurityContext();
        context.setRunAsNonRoot(security.runAsNonRoot());
        SeccompProfile seccomp = new SeccompProfile();
        seccomp.setType(security.seccompProfile().apiValue());
        context.setSeccompProfile(seccomp);
        security.runAsUser().ifPresent(context::setRunAsUser);
        security.runAsGroup().ifPresent(context::setRunAsGroup);
        security.fsGroup().ifPresent(context::setFsGroup);
        return context;
    }
}
