package dev.kforge.dsl.render;

import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.render.CheckedFields.Field;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the reference and access checks read from the objects that refer to others: the pods a Service,
 * NetworkPolicy or disruption budget selects and how (its ports, its peers, its budget), the Services and
 * hosts an Ingress routes (and the rewrite-target its paths' requests arrive by), and the role and subjects of a binding. A raw edit changing them would make a
 * Service or NetworkPolicy select no pods of the stack, an Ingress route to no Service, or a binding grant
 * {@code cluster-admin}, where the checks still judge the definition.
 */
final class ReferenceFields {
    private ReferenceFields() {
    }

    /** Whether {@code manifest} is of a kind this class reads. */
    static boolean apply(HasMetadata manifest) {
        return manifest instanceof Service || manifest instanceof NetworkPolicy || manifest instanceof Ingress
                || manifest instanceof PodDisruptionBudget || manifest instanceof RoleBinding || manifest instanceof ClusterRoleBinding;
    }

    static void put(Map<String, Field> fields, HasMetadata manifest) {
        if (manifest instanceof Service service && service.getSpec() != null) {
            var spec = service.getSpec();
            fields.put("spec.selector", Field.of(spec.getSelector() == null ? "none" : new TreeMap<>(spec.getSelector()), "selecting"));
            fields.put("spec.type", Field.of(Objects.requireNonNullElse(spec.getType(), "ClusterIP")
                    + ("None".equals(spec.getClusterIP()) ? " (headless)" : ""), "withType"));
            fields.put("spec.ports", Field.of(RawEditResultCheck.orEmpty(spec.getPorts()).stream().map(ReferenceFields::port).toList(), "withPort"));
            // Its host was judged where written: a raw edit could alias a metadata server or the API server.
            fields.put("spec.externalName", Field.of(Objects.requireNonNullElse(spec.getExternalName(), "unset"), "externalName"));
            // What external-ip reads: a public address takes the cluster's traffic for it.
            fields.put("spec.externalIPs", Field.of(RawEditResultCheck.orEmpty(spec.getExternalIPs()), "withExternalIp"));
            // What node-local-traffic reads: unset and Cluster route alike.
            fields.put("spec.internalTrafficPolicy", Field.of(Objects.requireNonNullElse(spec.getInternalTrafficPolicy(), "Cluster"),
                    "withInternalTrafficPolicy"));
        } else if (manifest instanceof NetworkPolicy policy && policy.getSpec() != null) {
            var spec = policy.getSpec();
            fields.put("spec.podSelector", Field.of(selector(spec.getPodSelector()), "isolating"));
            // A set: the order it is written in means nothing.
            fields.put("spec.policyTypes", Field.of(new TreeSet<>(RawEditResultCheck.orEmpty(spec.getPolicyTypes())), "isolatingEgress"));
            List<NetworkPolicyIngressRule> ingress = RawEditResultCheck.orEmpty(spec.getIngress());
            List<NetworkPolicyEgressRule> egress = RawEditResultCheck.orEmpty(spec.getEgress());
            fields.put("spec.ingress", Field.of(ingress.stream().map(rule -> rule(rule.getFrom(), rule.getPorts())).toList(),
                    rangeStep("allowingFrom", ingress.stream().flatMap(rule -> RawEditResultCheck.orEmpty(rule.getPorts()).stream()).toList())
                            .orElse("allowingFrom")));
            fields.put("spec.egress", Field.of(egress.stream().map(rule -> rule(rule.getTo(), rule.getPorts())).toList(),
                    rangeStep("allowingTo", egress.stream().flatMap(rule -> RawEditResultCheck.orEmpty(rule.getPorts()).stream()).toList())
                            .orElse("allowingTo or allowingDns")));
        } else if (manifest instanceof Ingress ingress && ingress.getSpec() != null) {
            var spec = ingress.getSpec();
            fields.put("spec.ingressClassName", Field.of(spec.getIngressClassName(), "withIngressClassName"));
            fields.put("spec.defaultBackend", Field.of(backend(spec.getDefaultBackend()), "withDefaultBackend"));
            fields.put("spec.rules", Field.of(RawEditResultCheck.orEmpty(spec.getRules()).stream().map(ReferenceFields::rule).toList(), "withRule"));
            fields.put("spec.tls", Field.of(RawEditResultCheck.orEmpty(spec.getTls()).stream().map(IngressTLS::getSecretName).toList(), "withTls"));
            // What ingress-rewrite reads: where each path's requests arrive.
            Map<String, String> annotations = ingress.getMetadata().getAnnotations();
            fields.put("metadata.annotations[" + IngressDef.REWRITE_TARGET + "]", annotation(annotations, IngressDef.REWRITE_TARGET, "withRewriteTarget"));
            // The class the controller reads besides ingressClassName, which the checks of routes per class do not see.
            fields.put("metadata.annotations[" + IngressDef.CLASS_ANNOTATION + "]", annotation(annotations, IngressDef.CLASS_ANNOTATION,
                    "withIngressClassName"));
        } else if (manifest instanceof PodDisruptionBudget budget && budget.getSpec() != null) {
            var spec = budget.getSpec();
            fields.put("spec.selector", Field.of(selector(spec.getSelector()), "protecting"));
            fields.put("spec.minAvailable", Field.of(amount(spec.getMinAvailable()), "withMinAvailable"));
            fields.put("spec.maxUnavailable", Field.of(amount(spec.getMaxUnavailable()), "withMaxUnavailable"));
            String eviction = spec.getUnhealthyPodEvictionPolicy();
            fields.put("spec.unhealthyPodEvictionPolicy", eviction == null ? Field.unset("IfHealthyBudget", "withUnhealthyPodEviction")
                    : Field.of(eviction, "withUnhealthyPodEviction"));
        } else if (manifest instanceof RoleBinding binding) {
            binding(fields, binding.getRoleRef(), binding.getSubjects());
        } else if (manifest instanceof ClusterRoleBinding binding) {
            binding(fields, binding.getRoleRef(), binding.getSubjects());
        }
    }

    private static Field annotation(Map<String, String> annotations, String key, String step) {
        return Field.of(Objects.requireNonNullElse(annotations == null ? null : annotations.get(key), "unset"), step);
    }

    private static void binding(Map<String, Field> fields, RoleRef role, List<Subject> subjects) {
        fields.put("roleRef", Field.of(role == null ? "none" : role.getKind() + " " + role.getName(), "granting"));
        fields.put("subjects", Field.of(RawEditResultCheck.orEmpty(subjects).stream()
                .map(subject -> subject.getKind() + " " + (subject.getNamespace() == null ? "" : subject.getNamespace() + "/") + subject.getName())
                .toList(), "to"));
    }

    /**
     * The wither that writes the first range of {@code ports} ({@code allowingFrom(<peer>, PortRange.tcp(30000, 32767))}), when
     * one has an {@code endPort}: the plain step name would point at the single-port form, which cannot express it.
     */
    private static Optional<String> rangeStep(String wither, List<NetworkPolicyPort> ports) {
        return ports.stream().filter(port -> port.getEndPort() != null).findFirst()
                .map(port -> wither + "(<peer>, PortRange." + Objects.requireNonNullElse(port.getProtocol(), "TCP").toLowerCase(Locale.ROOT)
                        + "(" + intOrString(port.getPort()) + ", " + port.getEndPort() + "))");
    }

    /** {@code http 80 -> http/TCP}: its name too, by which Ingresses and gateway routes name it. */
    private static String port(ServicePort port) {
        return port.getName() + " " + port.getPort() + " -> " + intOrString(port.getTargetPort()) + "/"
                + Objects.requireNonNullElse(port.getProtocol(), "TCP");
    }

    /**
     * {@code [pods {app=a}] on [8080/TCP]}; pods without a namespace selector are the policy's namespace's. No peers and no
     * ports, whether the list is empty or absent, are any peer and any port, as the API reads them.
     */
    private static String rule(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
        List<String> who = new ArrayList<>();
        for (NetworkPolicyPeer peer : RawEditResultCheck.orEmpty(peers)) {
            who.add(peer.getIpBlock() != null ? "addresses " + peer.getIpBlock().getCidr() + " except "
                    + RawEditResultCheck.orEmpty(peer.getIpBlock().getExcept())
                    : peer.getNamespaceSelector() == null ? "pods " + selector(peer.getPodSelector())
                    : "pods " + selector(peer.getPodSelector()) + " of namespaces " + selector(peer.getNamespaceSelector()));
        }
        List<String> where = RawEditResultCheck.orEmpty(ports).stream()
                .map(port -> intOrString(port.getPort()) + (port.getEndPort() == null ? "" : "-" + port.getEndPort()) + "/"
                        + Objects.requireNonNullElse(port.getProtocol(), "TCP")).toList();
        return (who.isEmpty() ? "any peer" : who.toString()) + " on " + (where.isEmpty() ? "any port" : where.toString());
    }

    /** {@code example.com: / Prefix -> web:http}. */
    private static String rule(IngressRule rule) {
        List<String> paths = new ArrayList<>();
        for (HTTPIngressPath path : rule.getHttp() == null ? List.<HTTPIngressPath>of() : RawEditResultCheck.orEmpty(rule.getHttp().getPaths())) {
            paths.add(path.getPath() + " " + path.getPathType() + " -> " + backend(path.getBackend()));
        }
        return Objects.requireNonNullElse(rule.getHost(), "any host") + ": " + paths;
    }

    private static String backend(IngressBackend backend) {
        if (backend == null) {
            return "none";
        }
        var service = backend.getService();
        return service == null ? "a resource" : service.getName() + ":" + (service.getPort() == null ? null
                : service.getPort().getName() != null ? service.getPort().getName() : service.getPort().getNumber());
    }

    /** The labels a selector matches, with its expressions, or none for a selector that is absent. */
    private static String selector(LabelSelector selector) {
        if (selector == null) {
            return "none";
        }
        String labels = String.valueOf(new TreeMap<>(Objects.requireNonNullElse(selector.getMatchLabels(), Map.of())));
        return RawEditResultCheck.orEmpty(selector.getMatchExpressions()).isEmpty() ? labels : labels + " " + selector.getMatchExpressions().stream()
                .map(expression -> expression.getKey() + " " + expression.getOperator() + " " + expression.getValues()).toList();
    }

    private static String amount(IntOrString value) {
        return value == null ? "none" : intOrString(value);
    }

    private static String intOrString(IntOrString value) {
        return value == null ? "none" : value.getIntVal() != null ? value.getIntVal().toString() : value.getStrVal();
    }
}
