package dev.kforge.dsl.check;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A quantity as the API server stores it (apimachinery's {@code Quantity.CanonicalizeBytes}): a binary one of at least 1024 in
 * the largest power of 1024 that divides it ({@code 1024Mi} is {@code 1Gi}), any other in the largest power of 1000
 * ({@code 3000} is {@code 3k}, {@code 1.5} is {@code 1500m}).
 */
final class CanonicalQuantity {
    private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?");
    private static final List<String> BINARY = List.of("", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei");
    /** The decimal suffixes from 10^-9 to 10^18, in steps of 10^3. */
    private static final List<String> DECIMAL = List.of("n", "u", "m", "", "k", "M", "G", "T", "P", "E");
    private static final BigInteger KI = BigInteger.valueOf(1024);

    private CanonicalQuantity() {
    }

    /** The stored form; a form this does not know (a sign, an exponent, beyond E or below n) as written. */
    static String of(String quantity) {
        Matcher matcher = FORM.matcher(quantity);
        if (!matcher.matches()) {
            return quantity;
        }
        BigDecimal value = new BigDecimal(matcher.group(1));
        String suffix = matcher.group(2) == null ? "" : matcher.group(2);
        if (BINARY.contains(suffix)) {
            value = value.multiply(new BigDecimal(KI.pow(BINARY.indexOf(suffix))));
            boolean whole = value.stripTrailingZeros().scale() <= 0;
            if (!suffix.isEmpty() && whole && value.compareTo(new BigDecimal(KI)) >= 0) {
                BigInteger amount = value.toBigIntegerExact();
                int power = 0;
                while (power < BINARY.size() - 1 && amount.mod(KI).signum() == 0) {
                    amount = amount.divide(KI);
                    power++;
                }
                return amount + BINARY.get(power);
            }
        } else {
            value = value.scaleByPowerOfTen(3 * (DECIMAL.indexOf(suffix) - DECIMAL.indexOf("")));
        }
        if (value.signum() == 0) {
            return "0";
        }
        value = value.stripTrailingZeros();
        int exponent = -value.scale();
        int down = Math.floorMod(exponent, 3);
        BigInteger amount = value.unscaledValue().multiply(BigInteger.TEN.pow(down));
        int step = (exponent - down) / 3 + DECIMAL.indexOf("");
        return step < 0 || step >= DECIMAL.size() ? quantity : amount + DECIMAL.get(step);
    }
}
