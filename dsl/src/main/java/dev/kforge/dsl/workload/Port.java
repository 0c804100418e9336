package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Names;

/**
 * A named container port. Services, Ingress backends, probes and gateway mappings take this object,
 * and Services render {@code targetPort} by its name, so nothing can target a port no container
 * declares.
 *
 * @param name     an IANA service name, e.g. {@code http}
 * @param number   1-65535
 * @param protocol TCP unless said otherwise
 */
public record Port(String name, int number, Protocol protocol) {
    public Port {
        Names.require(Names.Rule.IANA_SERVICE_NAME, "Port " + number, "name", name);
        requireNumber("Port " + name, "number", number);
        if (protocol == null) {
            throw new InvalidDefinitionException("Port " + name + ": protocol is missing. Use Protocol.TCP, UDP or SCTP.");
        }
    }

    /** A TCP port, e.g. {@code Port.tcp("http", 5000)}. */
    public static Port tcp(String name, int number) {
        return new Port(name, number, Protocol.TCP);
    }

    public static Port udp(String name, int number) {
        return new Port(name, number, Protocol.UDP);
    }

    /** An SCTP port, e.g. {@code Port.sctp("diameter", 3868)}. */
    public static Port sctp(String name, int number) {
        return new Port(name, number, Protocol.SCTP);
    }

    /** The highest port number. */
    public static final int MAX_NUMBER = 65535;

    /** Checks a port number (1-65535) and returns it. */
    public static int requireNumber(String subject, String field, int number) {
        if (number < 1 || number > MAX_NUMBER) {
            throw InvalidDefinitionException.invalid(subject, field, number, "must be between 1 and 65535", "");
        }
        return number;
    }

    @Override
    public String toString() {
        return name + " (" + number + "/" + protocol + ")";
    }

    // Written out: a record's generated equals and hashCode are bootstrapped on first use, which
    // shows in a 0.2 s render. Same semantics.
    @Override
    public boolean equals(Object other) {
        return other instanceof Port port && number == port.number && name.equals(port.name) && protocol == port.protocol;
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + number) * 31 + protocol.hashCode();
    }
}
