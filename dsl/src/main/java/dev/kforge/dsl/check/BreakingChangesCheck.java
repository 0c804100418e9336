package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.yaml.YamlReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Compares what the code renders with the committed output and reports the changes that
 * {@code kubectl apply} cannot make in place, unless the stack acknowledges them:
 * <ul>
 *   <li>a Deployment's {@code spec.selector} (immutable), a Service's {@code spec.clusterIP}, or a
 *       Service's type to or from ExternalName: error;</li>
 *   <li>a Deployment's {@code spec.replicas} above 1 left out (handed to an autoscaler): client-side
 *       {@code kubectl apply} then deletes the field and the Deployment falls to 1 pod until the
 *       autoscaler scales it up again: error;</li>
 *   <li>a PersistentVolumeClaim's storage class, access modes or volume mode, or a smaller size: error;</li>
 *   <li>a PriorityClass's value or preemption policy: error;</li>
 *   <li>a RoleBinding's or ClusterRoleBinding's role ({@code roleRef}): error;</li>
 *   <li>the data of a ConfigMap made {@code immutable} by a raw edit, or that flag: error;</li>
 *   <li>the Secret type of an ExternalSecret or SealedSecret, which its operator cannot give the Secret it wrote: error;</li>
 *   <li>an object renamed (one of a kind disappears while another of that kind appears): error, but for
 *       a Job, whose name changes with its content anyway; the message says what else goes (a Namespace's
 *       contents, the pods a Service selects, an autoscaled workload's pods but one);</li>
 *   <li>an object removed (a pruning pipeline deletes it): warning; error for a PersistentVolumeClaim,
 *       whose disk usually goes with it, and for a StatefulSet whose claims are deleted with it; a ConfigMap's names the
 *       workloads rolled out in the same apply whose old pods read it;</li>
 *   <li>a ConfigMap key removed while such old pods read it by name (an env reference, a volume item): warning;</li>
 *   <li>an acknowledgement that matches no change: warning, so stale ones get removed.</li>
 * </ul>
 * This type walks the committed and rendered files; {@link ImmutableFields} (with {@link ReplicasHandover}),
 * {@link RemovedConfigMapKeys} and {@link RenamesAndRemovals} compare them, and {@link BreakingChangeReporter} reports.
 */
public final class BreakingChangesCheck {
    private BreakingChangesCheck() {
    }

    /**
     * @param committed the committed files of the environment, by file name (empty on a first render)
     * @param rendered  the files the code renders now
     */
    public static void check(Stack stack, Map<String, String> committed, List<ManifestFile> rendered, Problems problems) {
        if (committed.isEmpty()) {
            // A first render breaks nothing; every acknowledged change is stale.
            new BreakingChangeReporter(stack, problems).reportStaleAcknowledgements();
            return;
        }
        // Files whose bytes did not change cannot break anything: only the others are parsed. Files are
        // matched by file name, which comes from the definition's name (a Job's object name has a hash).
        Map<String, String> renderedContent = new LinkedHashMap<>();
        rendered.forEach(file -> renderedContent.put(file.fileName(), file.content()));
        Map<String, JsonNode> before = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : committed.entrySet()) {
            if (file.getValue().equals(renderedContent.get(file.getKey()))) {
                continue;
            }
            JsonNode tree = parse(file.getValue());
            if (tree.path("kind").asText().isEmpty() || tree.path("metadata").path("name").asText().isEmpty()) {
                continue; // not an object kforge wrote (a stray or broken file): make check reports it as extra or changed
            }
            before.put(file.getKey(), tree);
        }
        BreakingChangeReporter reporter = new BreakingChangeReporter(stack, problems);

        // Two objects of one kind and name (the duplicate-name check's error) would each be compared with the one committed.
        Map<String, Long> renderedTimes = rendered.stream().collect(Collectors.groupingBy(ManifestFile::fileName, Collectors.counting()));
        for (ManifestFile file : rendered) {
            JsonNode old = before.get(file.fileName());
            if (old != null && renderedTimes.get(file.fileName()) == 1) {
                ImmutableFields.compare(reporter, file, old, parse(file.content()));
                if (file.kind().equals(Kind.CONFIG_MAP)) {
                    RemovedConfigMapKeys.report(reporter, file, old, parse(file.content()), before, renderedContent);
                }
            }
        }
        RenamesAndRemovals.report(reporter, committed, before, renderedContent, rendered);
        reporter.reportStaleAcknowledgements();
    }

    private static JsonNode parse(String yaml) {
        return YamlReader.tree(yaml).orElse(MissingNode.getInstance());
    }
}
