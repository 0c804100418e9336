package dev.kforge.dsl.network;

import java.math.BigInteger;

/** IPv6 addresses as text: read in any valid form of eight hexadecimal groups, written in RFC 5952's canonical one. */
final class Ipv6Text {
    private static final int GROUPS = 8;

    private Ipv6Text() {
    }

    /**
     * The address {@code text} writes, or null when it is not one: eight groups of one to four hexadecimal
     * digits, or fewer with one {@code ::} standing for the zero groups left out. A trailing dotted IPv4 part
     * ({@code ::ffff:10.0.0.1}) is not read: such a range is better written as the IPv4 range it means.
     */
    static BigInteger parse(String text) {
        int gap = text.indexOf("::"); // a second one leaves an empty group in the tail, which groups() refuses
        int[] head = groups(gap < 0 ? text : text.substring(0, gap));
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2));
        if (head == null || tail == null || (gap < 0 ? head.length != GROUPS : head.length + tail.length > GROUPS - 1)) {
            return null;
        }
        BigInteger address = BigInteger.ZERO;
        for (int i = 0; i < GROUPS; i++) {
            int fromTail = i - (GROUPS - tail.length);
            int group = i < head.length ? head[i] : fromTail >= 0 ? tail[fromTail] : 0;
            address = address.shiftLeft(16).or(BigInteger.valueOf(group));
        }
        return address;
    }

    /** {@code address} as RFC 5952 writes it: lower case, no leading zeros, the first longest run of two or more zero groups as {@code ::}. */
    static String format(BigInteger address) {
        int[] groups = new int[GROUPS];
        for (int i = 0; i < GROUPS; i++) {
            groups[i] = address.shiftRight(16 * (GROUPS - 1 - i)).intValue() & 0xFFFF;
        }
        int runStart = -1;
        int runLength = 1; // a single zero group is written as 0, not ::
        for (int i = 0; i < GROUPS; i++) {
            int length = 0;
            while (i + length < GROUPS && groups[i + length] == 0) {
                length++;
            }
            if (length > runLength) {
                runStart = i;
                runLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < GROUPS; i++) {
            if (i == runStart) {
                text.append("::");
                i += runLength - 1;
            } else {
                text.append(text.length() == 0 || text.charAt(text.length() - 1) == ':' ? "" : ":").append(Integer.toHexString(groups[i]));
            }
        }
        return text.toString();
    }

    /** The groups of a colon-separated list, or null when one is not 1-4 hexadecimal digits; none for an empty text. */
    private static int[] groups(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        int[] groups = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Integer group = Cidr.number(parts[i], 16, 4, 0xFFFF);
            if (group == null) {
                return null;
            }
            groups[i] = group;
        }
        return groups;
    }
}
