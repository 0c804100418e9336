package dev.kforge.dsl.diff;

import dev.kforge.dsl.check.SecretPatterns;
import dev.kforge.dsl.yaml.YamlReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The fields that differ between two versions of one manifest file: what {@code make check} says of a stale file. */
public final class FileDiff {
    private static final int LONGEST_VALUE = 40;

    private FileDiff() {
    }

    /**
     * {@code path: before -> after} for each differing scalar, in path order; values are shortened
     * and their line breaks shown as {@code \n}. A text that is not YAML differs as a whole.
     */
    public static List<String> between(String before, String after) {
        Map<String, String> left = fields(before);
        Map<String, String> right = fields(after);
        if (left == null || right == null) {
            return List.of("(the whole file: " + (left == null ? "the committed" : "the rendered") + " text is not YAML)");
        }
        TreeSet<String> paths = new TreeSet<>(left.keySet());
        paths.addAll(right.keySet());
        List<String> differences = new ArrayList<>();
        for (String path : paths) {
            String a = left.get(path);
            String b = right.get(path);
            if (a == null || !a.equals(b)) {
                differences.add(path + ": " + shown(redacted(path, a, left)) + " -> " + shown(redacted(path, b, right)));
            }
        }
        // A Job's name is the hash of the rest: what changed comes first.
        if ("Job".equals(right.get("kind"))) {
            differences.sort(Comparator.comparing(difference -> difference.startsWith("metadata.name: ")));
        }
        return differences;
    }

    /** Every scalar by path, or null when the text is not YAML. */
    private static Map<String, String> fields(String yaml) {
        return YamlReader.tree(yaml).map(tree -> {
            Map<String, String> fields = new TreeMap<>();
            EnvironmentDiff.flatten(tree, "", fields, null);
            return fields;
        }).orElse(null);
    }

    /**
     * {@code value}, or {@code <redacted, N characters>} when it looks like a secret, judged by its
     * path and the object's other fields ({@link SecretPatterns#hidesSecret(String, String, Map)}):
     * CI logs keep what is printed.
     */
    static String redacted(String path, String value, Map<String, String> fields) {
        return value != null && SecretPatterns.hidesSecret(path, value, fields) ? "<redacted, " + value.length() + " characters>" : value;
    }

    /** A value on one line: {@code absent} for none, line breaks as {@code \n}, at most 40 characters. */
    static String shown(String value) {
        if (value == null) {
            return "absent";
        }
        String oneLine = value.replace("\n", "\\n");
        return oneLine.length() <= LONGEST_VALUE ? oneLine : oneLine.substring(0, LONGEST_VALUE - 3) + "...";
    }
}
