package dev.kforge.dsl.diff;

import dev.kforge.dsl.check.SecretPatterns;
import dev.kforge.dsl.yaml.FieldPaths;
import dev.kforge.dsl.yaml.YamlReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
                differences.add(path + ": " + change(redacted(path, a, left), redacted(path, b, right)));
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
        return YamlReader.tree(yaml).map(FieldPaths::of).orElse(null);
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
