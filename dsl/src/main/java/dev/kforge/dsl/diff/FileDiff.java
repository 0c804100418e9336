package dev.kforge.dsl.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kforge.dsl.check.SecretPatterns;
import dev.kforge.dsl.yaml.FieldPaths;
import dev.kforge.dsl.yaml.YamlReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The fields that differ between two versions of one manifest file: what {@code make check} says of a stale file. */
public final class FileDiff {
    private static final int LONGEST_VALUE = 60;

    private FileDiff() {
    }

    /**
     * {@code path: before -> after} for each differing scalar, in path order; values are shortened
     * and their line breaks shown as {@code \n}. A text that is not YAML differs as a whole.
     */
    public static List<String> between(String before, String after) {
        Optional<JsonNode> leftTree = YamlReader.tree(before);
        Optional<JsonNode> rightTree = YamlReader.tree(after);
        if (leftTree.isEmpty() || rightTree.isEmpty()) {
            return List.of("(the whole file: " + (leftTree.isEmpty() ? "the committed" : "the rendered") + " text is not YAML)");
        }
        List<String> differences = between(FieldPaths.of(leftTree.get()), FieldPaths.of(rightTree.get()));
        // The same text of another type (DEBUG: true for "true", a boolean the API server refuses in a ConfigMap's data).
        if (differences.isEmpty() && !leftTree.get().equals(rightTree.get())) {
            return between(FieldPaths.of(typed(leftTree.get())), FieldPaths.of(typed(rightTree.get())));
        }
        return differences;
    }

    /** The tree with each scalar's JSON type after its text: {@code true (boolean)}, {@code true (string)}. */
    private static JsonNode typed(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            // A list item's name stays as it is: it is the item's key in the path, containers[api].
            node.fields().forEachRemaining(field -> copy.set(field.getKey(),
                    field.getKey().equals("name") && field.getValue().isTextual() ? field.getValue() : typed(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(typed(item)));
            return copy;
        }
        return TextNode.valueOf(node.asText() + " (" + node.getNodeType().name().toLowerCase(Locale.ROOT) + ")");
    }

    private static List<String> between(Map<String, String> left, Map<String, String> right) {
        TreeSet<String> paths = new TreeSet<>(left.keySet());
        paths.addAll(right.keySet());
        List<String> differences = new ArrayList<>();
        for (String path : paths) {
            String a = left.get(path);
            String b = right.get(path);
            if (a == null || !a.equals(b)) {
                differences.add(path + ": " + change(redacted(path, a, left), redacted(path, b, right)));
            }
        }
        // A Job's name is the hash of the rest: what changed comes first.
        if ("Job".equals(right.get("kind"))) {
            differences.sort(Comparator.comparing(difference -> difference.startsWith("metadata.name: ")));
        }
        return differences;
    }

    /**
     * {@code value}, or {@code <redacted, N characters>} when it looks like a secret, judged by its
     * path and the object's other fields ({@link SecretPatterns#hidesSecret(String, String, Map)}):
     * CI logs keep what is printed.
     */
    static String redacted(String path, String value, Map<String, String> fields) {
        return value != null && SecretPatterns.hidesSecret(path, value, fields) ? "<redacted, " + value.length() + " characters>" : value;
    }

    /** A value on one line: {@code absent} for none, line breaks as {@code \n}, at most 60 characters. */
    public static String shown(String value) {
        return value == null ? "absent" : shortened(value.replace("\n", "\\n"), 0);
    }

    /**
     * {@code before -> after}, each as {@link #shown}; two long values are shortened from a little before the first
     * character where they differ, so that what differs is never cut away.
     */
    static String change(String before, String after) {
        if (before == null || after == null) {
            return shown(before) + " -> " + shown(after);
        }
        String a = before.replace("\n", "\\n");
        String b = after.replace("\n", "\\n");
        if (a.length() <= LONGEST_VALUE && b.length() <= LONGEST_VALUE) {
            return a + " -> " + b;
        }
        int common = 0;
        while (common < a.length() && common < b.length() && a.charAt(common) == b.charAt(common)) {
            common++;
        }
        int from = common < LONGEST_VALUE - 20 ? 0 : common - 15;
        return shortened(a, from) + " -> " + shortened(b, from);
    }

    /** As {@link #shown}, from a little before the first place {@code word} stands as a word of its own, so that it is not cut away. */
    public static String shownAround(String value, java.util.regex.Pattern word) {
        String oneLine = value.replace("\n", "\\n");
        java.util.regex.Matcher found = word.matcher(oneLine);
        int at = found.find() ? found.start() : 0;
        // As much as fits before it, when it is near the end.
        return shortened(oneLine, at < LONGEST_VALUE - 20 ? 0 : Math.max(0, Math.min(at - 15, oneLine.length() - (LONGEST_VALUE - 3))));
    }

    /** {@code text} from {@code from} on, at most 60 characters, with {@code ...} where it is cut. */
    private static String shortened(String text, int from) {
        String start = from == 0 ? "" : "...";
        String rest = text.substring(Math.min(from, text.length()));
        int room = LONGEST_VALUE - start.length();
        return start + (rest.length() <= room ? rest : rest.substring(0, room - 3) + "...");
    }
}
