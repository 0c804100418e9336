package dev.kforge.dsl.network;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/** Who may send traffic to, or receive it from, the pods a {@link NetworkPolicyDef} isolates. */
public sealed interface NetworkPeer {
    /** The label the API server puts on every Namespace, with its name. */
    String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
    /** The private IPv4 ranges (RFC 1918): in-cluster and internal addresses, which {@link #internet()} leaves out. */
    List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");

    /** Describes the peer in messages. */
    String describe();

    /** The pods of a workload (a Deployment, a StatefulSet, a CronJob) of the same stack, by its derived selector. */
    static NetworkPeer podsOf(Workload<?> workload) {
        return new PodsOf(workload);
    }

    /** Every pod of the policy's own namespace. */
    static NetworkPeer sameNamespace() {
        return new SameNamespace();
    }

    /** Every pod of another namespace, e.g. an Ingress controller's; narrow it with {@link NamespacePods#pods}. */
    static NamespacePods namespace(String name) {
        return new NamespacePods(Names.require(Names.Rule.DNS1123_LABEL, "NetworkPeer", "namespace", name), Labels.EMPTY);
    }

    /** Where the cluster's DNS pods run. */
    String DNS_NAMESPACE = "kube-system";
    /** The labels of the cluster's DNS pods, as CoreDNS installs label them. */
    java.util.Map<String, String> DNS_POD_LABELS = java.util.Map.of("k8s-app", "kube-dns");

    /** The cluster's DNS pods ({@code k8s-app=kube-dns} in {@code kube-system}). */
    static NamespacePods clusterDns() {
        return namespace(DNS_NAMESPACE).pods("k8s-app", DNS_POD_LABELS.get("k8s-app"));
    }

    /** The addresses of {@code cidr}, e.g. {@code 203.0.113.0/24}; narrow it with {@link IpRange#except}. */
    static IpRange cidr(String cidr) {
        return new IpRange(cidr, List.of());
    }

    /**
     * Every IPv4 address: the public clients of a load balancer that keeps their addresses. On a dual-stack
     * or IPv6 cluster, admit {@link #anywhereIpv6()} too.
     */
    static IpRange anywhere() {
        return cidr("0.0.0.0/0");
    }

    /** Every IPv6 address ({@code ::/0}): the IPv6 clients of a dual-stack or IPv6 cluster's load balancer. */
    static IpRange anywhereIpv6() {
        return cidr("::/0");
    }

    /**
     * Every IPv4 address outside the private ranges: public services such as an external API. IPv6 has no
     * ranges a cluster's pods are sure to stay out of; there, name the public ranges with {@link #cidr}.
     */
    static IpRange internet() {
        return anywhere().except(PRIVATE_RANGES.toArray(String[]::new));
    }

    /**
     * Anyone: every pod of every namespace and every address, IPv4 and IPv6, as a rule without {@code from} (or {@code to})
     * admits; what a chart's "allow external" NetworkPolicy writes. Unlike {@link #anywhere()}, whose address range
     * network plugins such as Cilium do not match against pods, it takes in the cluster's pods too. Name the ports it may
     * use: anyone on every port isolates nothing.
     */
    static NetworkPeer anyone() {
        return new Anyone();
    }

    /** Every pod of every namespace and every address. */
    record Anyone() implements NetworkPeer {
        @Override
        public String describe() {
            return "anyone";
        }
    }

    /** The pods of {@code workload} (a workload of the stack). */
    record PodsOf(Workload<?> workload) implements NetworkPeer {
        public PodsOf {
            if (workload == null) {
                throw new InvalidDefinitionException("NetworkPeer podsOf: the workload is missing. Pass a workload of the stack, e.g. a Deployment.");
            }
        }

        @Override
        public String describe() {
            return "pods of " + workload.describe();
        }
    }

    /** Every pod of the policy's namespace. */
    record SameNamespace() implements NetworkPeer {
        @Override
        public String describe() {
            return "pods of the namespace";
        }
    }

    /** The pods of another namespace, all of them or those carrying {@code pods}. */
    record NamespacePods(String namespace, Labels pods) implements NetworkPeer {
        /** Only the pods of the namespace carrying this label too. */
        public NamespacePods pods(String key, String value) {
            return new NamespacePods(namespace, InvalidDefinitionException.reportedAs("NetworkPeer namespace " + namespace,
                    () -> pods.with(key, value)));
        }

        @Override
        public String describe() {
            return (pods.isEmpty() ? "pods" : "pods " + pods.entries()) + " of namespace " + namespace;
        }
    }

    /**
     * Addresses in {@code cidr} (IPv4 or IPv6, in canonical form), except those in the {@code except} ranges
     * (each a smaller range of the same family inside it).
     */
    record IpRange(String cidr, List<String> except) implements NetworkPeer {
        public IpRange {
            except = List.copyOf(except);
            Cidr range = Cidr.parse("NetworkPeer", "cidr", cidr);
            for (String excluded : except) {
                if (!range.strictlyContains(Cidr.parse("NetworkPeer " + cidr, "except", excluded))) {
                    throw InvalidDefinitionException.invalid("NetworkPeer " + cidr, "except", excluded, "is not strictly inside " + cidr,
                            "The API server refuses an exception that is not a smaller range of the same IP family within it.");
                }
            }
        }

        /** A copy that leaves out these ranges too. */
        public IpRange except(String... ranges) {
            List<String> all = new ArrayList<>(except);
            all.addAll(Given.all("NetworkPeer " + cidr, "except", ranges));
            return new IpRange(cidr, all);
        }

        @Override
        public String describe() {
            return except.isEmpty() ? "addresses " + cidr : "addresses " + cidr + " except " + String.join(", ", except);
        }
    }
}
