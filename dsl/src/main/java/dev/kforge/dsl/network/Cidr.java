package dev.kforge.dsl.network;

import dev.kforge.dsl.core.InvalidDefinitionException;

/**
 * An IPv4 address range in CIDR notation ({@code 10.0.0.0/8}), checked as the API server checks a
 * NetworkPolicy's {@code ipBlock}: four numbers of 0-255 and a prefix of 0-32.
 */
record Cidr(long base, int prefix) {

    /** Parses {@code text}, or fails naming the subject and field it was given for. */
    static Cidr parse(String subject, String field, String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        String[] octets = slash < 0 ? new String[0] : text.substring(0, slash).split("\\.", -1);
        Integer prefix = slash < 0 ? null : number(text.substring(slash + 1), 32);
        long base = 0;
        boolean valid = octets.length == 4 && prefix != null;
        for (int i = 0; valid && i < 4; i++) {
            Integer octet = number(octets[i], 255);
            valid = octet != null;
            base = (base << 8) | (valid ? octet : 0);
        }
        if (!valid) {
            throw InvalidDefinitionException.invalid(subject, field, text, "is not an IPv4 range in CIDR notation",
                    "Write it as four numbers and a prefix length, e.g. 10.0.0.0/8 or 203.0.113.7/32.");
        }
        return new Cidr(base, prefix);
    }

    /** Whether every address of {@code other} is in this range. */
    boolean contains(Cidr other) {
        if (other.prefix < prefix) {
            return false;
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return (other.base & mask) == (base & mask);
    }

    /** A decimal number of at most {@code max}, or null. */
    private static Integer number(String text, int max) {
        if (text.isEmpty() || text.length() > 3) {
            return null;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        return value <= max ? value : null;
    }
}
