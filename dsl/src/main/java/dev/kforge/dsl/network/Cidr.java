package dev.kforge.dsl.network;

import dev.kforge.dsl.core.InvalidDefinitionException;

/**
 * An IPv4 address range in CIDR notation ({@code 10.0.0.0/8}), in the canonical form the API
 * server's strict validation requires of a NetworkPolicy's {@code ipBlock}: four numbers of 0-255
 * without leading zeros, a prefix of 0-32, and no address bits beyond the prefix.
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
        Cidr cidr = new Cidr(base, prefix);
        if ((base & ~cidr.mask() & 0xFFFFFFFFL) != 0) {
            throw InvalidDefinitionException.invalid(subject, field, text, "sets address bits beyond its /" + prefix + " prefix",
                    "Write the range's first address: " + cidr.canonical() + ".");
        }
        return cidr;
    }

    /** Whether {@code other} is a strict part of this range, as an exception of an ipBlock must be. */
    boolean strictlyContains(Cidr other) {
        return other.prefix > prefix && (other.base & mask()) == (base & mask());
    }

    /** The range in its canonical form: its first address and prefix. */
    String canonical() {
        long first = base & mask();
        return (first >> 24) + "." + ((first >> 16) & 0xFF) + "." + ((first >> 8) & 0xFF) + "." + (first & 0xFF) + "/" + prefix;
    }

    private long mask() {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    /** A decimal number of at most {@code max} without leading zeros, or null. */
    private static Integer number(String text, int max) {
        if (text.isEmpty() || text.length() > 3 || text.length() > 1 && text.charAt(0) == '0') {
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
