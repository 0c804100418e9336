package dev.kforge.dsl.network;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}), in the
 * canonical form the API server writes and warns about the lack of: IPv4 as four numbers of 0-255 without
 * leading zeros, IPv6 as RFC 5952 writes it (lower case, no leading zeros, the longest run of zero groups
 * as {@code ::}), and no address bits beyond the prefix (10.1.2.3/8 is a typo for a host or a range).
 */
record Cidr(int bits, BigInteger base, int prefix) {
    private static final String HINT = "Write an IPv4 range as four numbers and a prefix length (10.0.0.0/8, 203.0.113.7/32)"
            + " or an IPv6 range as hexadecimal groups and a prefix length (2001:db8::/32, ::/0).";
    private static final BigInteger MAPPED = BigInteger.valueOf(0xFFFF);
    private static final BigInteger IPV4_BITS = BigInteger.valueOf(0xFFFFFFFFL);
    /** RFC 1918's ranges, RFC 6598's shared address space and IPv6's unique local addresses: no one on the internet owns these. */
    private static final List<Cidr> PRIVATE = Stream.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "100.64.0.0/10", "fc00::/7").map(range -> parse("Cidr", "private range", range)).toList();

    /** Parses {@code text}, or fails naming the subject and field it was given for. */
    static Cidr parse(String subject, String field, String text) {
        Cidr cidr = read(text);
        if (cidr == null) {
            throw InvalidDefinitionException.invalid(subject, field, text, "is not an IP address range in CIDR notation", HINT);
        }
        BigInteger base = cidr.base();
        int prefix = cidr.prefix();
        boolean ipv6 = cidr.bits() == 128;
        if (!base.equals(cidr.first())) {
            throw InvalidDefinitionException.invalid(subject, field, text, "sets address bits beyond its /" + prefix + " prefix",
                    "Write the range's first address: " + cidr.canonical() + ".");
        }
        // Its first address has all of ::ffff:0:0/96's bits, so the prefix is at least 96.
        if (ipv6 && ipv4Mapped(base)) {
            throw InvalidDefinitionException.invalid(subject, field, text, "is an IPv4-mapped IPv6 range, which the API server refuses",
                    "Write the IPv4 range it means: " + ipv4Text(base.and(IPV4_BITS)) + "/" + (prefix - 96) + ".");
        }
        if (!text.equals(cidr.canonical())) {
            throw InvalidDefinitionException.invalid(subject, field, text, "is not in canonical form, which the API server warns about",
                    "Write it as " + cidr.canonical() + " (lower case, without leading zeros, the longest run of zero groups as ::).");
        }
        return cidr;
    }

    /** {@code text} as a range, its address bits as given; null when it is none (an address without a prefix length, a name). */
    static Cidr read(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        boolean ipv6 = slash >= 0 && text.substring(0, slash).indexOf(':') >= 0;
        int bits = ipv6 ? 128 : 32;
        BigInteger base = slash < 0 ? null : ipv6 ? Ipv6Text.parse(text.substring(0, slash)) : ipv4(text.substring(0, slash));
        Integer prefix = slash < 0 ? null : number(text.substring(slash + 1), 10, 3, bits);
        return base == null || prefix == null ? null : new Cidr(bits, base, prefix);
    }

    /** Checks that {@code text} is one IPv4 or IPv6 address in canonical form, or fails naming the subject and field it was given for. */
    static String requireAddress(String subject, String field, String text) {
        boolean ipv6 = text != null && text.indexOf(':') >= 0;
        BigInteger address = text == null ? null : ipv6 ? Ipv6Text.parse(text) : ipv4(text);
        if (address == null) {
            throw InvalidDefinitionException.invalid(subject, field, text, "is not an IP address",
                    "Write an IPv4 address as four numbers (80.11.12.10) or an IPv6 one as hexadecimal groups (2001:db8::10).");
        }
        if (ipv6 && ipv4Mapped(address)) {
            throw InvalidDefinitionException.invalid(subject, field, text, "is an IPv4-mapped IPv6 address, which the API server refuses",
                    "Write the IPv4 address it means: " + ipv4Text(address.and(IPV4_BITS)) + ".");
        }
        String canonical = ipv6 ? Ipv6Text.format(address) : ipv4Text(address);
        if (!text.equals(canonical)) {
            throw InvalidDefinitionException.invalid(subject, field, text, "is not in canonical form, which the API server warns about",
                    "Write it as " + canonical + " (lower case, without leading zeros, the longest run of zero groups as ::).");
        }
        return text;
    }

    /**
     * As {@link #requireAddress}, and not an address the API server refuses as a Service's external IP (its
     * {@code ValidateNonSpecialIP}): unspecified, loopback, link-local, or link-local multicast.
     */
    static String requireExternalAddress(String subject, String field, String text) {
        requireAddress(subject, field, text);
        boolean ipv6 = text.indexOf(':') >= 0;
        BigInteger address = ipv6 ? Ipv6Text.parse(text) : ipv4(text);
        String range;
        if (address.signum() == 0) {
            range = "the unspecified address (0.0.0.0, ::)";
        } else if (ipv6 ? address.equals(BigInteger.ONE) : address.shiftRight(24).intValue() == 127) {
            range = "in the loopback range (127.0.0.0/8, ::1/128)";
        } else if (ipv6 ? address.shiftRight(118).intValue() == 0x3fa : address.shiftRight(16).intValue() == 0xa9fe) {
            range = "in the link-local range (169.254.0.0/16, fe80::/10)";
        } else if (ipv6 ? address.shiftRight(120).intValue() == 0xff && (address.shiftRight(112).intValue() & 0x0f) == 0x02
                : address.shiftRight(8).intValue() == 0xe00000) {
            range = "in the link-local multicast range (224.0.0.0/24, ffx2::/16)";
        } else {
            return text;
        }
        throw InvalidDefinitionException.invalid(subject, field, text, "is " + range + ", which the API server refuses for an external IP",
                "Use an address that reaches the cluster's nodes.");
    }

    /** Whether {@code text}, an address {@link #requireAddress} accepts, is in a private range (10.0.0.0/8, 100.64.0.0/10, fc00::/7...). */
    static boolean isPrivateAddress(String text) {
        int bits = text.indexOf(':') >= 0 ? 128 : 32;
        BigInteger address = bits == 128 ? Ipv6Text.parse(text) : ipv4(text);
        return PRIVATE.stream().anyMatch(range -> range.bits == bits && new Cidr(bits, address, range.prefix).first().equals(range.base));
    }

    /** Whether {@code address} is an IPv4-mapped IPv6 address ({@code ::ffff:0:0/96}), which the API server refuses. */
    private static boolean ipv4Mapped(BigInteger address) {
        return address.shiftRight(32).equals(MAPPED);
    }

    /** Whether {@code other} is a strict part of this range, as an exception of an ipBlock must be. */
    boolean strictlyContains(Cidr other) {
        return other.bits == bits && other.prefix > prefix && new Cidr(bits, other.base, prefix).first().equals(base);
    }

    /** The range in its canonical form: its first address and prefix. */
    String canonical() {
        return (bits == 32 ? ipv4Text(first()) : Ipv6Text.format(first())) + "/" + prefix;
    }

    private BigInteger first() {
        BigInteger hostBits = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        return base.andNot(hostBits);
    }

    private static BigInteger ipv4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return null;
        }
        long address = 0;
        for (String octet : octets) {
            Integer value = number(octet, 10, 3, 255);
            if (value == null) {
                return null;
            }
            address = (address << 8) | value;
        }
        return BigInteger.valueOf(address);
    }

    private static String ipv4Text(BigInteger address) {
        long value = address.longValue();
        return (value >> 24) + "." + ((value >> 16) & 0xFF) + "." + ((value >> 8) & 0xFF) + "." + (value & 0xFF);
    }

    /**
     * A number in {@code radix} of at most {@code digits} digits and at most {@code max}, or null. Decimal
     * numbers may not have leading zeros (the API server reads them as octal); hexadecimal groups may.
     */
    static Integer number(String text, int radix, int digits, int max) {
        if (text.isEmpty() || text.length() > digits || radix == 10 && text.length() > 1 && text.charAt(0) == '0') {
            return null;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = c < 128 ? Character.digit(c, radix) : -1; // ASCII only: Character.digit also reads other scripts' digits
            if (digit < 0) {
                return null;
            }
            value = value * radix + digit;
        }
        return value <= max ? value : null;
    }
}
