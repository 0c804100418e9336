package dev.kforge.dsl.network;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.UrlPasswords;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The type of a Service. */
public sealed interface ServiceType {

    /** A virtual IP inside the cluster (the default). */
    ServiceType CLUSTER_IP = new ClusterIp();
    /** No virtual IP: DNS answers with the pod addresses ({@code clusterIP: None}), so a port keeps its target's number. */
    ServiceType HEADLESS = new Headless();
    /** A port on every node (30000-32767), plus a cluster IP; the cluster's externalTrafficPolicy (Cluster). */
    ServiceType NODE_PORT = new NodePort(Optional.empty());

    /** The API's {@code type} value. */
    String apiValue();

    /** Whether ports of this type may carry a nodePort. */
    default boolean allowsNodePort() {
        return false;
    }

    record ClusterIp() implements ServiceType {
        @Override
        public String apiValue() {
            return "ClusterIP";
        }
    }

    record Headless() implements ServiceType {
        @Override
        public String apiValue() {
            return "ClusterIP";
        }
    }

    /**
     * A port on every node.
     *
     * @param externalTrafficPolicy {@code LOCAL} keeps the client's source IP and skips a hop, but only nodes running one of
     *                              the pods answer on the port; default the cluster's ({@code Cluster})
     */
    record NodePort(Optional<ExternalTrafficPolicy> externalTrafficPolicy) implements ServiceType {
        public NodePort {
            Given.value("NodePort", "externalTrafficPolicy", externalTrafficPolicy);
        }

        @Override
        public String apiValue() {
            return "NodePort";
        }

        @Override
        public boolean allowsNodePort() {
            return true;
        }
    }

    /**
     * A cloud load balancer.
     *
     * @param externalTrafficPolicy {@code LOCAL} keeps the client's source IP and skips a hop
     */
    record LoadBalancer(ExternalTrafficPolicy externalTrafficPolicy) implements ServiceType {
        /**
         * Whether {@code text} is an IPv4 or IPv6 range in CIDR notation ({@code 203.0.113.0/24}), as the API server requires of each
         * of {@code loadBalancerSourceRanges}, the client addresses a load balancer admits (a raw edit's: the DSL does not type them).
         */
        public static boolean isSourceRange(String text) {
            return Cidr.read(text) != null;
        }

        @Override
        public String apiValue() {
            return "LoadBalancer";
        }

        @Override
        public boolean allowsNodePort() {
            return true;
        }
    }

    /** A DNS alias (CNAME) for a host outside the cluster; no selector, no proxying. */
    record ExternalName(String host) implements ServiceType {
        private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

        public ExternalName {
            Given.value("ExternalName", "host", host);
            String shown = UrlPasswords.redacted(host); // the message goes to terminals and CI logs
            String authority = authority(host);
            String alone = hostOf(authority);
            if (isAddress(authority, alone)) {
                throw InvalidDefinitionException.invalid("ExternalName", "host", shown, "must be a host name, not an IP address: DNS answers "
                                + "for an ExternalName with a CNAME, which names a host, and the address would be looked up as a name of digits "
                                + "that does not exist", "Give the host name of the address, or leave the Service out and give the clients the address.");
            }
            if (!alone.equals(host) && !alone.isEmpty()) {
                throw InvalidDefinitionException.invalid("ExternalName", "host", shown, "must be a host name alone, which DNS answers for with a CNAME",
                        "Give \"" + alone.toLowerCase(Locale.ROOT) + "\"; the port and path go to the clients' settings.");
            }
            Names.require(Names.Rule.DNS1123_SUBDOMAIN, "ExternalName", "host", host);
            PrivilegedHosts.refuse(host);
        }

        /** The host and port of a URL or {@code host:port}: after the scheme and the user, before the path or query. */
        private static String authority(String host) {
            String rest = host.contains("://") ? host.substring(host.indexOf("://") + 3) : host;
            int end = rest.length();
            for (char stop : new char[] {'/', '?'}) {
                int at = rest.indexOf(stop);
                end = at >= 0 ? Math.min(end, at) : end;
            }
            rest = rest.substring(0, end);
            return rest.substring(rest.lastIndexOf('@') + 1);
        }

        /** The host of an authority ({@code db.example.net:5432} gives {@code db.example.net}); an IPv6 address in brackets whole. */
        private static String hostOf(String authority) {
            int end = authority.startsWith("[") ? authority.indexOf(']') + 1 : authority.indexOf(':');
            return end > 0 ? authority.substring(0, end) : authority;
        }

        private static boolean isAddress(String authority, String host) {
            boolean bracketed = host.startsWith("[") && host.endsWith("]") && Ipv6Text.parse(host.substring(1, host.length() - 1)) != null;
            return bracketed || Ipv6Text.parse(authority) != null || IPV4.matcher(host).matches();
        }

        @Override
        public String apiValue() {
            return "ExternalName";
        }
    }

    /** Where traffic from outside the cluster may go. */
    enum ExternalTrafficPolicy {
        CLUSTER("Cluster"), LOCAL("Local");

        private final String apiValue;

        ExternalTrafficPolicy(String apiValue) {
            this.apiValue = apiValue;
        }

        public String apiValue() {
            return apiValue;
        }
    }

    static ServiceType loadBalancer(ExternalTrafficPolicy policy) {
        if (policy == null) {
            throw new InvalidDefinitionException("LoadBalancer: externalTrafficPolicy is missing. Use CLUSTER or LOCAL.");
        }
        return new LoadBalancer(policy);
    }

    /** A port on every node that sends what reaches it as {@code policy} says: {@code nodePort(ExternalTrafficPolicy.LOCAL)}. */
    static ServiceType nodePort(ExternalTrafficPolicy policy) {
        if (policy == null) {
            throw new InvalidDefinitionException("NodePort: externalTrafficPolicy is missing. Use CLUSTER or LOCAL, or ServiceType.NODE_PORT "
                    + "for the cluster's default.");
        }
        return new NodePort(Optional.of(policy));
    }

    static ServiceType externalName(String host) {
        return new ExternalName(host);
    }
}
