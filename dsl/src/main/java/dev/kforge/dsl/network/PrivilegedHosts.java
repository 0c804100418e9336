package dev.kforge.dsl.network;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Hosts an ExternalName Service must not alias: a cloud's instance metadata server, which hands out the node's cloud
 * credentials to whatever asks from inside the cluster, and the cluster's own API server. A Service aliasing one lets an
 * Ingress, or a client that trusts the Service's name, reach it.
 */
final class PrivilegedHosts {
    /** The metadata servers' own names, by cloud; AWS's also as {@code instance-data.<region>.compute.internal}. */
    private static final Map<String, String> METADATA_NAMES = Map.of("metadata.google.internal", "Google Cloud's", "metadata", "Google Cloud's",
            "instance-data", "AWS's", "instance-data.ec2.internal", "AWS's");
    private static final Pattern AWS_REGIONAL = Pattern.compile("instance-data\\.[a-z0-9-]+\\.compute\\.internal");
    /**
     * 169.254.x.x in a label, dotted, dashed or in hex (a9fe....), or AWS's IPv6 fd00:ec2::254 dashed: what nip.io or
     * sslip.io answer with that address.
     */
    private static final Pattern LINK_LOCAL = Pattern.compile(
            "(^|.*[.-])(169[.-]254[.-][0-9]{1,3}[.-][0-9]{1,3}|a9fe[0-9a-f]{4}|fd00-ec2--254)([.-].*|$)");
    private static final Pattern API_SERVER = Pattern.compile("kubernetes(\\.default(\\.svc(\\..+)?)?)?");

    private PrivilegedHosts() {
    }

    /** Refuses {@code host} if it is one of them, as the ExternalName's host. */
    static void refuse(String host) {
        metadataServer(host).ifPresent(which -> {
            throw InvalidDefinitionException.invalid("ExternalName", "host", host, "must not be a cloud's instance metadata server ("
                    + which + "): an Ingress or a client routed to this Service would reach it from inside the cluster, where it hands out "
                    + "the credentials of the node's cloud identity", "Alias a service outside the cluster; a pod that needs cloud "
                    + "credentials gets its own through the cloud's workload identity.");
        });
        if (API_SERVER.matcher(host).matches()) {
            throw InvalidDefinitionException.invalid("ExternalName", "host", host, "must not be the cluster's API server: an Ingress "
                    + "routed to this Service would open the Kubernetes API to whoever reaches the Ingress, and a client would send it "
                    + "credentials meant for another host", "A pod that calls the API names kubernetes.default.svc itself, with its "
                    + "ServiceAccount's token.");
        }
    }

    /** Whose metadata server {@code host} names, told for the message. */
    private static Optional<String> metadataServer(String host) {
        if (METADATA_NAMES.containsKey(host)) {
            return Optional.of(METADATA_NAMES.get(host));
        }
        if (AWS_REGIONAL.matcher(host).matches()) {
            return Optional.of("AWS's");
        }
        if (LINK_LOCAL.matcher(host).matches()) {
            return Optional.of("a name holding its link-local address, which a wildcard DNS service answers with that address");
        }
        return Optional.empty();
    }
}
