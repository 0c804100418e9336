package dev.kforge.dsl.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.render.RenderedObject;
import dev.kforge.dsl.yaml.YamlWriter;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The semantic difference between two rendered environments: objects matched by kind and name,
 * fields by path (list items by their {@code name} where they have one), values compared with each
 * environment's name replaced by {@code <env>}. Not a text diff of files.
 */
public final class EnvironmentDiff {
    private static final String PLACEHOLDER = "<env>";

    private EnvironmentDiff() {
    }

    public static List<FieldDifference> between(RenderedEnvironment from, RenderedEnvironment to) {
        Pattern fromToken = token(from);
        Pattern toToken = token(to);
        Map<String, Map<String, String>> left = flatten(from, fromToken);
        Map<String, Map<String, String>> right = flatten(to, toToken);
        TreeSet<String> objects = new TreeSet<>(left.keySet());
        objects.addAll(right.keySet());
        List<FieldDifference> differences = new ArrayList<>();
        for (String object : objects) {
            String kind = object.substring(0, object.indexOf('/'));
            String name = object.substring(object.indexOf('/') + 1);
            Map<String, String> a = left.get(object);
            Map<String, String> b = right.get(object);
            if (a == null || b == null) {
                differences.add(new FieldDifference(kind, name, "", Optional.ofNullable(a).map(x -> "present"),
                        Optional.ofNullable(b).map(x -> "present")));
                continue;
            }
            TreeSet<String> paths = new TreeSet<>(a.keySet());
            paths.addAll(b.keySet());
            for (String path : paths) {
                // The same text is the same value: "dev" in dev.kforge.Main is a Java package, not the environment.
                String va = a.get(path);
                String vb = b.get(path);
                if (va != null && va.equals(vb)) {
                    continue;
                }
                if (va == null || vb == null || !replaced(va, fromToken).equals(replaced(vb, toToken))) {
                    // Shown as written (tgr-prod, not tgr-<env>); redacted here, where the rest of the object is at hand.
                    differences.add(new FieldDifference(kind, name, path, Optional.ofNullable(FileDiff.redacted(path, va, a)),
                            Optional.ofNullable(FileDiff.redacted(path, vb, b))));
                }
            }
        }
        return differences;
    }

    /** The environment's name as a word of its own ({@code tgr-dev}, {@code tgr.dev.example.com}, not {@code device}). */
    private static Pattern token(RenderedEnvironment environment) {
        return Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(environment.name()) + "(?![A-Za-z0-9])");
    }

    /**
     * Every object of the environment as kind/name -> (path -> value), the environment's name replaced in object
     * names and list items' names (what matches them across environments), not in values (compared both ways).
     */
    private static Map<String, Map<String, String>> flatten(RenderedEnvironment environment, Pattern token) {
        Map<String, Map<String, String>> objects = new TreeMap<>();
        for (RenderedObject object : environment.objects()) {
            Map<String, String> fields = new TreeMap<>();
            flatten(YamlWriter.canonicalTree(object.manifest()), "", fields, token);
            if (object.manifest() instanceof Job) {
                fields.remove("metadata.name"); // the hash of the rest, namespace included: what differs shows elsewhere
            }
            String name = token.matcher(object.source().name()).replaceAll(PLACEHOLDER);
            objects.put(object.kind().kind() + "/" + name, fields);
        }
        return objects;
    }

    /** Every scalar of {@code node} by path; {@code token} (may be null) is replaced by {@code <env>} in list items' names. */
    static void flatten(JsonNode node, String path, Map<String, String> fields, Pattern token) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                flatten(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), fields, token);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String key = item.isObject() && item.has("name") ? replaced(item.get("name").asText(), token) : String.valueOf(i);
                flatten(item, path + "[" + key + "]", fields, token);
            }
        } else {
            fields.put(path, node.asText());
        }
    }

    private static String replaced(String text, Pattern token) {
        return token == null ? text : token.matcher(text).replaceAll(PLACEHOLDER);
    }
}
