package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of CPU in millicores, written as the API server would canonicalise it
 * ({@code 250m}, {@code 1}).
 */
public record Cpu(long millicores) implements Comparable<Cpu> {
    /** "500" is 500 cores: from this many on, a bare number is taken for millicores without their "m" ({@link #cores} still takes it). */
    private static final long UNITLESS_CORES_LIMIT = 100;
    private static final Pattern TEXT = Pattern.compile("([0-9]+)(m?)|([0-9]*\\.[0-9]{1,3})");

    public Cpu {
        if (millicores <= 0) {
            throw InvalidDefinitionException.invalid("Cpu", "amount", millicores + "m", "must be positive", "For example Cpu.millis(100).");
        }
    }

    public static Cpu millis(long millicores) {
        return new Cpu(millicores);
    }

    public static Cpu cores(long cores) {
        return new Cpu(Math.multiplyExact(cores, 1000L));
    }

    /** Parses {@code 250m}, {@code 2} or {@code 0.5}; a whole number of 100 cores or more must be {@link #cores}'s. */
    public static Cpu parse(String text) {
        Matcher matcher = text == null ? null : TEXT.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw InvalidDefinitionException.invalid("Cpu", "quantity", text,
                    "must be millicores (\"250m\"), cores (\"2\") or decimal cores with at most 3 decimals (\"0.5\")", "");
        }
        if (matcher.group(3) != null) {
            return new Cpu(new java.math.BigDecimal(matcher.group(3)).movePointRight(3).longValueExact());
        }
        long amount = Long.parseLong(matcher.group(1));
        if (matcher.group(2).isEmpty() && amount >= UNITLESS_CORES_LIMIT) {
            throw InvalidDefinitionException.invalid("Cpu", "quantity", text, "counts " + amount + " cores, as a number without a unit does, "
                    + "more than nearly every node has, so the pods would stay Pending", "Write \"" + amount + "m\" for millicores, or Cpu.cores("
                    + amount + ") if you mean cores.");
        }
        return matcher.group(2).isEmpty() ? cores(amount) : millis(amount);
    }

    /** The quantity string: whole cores when exact, else millicores. */
    public String quantity() {
        return millicores % 1000 == 0 ? Long.toString(millicores / 1000) : millicores + "m";
    }

    @Override
    public int compareTo(Cpu other) {
        return Long.compare(millicores, other.millicores);
    }

    @Override
    public String toString() {
        return quantity();
    }
}
