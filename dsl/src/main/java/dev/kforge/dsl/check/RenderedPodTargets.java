package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which rendered objects act on a workload's pods: the Services whose selector matches their labels, and the autoscalers that
 * set its replicas. What else a rename or a recreation of the workload disturbs.
 */
final class RenderedPodTargets {
    private RenderedPodTargets() {
    }

    /** The rendered Services, by name in file order, whose selector matches pods of these labels. */
    static List<String> servicesSelecting(JsonNode podLabels, List<ManifestFile> rendered) {
        List<String> services = new ArrayList<>();
        for (ManifestFile file : rendered) {
            if (file.kind().equals(Kind.SERVICE) && selects(tree(file).at("/spec/selector"), podLabels)) {
                services.add(file.name());
            }
        }
        return services;
    }

    /** The rendered autoscalers, by name in file order, whose target is the workload of this kind and name. */
    static List<String> autoscalersOf(String kind, String name, List<ManifestFile> rendered) {
        List<String> autoscalers = new ArrayList<>();
        for (ManifestFile file : rendered) {
            JsonNode target = file.kind().equals(Kind.HORIZONTAL_POD_AUTOSCALER) ? tree(file).at("/spec/scaleTargetRef") : null;
            if (target != null && target.path("kind").asText().equals(kind) && target.path("name").asText().equals(name)) {
                autoscalers.add(file.name());
            }
        }
        return autoscalers;
    }

    /** Whether a Service's selector (a map of labels, non-empty) matches pods of these labels. */
    static boolean selects(JsonNode selector, JsonNode podLabels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) selector::fields) {
            if (!entry.getValue().equals(podLabels.path(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode tree(ManifestFile file) {
        return YamlReader.tree(file.content()).orElseThrow();
    }
}
