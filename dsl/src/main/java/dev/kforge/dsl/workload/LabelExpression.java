package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A set-based selector requirement ({@code matchExpressions}). */
public record LabelExpression(String key, Operator operator, List<String> values) {

    /** The selector operators. */
    public enum Operator {
        IN("In"), NOT_IN("NotIn"), EXISTS("Exists"), DOES_NOT_EXIST("DoesNotExist");

        private final String apiValue;

        Operator(String apiValue) {
            this.apiValue = apiValue;
        }

        public String apiValue() {
            return apiValue;
        }
    }

    public LabelExpression {
        Names.requireQualifiedKey("LabelExpression", "key", key);
        values = List.copyOf(values);
        values.forEach(v -> Names.requireLabelValue("LabelExpression", key, v));
        boolean needsValues = operator == Operator.IN || operator == Operator.NOT_IN;
        if (needsValues == values.isEmpty()) {
            throw InvalidDefinitionException.invalid("LabelExpression " + key, "values", values.toString(),
                    needsValues ? "must not be empty for " + operator.apiValue() : "must be empty for " + operator.apiValue(), "");
        }
    }

    public static LabelExpression in(String key, String... values) {
        return new LabelExpression(key, Operator.IN, Given.all("LabelExpression " + key, "values", values));
    }

    public static LabelExpression notIn(String key, String... values) {
        return new LabelExpression(key, Operator.NOT_IN, Given.all("LabelExpression " + key, "values", values));
    }

    public static LabelExpression exists(String key) {
        return new LabelExpression(key, Operator.EXISTS, List.of());
    }

    public static LabelExpression doesNotExist(String key) {
        return new LabelExpression(key, Operator.DOES_NOT_EXIST, List.of());
    }

    /** Whether a pod with {@code labels} satisfies this requirement. */
    public boolean matches(Labels labels) {
        String value = labels.get(key);
        return switch (operator) {
            case IN -> value != null && values.contains(value);
            case NOT_IN -> value == null || !values.contains(value);
            case EXISTS -> value != null;
            case DOES_NOT_EXIST -> value == null;
        };
    }

    /**
     * Whether some labels match all of {@code expressions} at once (a node's, for the requirements of one pod, or of two pods that
     * would share it). Each key is judged alone, with its possible values tried: absent, each value the expressions name, and
     * another one.
     */
    public static boolean satisfiable(List<LabelExpression> expressions) {
        Map<String, List<LabelExpression>> byKey = new LinkedHashMap<>();
        for (LabelExpression expression : expressions) {
            byKey.computeIfAbsent(expression.key(), key -> new ArrayList<>()).add(expression);
        }
        return byKey.entrySet().stream().allMatch(entry -> satisfiableOn(entry.getKey(), entry.getValue()));
    }

    private static boolean satisfiableOn(String key, List<LabelExpression> expressions) {
        List<Labels> candidates = new ArrayList<>();
        candidates.add(Labels.EMPTY);
        expressions.forEach(expression -> expression.values().forEach(value -> candidates.add(Labels.of(key, value))));
        candidates.add(Labels.of(key, "kforge-any-other-value"));
        return candidates.stream().anyMatch(labels -> expressions.stream().allMatch(expression -> expression.matches(labels)));
    }
}
