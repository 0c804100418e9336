package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An amount of memory in bytes, written with the largest exact binary unit ({@code 128Mi}), or decimal one ({@code 1T}). */
public record Memory(long bytes) implements Comparable<Memory> {
    private static final long KI = 1024L;
    private static final long MI = KI * 1024;
    private static final long GI = MI * 1024;
    private static final Pattern TEXT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?");

    public Memory {
        if (bytes <= 0) {
            throw InvalidDefinitionException.invalid("Memory", "amount", bytes + " bytes", "must be positive", "For example Memory.mebibytes(128).");
        }
    }

    public static Memory kibibytes(long amount) {
        return of(amount, KI, "kibibytes");
    }

    public static Memory mebibytes(long amount) {
        return of(amount, MI, "mebibytes");
    }

    public static Memory gibibytes(long amount) {
        return of(amount, GI, "gibibytes");
    }

    /** {@code amount} units, refused as written ({@code Memory.mebibytes(-384)}) rather than in bytes. */
    private static Memory of(long amount, long unit, String unitName) {
        if (amount <= 0) {
            throw InvalidDefinitionException.invalid("Memory", "amount", "Memory." + unitName + "(" + amount + ")", "must be positive",
                    "For example Memory.mebibytes(128).");
        }
        return new Memory(Math.multiplyExact(amount, unit));
    }

    /**
     * Parses {@code 128Mi}, {@code 1.5Gi}, {@code 500M} or a number of bytes, 1Mi or more ({@code "512"} is a mebibyte amount
     * without its unit); a fraction must come to whole bytes.
     */
    public static Memory parse(String text) {
        Matcher matcher = text == null ? null : TEXT.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw InvalidDefinitionException.invalid("Memory", "quantity", text,
                    "must be a number with an optional unit Ki, Mi, Gi, Ti, k, M, G or T", "For example \"128Mi\".");
        }
        String unit = matcher.group(2) == null ? "" : matcher.group(2);
        long factor = switch (unit) {
            case "Ki" -> KI;
            case "Mi" -> MI;
            case "Gi" -> GI;
            case "Ti" -> GI * KI;
            case "k" -> 1000L;
            case "M" -> 1000_000L;
            case "G" -> 1000_000_000L;
            case "T" -> 1000_000_000_000L;
            default -> 1L;
        };
        BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(factor));
        if (unit.isEmpty() && bytes.compareTo(BigDecimal.valueOf(MI)) < 0) {
            throw InvalidDefinitionException.invalid("Memory", "quantity", text, "counts " + text + " bytes, as a number without a unit does, "
                    + "less than a container, volume or disk ever holds (a container runtime refuses a limit under 6Mi)",
                    "Write the unit, e.g. \"" + text + "Mi\".");
        }
        if (bytes.signum() > 0 && bytes.stripTrailingZeros().scale() > 0) {
            throw InvalidDefinitionException.invalid("Memory", "quantity", text, "is not a whole number of bytes (" + bytes.toPlainString() + ")",
                    "Use a smaller unit, e.g. \"1536Mi\" for 1.5Gi.");
        }
        try {
            return new Memory(bytes.longValueExact());
        } catch (ArithmeticException e) {
            throw InvalidDefinitionException.invalid("Memory", "quantity", text, "is too large", "");
        }
    }

    /**
     * The quantity string, e.g. {@code 128Mi}: the largest binary unit that divides it; an amount no Mi divides but M does is
     * written in the largest decimal unit, as parsed ({@code 1T}, {@code 500M}, not {@code 976562500Ki} or {@code 500000000});
     * plain bytes when no unit divides it.
     */
    public String quantity() {
        if (bytes % MI != 0 && bytes % 1000_000L == 0) {
            return inLargestUnit(new long[] {1000_000_000_000L, 1000_000_000L, 1000_000L}, new String[] {"T", "G", "M"});
        }
        return inLargestUnit(new long[] {GI * KI, GI, MI, KI}, new String[] {"Ti", "Gi", "Mi", "Ki"});
    }

    private String inLargestUnit(long[] units, String[] suffixes) {
        for (int i = 0; i < units.length; i++) {
            if (bytes % units[i] == 0) {
                return bytes / units[i] + suffixes[i];
            }
        }
        return Long.toString(bytes);
    }

    @Override
    public int compareTo(Memory other) {
        return Long.compare(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return quantity();
    }

    // Written out: a record's generated equals and hashCode are bootstrapped on first use.
    @Override
    public boolean equals(Object other) {
        return other instanceof Memory memory && bytes == memory.bytes;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bytes);
    }
}
