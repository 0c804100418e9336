package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.dsl.core.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

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
        return readers(changed, rendered, (field, value) -> REFERENCES.contains(field) && required(value, configMap));
    }

    /**
     * As {@link #of}, for the workloads whose committed pods read one key of the ConfigMap by name: an env variable's
     * {@code configMapKeyRef} or a volume's item, which the kubelet refuses to start a pod without. Reading every key
     * ({@code envFrom}, a whole volume) does not count: the pod starts without the key.
     */
    static List<String> ofKey(String configMap, String key, Map<String, JsonNode> changed, Map<String, String> rendered) {
        return readers(changed, rendered, (field, value) -> required(value, configMap) && (field.equals("configMapKeyRef")
                && value.path("key").asText().equals(key) || field.equals("configMap") && hasItem(value.path("items"), key)));
    }

    private static List<String> readers(Map<String, JsonNode> changed, Map<String, String> rendered, BiPredicate<String, JsonNode> reference) {
        List<String> readers = new ArrayList<>();
        changed.forEach((fileName, old) -> {
            String kind = old.path("kind").asText();
            if (rendered.containsKey(fileName) && ROLLED_KINDS.contains(kind) && reads(old.path("spec"), reference)) {
                readers.add(kind + " " + old.path("metadata").path("name").asText());
            }
        });
        return readers;
    }

    private static boolean required(JsonNode reference, String configMap) {
        return reference.path("name").asText().equals(configMap) && !reference.path("optional").asBoolean();
    }

    private static boolean hasItem(JsonNode items, String key) {
        for (JsonNode item : items) {
            if (item.path("key").asText().equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a reference {@code reference} accepts appears anywhere under {@code node}. */
    private static boolean reads(JsonNode node, BiPredicate<String, JsonNode> reference) {
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            JsonNode value = field.getValue();
            if (reference.test(field.getKey(), value) || reads(value, reference)) {
                return true;
            }
        }
        for (JsonNode item : node.isArray() ? node : List.<JsonNode>of()) {
            if (reads(item, reference)) {
                return true;
            }
        }
        return false;
    }
}
