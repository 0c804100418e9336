package dev.kforge.dsl.network;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Names;
import java.util.Optional;

/** The type of a Service. */
public sealed interface ServiceType {

    /** A virtual IP inside the cluster (the default). */
    ServiceType CLUSTER_IP = new ClusterIp();
    /** No virtual IP: DNS answers with the pod addresses ({@code clusterIP: None}). */
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
        public ExternalName {
            String alone = hostAlone(host);
            if (!alone.equals(host) && !alone.isEmpty()) {
                throw InvalidDefinitionException.invalid("ExternalName", "host", host, "must be a host name alone, which DNS answers for with a CNAME",
                        "Give \"" + alone + "\"; the port and path go to the clients' settings.");
            }
            Names.require(Names.Rule.DNS1123_SUBDOMAIN, "ExternalName", "host", host);
        }

        /** The host of a URL or {@code host:port} ({@code postgres://app@db.example.net:5432/x} gives {@code db.example.net}). */
        private static String hostAlone(String host) {
            String rest = host.contains("://") ? host.substring(host.indexOf("://") + 3) : host;
            rest = rest.substring(rest.lastIndexOf('@', rest.indexOf('/') < 0 ? rest.length() - 1 : rest.indexOf('/')) + 1);
            int end = rest.length();
            for (char stop : new char[] {'/', ':', '?'}) {
                int at = rest.indexOf(stop);
                end = at >= 0 ? Math.min(end, at) : end;
            }
            return rest.substring(0, end);
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
