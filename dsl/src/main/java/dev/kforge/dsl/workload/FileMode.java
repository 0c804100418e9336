package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;

/**
 * The permission bits of the files a ConfigMap, Secret or Downward API volume writes, read as {@code chmod} reads them:
 * {@code FileMode.of("0440")} lets the owner and the group read. The API takes the number as a plain integer, which the
 * YAML shows in decimal: {@code 0440} is written {@code 288}, {@code 0400} is {@code 256}, {@code 0644} is {@code 420}.
 *
 * <p>There is no factory taking a Java int: a literal without its leading 0 ({@code 440}) is decimal, 0670 in octal,
 * which compiles and passes any range check.
 *
 * @param bits the mode as the API's integer, 0 (0000) to 511 (0777)
 */
public record FileMode(int bits) {
    private static final String EXAMPLE = "For example FileMode.of(\"0440\") (owner and group read) or FileMode.of(\"0400\") (owner only).";

    public FileMode {
        if (bits < 0 || bits > 0777) {
            String shown = bits < 0 ? String.valueOf(bits) : bits + " (octal " + Integer.toOctalString(bits) + ")";
            throw InvalidDefinitionException.of("File mode", "bits " + shown + " is invalid: must be from 0000 to 0777 (0 to 511 as "
                    + "the API's integer); the API server refuses the set-user-ID, set-group-ID and sticky bits. " + EXAMPLE);
        }
    }

    /** The mode written in octal, 3 or 4 digits from {@code 0000} to {@code 0777}, e.g. {@code "0440"} or {@code "644"}. */
    public static FileMode of(String octal) {
        if (octal == null || !octal.matches("0?[0-7]{3}")) {
            throw InvalidDefinitionException.invalid("File mode", "octal", octal, "must be 3 or 4 octal digits from 0000 to 0777 "
                    + "(digits 0 to 7, the set-user-ID, set-group-ID and sticky bits refused)", EXAMPLE);
        }
        return new FileMode(Integer.parseInt(octal, 8));
    }

    /** {@code 0440}: how the mode reads in messages. */
    @Override
    public String toString() {
        return String.format("%04o", bits);
    }
}
