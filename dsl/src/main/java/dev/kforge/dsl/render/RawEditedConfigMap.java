package dev.kforge.dsl.render;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Names;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Raw edits of a ConfigMap may add binary files ({@code binaryData}, which the DSL does not type), held to the API server's rules
 * (validation.go's ValidateConfigMap), but not change {@code data}: the checks read its keys (env references, volume items, envFrom
 * collisions) and values from the definition, so a key an edit removes would fail the pods reading it with nothing reported.
 */
final class RawEditedConfigMap {
    private RawEditedConfigMap() {
    }

    static void check(KubeObject<?> object, ConfigMap rendered, ConfigMap edited) {
        Map<String, String> was = orEmpty(rendered.getData());
        Map<String, String> now = orEmpty(edited.getData());
        if (!was.equals(now)) {
            TreeSet<String> keys = new TreeSet<>(was.keySet());
            keys.addAll(now.keySet());
            List<String> changes = keys.stream().filter(key -> !Objects.equals(was.get(key), now.get(key)))
                    .map(key -> key + (!now.containsKey(key) ? " removed" : !was.containsKey(key) ? " added" : " changed")).toList();
            throw new RawEditException(object, "raw edits changed data, which the checks of the stack's pods read from the definition",
                    String.join(", ", changes), "Set the entries with withProperty and withFile, which the checks read.", object.meta().origin(), null);
        }
        List<String> problems = new ArrayList<>();
        Set<String> fixes = new LinkedHashSet<>();
        long size = 0;
        for (Map.Entry<String, String> entry : now.entrySet()) {
            size += bytes(entry.getKey()) + bytes(entry.getValue());
        }
        for (Map.Entry<String, String> entry : new TreeMap<>(orEmpty(edited.getBinaryData())).entrySet()) {
            String key = entry.getKey();
            if (now.containsKey(key)) {
                problems.add("key \"" + key + "\" is in data too");
                fixes.add("give each binary file a key of its own");
            } else if (!isConfigKey(key)) {
                problems.add("key \"" + key + "\" is not alphanumerics, '-', '_' or '.'");
                fixes.add("name each binary file with alphanumerics, '-', '_' or '.'");
            }
            try {
                size += bytes(key) + Base64.getDecoder().decode(Objects.requireNonNullElse(entry.getValue(), "")).length;
            } catch (IllegalArgumentException e) {
                problems.add("the value of key \"" + key + "\" is not base64");
                fixes.add("give each file's bytes in base64");
            }
        }
        if (size > ConfigMapDef.MAX_BYTES) {
            problems.add("data and binaryData hold " + size + " bytes, above 1 MiB");
            fixes.add("split large files over several ConfigMaps, or keep them in the image");
        }
        if (!problems.isEmpty()) {
            throw new RawEditException(object, "raw edits set binaryData the API server refuses, failing its apply", String.join("; ", problems),
                    "Fix the edit: " + String.join("; ", fixes) + ".", object.meta().origin(), null);
        }
    }

    private static boolean isConfigKey(String key) {
        try {
            Names.requireConfigKey("ConfigMap", key);
            return true;
        } catch (InvalidDefinitionException e) {
            return false;
        }
    }

    private static long bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
