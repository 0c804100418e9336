package dev.kforge.dsl.network;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.Protocol;
import java.util.Locale;

/**
 * A range of ports of one protocol that a NetworkPolicy admits, rendered as {@code port} and {@code endPort}
 * (stable since Kubernetes 1.25): e.g. {@code PortRange.tcp(30000, 32767)}, the NodePorts of another cluster, or
 * {@code PortRange.udp(10000, 20000)}, a media server's RTP ports. A single port is a {@link Port}, not a range.
 *
 * @param first    the lowest port, 1-65535
 * @param last     the highest port, above {@code first}, at most 65535
 * @param protocol the protocol of every port of the range
 */
public record PortRange(int first, int last, Protocol protocol) {
    public PortRange {
        String subject = "PortRange " + first + "-" + last + (protocol == null ? "" : "/" + protocol);
        if (protocol == null) {
            throw new InvalidDefinitionException(subject + ": protocol is missing. Use PortRange.tcp(" + first + ", " + last
                    + "), PortRange.udp(" + first + ", " + last + ") or PortRange.sctp(" + first + ", " + last + ").");
        }
        String factory = "PortRange." + protocol.name().toLowerCase(Locale.ROOT);
        String example = protocol == Protocol.UDP ? "(10000, 20000)" : "(30000, 32767)";
        if (first < 1 || first > 65535) {
            throw InvalidDefinitionException.invalid(subject, "first", first, "must be between 1 and 65535",
                    "Give the range's lowest port, e.g. " + factory + example + ".");
        }
        if (last < 1 || last > 65535) {
            throw InvalidDefinitionException.invalid(subject, "last", last, "must be between 1 and 65535",
                    "Give the range's highest port, e.g. " + factory + example + ".");
        }
        if (last <= first) {
            throw InvalidDefinitionException.invalid(subject, "last", last, "must be greater than first (" + first + ")", last == first
                    ? "For a single port, pass a Port: allowingFrom(peer, Port." + protocol.name().toLowerCase(Locale.ROOT)
                            + "(\"<name>\", " + first + "))."
                    : "Write the lowest port first: " + factory + "(" + last + ", " + first + ").");
        }
    }

    /** Ports {@code first} to {@code last} over TCP. */
    public static PortRange tcp(int first, int last) {
        return new PortRange(first, last, Protocol.TCP);
    }

    /** Ports {@code first} to {@code last} over UDP. */
    public static PortRange udp(int first, int last) {
        return new PortRange(first, last, Protocol.UDP);
    }

    /** Ports {@code first} to {@code last} over SCTP. */
    public static PortRange sctp(int first, int last) {
        return new PortRange(first, last, Protocol.SCTP);
    }

    /** Whether {@code port} is one of the range's: its number within it, of the same protocol. */
    public boolean contains(Port port) {
        return port.protocol() == protocol && port.number() >= first && port.number() <= last;
    }

    /** As in messages: {@code 30000-32767/TCP}. */
    @Override
    public String toString() {
        return first + "-" + last + "/" + protocol;
    }
}
