package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.dsl.core.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The workloads whose committed pods read a ConfigMap and that a new render rolls out: pruning the ConfigMap in the same
 * apply leaves their old pods, until replaced, unable to start again (an env reference or a volume of a ConfigMap that is
 * gone). A Job is left out: its changed version is a new Job, and the old one is pruned with its pods.
 */
final class CommittedConfigReaders {
    private static final List<String> ROLLED_KINDS = List.of(Kind.DEPLOYMENT.kind(), Kind.STATEFUL_SET.kind(), Kind.DAEMON_SET.kind(),
            Kind.CRON_JOB.kind());
    /** Where a pod names a ConfigMap: an env variable, envFrom, a volume, a projected volume's source. */
    private static final Set<String> REFERENCES = Set.of("configMapKeyRef", "configMapRef", "configMap");

    private CommittedConfigReaders() {
    }

    /**
     * {@code Deployment web}, ... in committed file order.
     *
     * @param changed  the committed objects whose files the render changes, by file name
     * @param rendered the rendered files' contents, by file name
     */
    static List<String> of(String configMap, Map<String, JsonNode> changed, Map<String, String> rendered) {
        List<String> readers = new ArrayList<>();
        changed.forEach((fileName, old) -> {
            String kind = old.path("kind").asText();
            if (rendered.containsKey(fileName) && ROLLED_KINDS.contains(kind) && reads(old.path("spec"), configMap)) {
                readers.add(kind + " " + old.path("metadata").path("name").asText());
            }
        });
        return readers;
    }

    /** Whether a required reference to the ConfigMap appears anywhere under {@code node}. */
    private static boolean reads(JsonNode node, String configMap) {
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            JsonNode value = field.getValue();
            if (REFERENCES.contains(field.getKey()) && value.path("name").asText().equals(configMap) && !value.path("optional").asBoolean()) {
                return true;
            }
            if (reads(value, configMap)) {
                return true;
            }
        }
        for (JsonNode item : node.isArray() ? node : List.<JsonNode>of()) {
            if (reads(item, configMap)) {
                return true;
            }
        }
        return false;
    }
}
