package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.core.Spelling;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.EnvVarDef;
import dev.kforge.dsl.workload.PodField;
import dev.kforge.dsl.workload.ProjectedSource;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pod label read through the Downward API ({@code PodField.label(key)}, in env or a downwardAPI file) that the pods do not
 * carry: the variable is empty, or the file, and nothing fails, so a typo ({@code app.kubernetes.io/verison}) goes unseen.
 * The pods carry the stack's labels, the workload's pod labels and those its controller adds. A warning: an admission webhook
 * may add a label too.
 */
final class PodLabelFieldCheck implements StackCheck {
    static final String ID = "pod-field-label";

    /** The labels each controller adds to the pods it creates. */
    private static final Map<Kind, Set<String>> CONTROLLER_LABELS = Map.of(
            Kind.DEPLOYMENT, Set.of("pod-template-hash"),
            Kind.STATEFUL_SET, Set.of("controller-revision-hash", "statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index"),
            Kind.DAEMON_SET, Set.of("controller-revision-hash", "pod-template-generation"),
            Kind.JOB, Set.of("controller-uid", "job-name", "batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-name",
                    "batch.kubernetes.io/job-completion-index"),
            Kind.CRON_JOB, Set.of("controller-uid", "job-name", "batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-name",
                    "batch.kubernetes.io/job-completion-index"));

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (Workload<?> workload : index.workloads()) {
            List<LabelRead> reads = new ArrayList<>();
            for (ContainerDef container : workload.allContainers()) {
                for (EnvVarDef variable : container.env()) {
                    if (variable instanceof EnvVarDef.FromPodField field) {
                        field.field().labelKey().ifPresent(key -> reads.add(new LabelRead("env " + field.name() + " of container " + container.name(), key)));
                    }
                }
            }
            for (VolumeDef volume : workload.volumes()) {
                if (volume instanceof VolumeDef.DownwardApi downward) {
                    files(reads, "volume " + volume.name(), downward.files());
                } else if (volume instanceof VolumeDef.Projected projected) {
                    for (ProjectedSource source : projected.sources()) {
                        if (source instanceof ProjectedSource.OfDownwardApi downward) {
                            files(reads, "volume " + volume.name(), downward.files());
                        }
                    }
                }
            }
            if (!reads.isEmpty()) {
                checkCarried(stack, workload, reads, problems);
            }
        }
    }

    /** Where a label is read ({@code env POD_VERSION of container web}), and its key. */
    private record LabelRead(String where, String key) {
    }

    private static void files(List<LabelRead> reads, String volume, List<VolumeDef.KeyFile<PodField>> files) {
        for (VolumeDef.KeyFile<PodField> file : files) {
            file.source().labelKey().ifPresent(key -> reads.add(new LabelRead("file " + file.path() + " of " + volume, key)));
        }
    }

    private static void checkCarried(Stack stack, Workload<?> workload, List<LabelRead> reads, Problems problems) {
        Set<String> carried = stack.workloadLabelsOf(workload).with(workload.podLabels()).entries().keySet();
        Set<String> added = CONTROLLER_LABELS.getOrDefault(workload.kind(), Set.of());
        for (LabelRead read : reads) {
            String key = read.key();
            if (carried.contains(key) || added.contains(key)) {
                continue;
            }
            List<String> known = new ArrayList<>(carried);
            known.addAll(added);
            String fix = Spelling.closest(key, known).map(label -> "Did you mean \"" + label + "\"? Read PodField.label(\"" + label + "\"), or")
                    .orElse("Read a label the pods carry, or") + " give the pods this one with withPodLabel(\"" + key + "\", ...); an "
                    + "admission webhook that adds it makes this warning moot.";
            problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), workload, read.where() + " reads pod label " + key
                    + ", which its pods do not carry, so it is empty", "pod labels: " + String.join(", ", known.stream().sorted().toList()), fix));
        }
    }
}
