package dev.kforge.tgr.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Whether a HOST value can name an address to listen on: an IPv4 address, an IPv6 address (bracketed or not) or
 * a DNS host name. Checked without a lookup, so that a typo fails at once, with the variable's name, rather than
 * as the JDK's bare {@code UnresolvedAddressException} when the server binds.
 */
final class BindHost {

    private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.]+");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final int MAX_NAME_LENGTH = 253;

    private BindHost() {
    }

    static boolean isValid(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            return isIpv6(host.substring(1, host.length() - 1));
        }
        if (host.indexOf(':') >= 0) {
            return isIpv6(host);
        }
        if (IPV4_LIKE.matcher(host).matches()) {
            return IPV4.matcher(host).matches();
        }
        return isHostName(host);
    }

    private static boolean isIpv6(String address) {
        if (address.isEmpty() || address.indexOf(':') < 0 || address.indexOf(']') >= 0 || address.indexOf('[') >= 0) {
            return false;
        }
        try {
            return new URI("http://[" + address + "]/").getHost() != null; // java.net.URI checks RFC 2732 syntax
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isHostName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!DNS_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
