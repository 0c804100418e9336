package dev.kforge.dsl.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resources of the API groups every cluster serves, as Kubernetes 1.33 lists them: a rule naming another
 * resource of these groups ({@code configmap}, {@code apps/configmaps}) grants nothing, without any error from
 * the API server. Groups not listed here (custom resources, newer groups) are taken as written.
 */
final class BuiltInResources {
    private static final Map<String, List<String>> BY_GROUP = Map.of(
            "", List.of("bindings", "componentstatuses", "configmaps", "endpoints", "events", "limitranges", "namespaces", "nodes",
                    "persistentvolumeclaims", "persistentvolumes", "pods", "podtemplates", "replicationcontrollers", "resourcequotas",
                    "secrets", "serviceaccounts", "services"),
            "apps", List.of("controllerrevisions", "daemonsets", "deployments", "replicasets", "statefulsets"),
            "batch", List.of("cronjobs", "jobs"),
            "autoscaling", List.of("horizontalpodautoscalers"),
            "policy", List.of("poddisruptionbudgets"),
            "networking.k8s.io", List.of("ingressclasses", "ingresses", "ipaddresses", "networkpolicies", "servicecidrs"),
            "rbac.authorization.k8s.io", List.of("clusterrolebindings", "clusterroles", "rolebindings", "roles"),
            "discovery.k8s.io", List.of("endpointslices"),
            "coordination.k8s.io", List.of("leasecandidates", "leases"));

    /** Resources without a status, so without the {@code status} subresource the others have. */
    private static final List<String> WITHOUT_STATUS = List.of("bindings", "componentstatuses", "configmaps", "endpoints", "events",
            "limitranges", "podtemplates", "secrets", "serviceaccounts", "controllerrevisions", "clusterrolebindings", "clusterroles",
            "rolebindings", "roles", "endpointslices", "leases", "ingressclasses");
    /** Subresources beyond {@code status}. */
    private static final Map<String, List<String>> SUBRESOURCES = Map.of(
            "pods", List.of("attach", "binding", "ephemeralcontainers", "eviction", "exec", "log", "portforward", "proxy", "resize"),
            "deployments", List.of("scale"), "replicasets", List.of("scale"), "statefulsets", List.of("scale"),
            "replicationcontrollers", List.of("scale"), "services", List.of("proxy"),
            // The kubelet's own API is authorized as nodes/<subresource> (configz, healthz and pods since 1.33's fine-grained authorization).
            "nodes", List.of("checkpoint", "configz", "healthz", "log", "metrics", "pods", "proxy", "spec", "stats"),
            "serviceaccounts", List.of("token"), "namespaces", List.of("finalize"));

    /**
     * Resources of these groups, and of the cluster-wide groups a controller's ClusterRole often names (definitions, storage,
     * priority, admission, certificates), that belong to no namespace. Not namespaces: the API server authorizes a request
     * for a namespace object within that namespace, so a Role may grant its own.
     */
    private static final Map<String, List<String>> NAMESPACELESS = Map.of(
            "", List.of("componentstatuses", "nodes", "persistentvolumes"),
            "networking.k8s.io", List.of("ingressclasses", "ipaddresses", "servicecidrs"),
            "rbac.authorization.k8s.io", List.of("clusterrolebindings", "clusterroles"),
            "apiextensions.k8s.io", List.of("customresourcedefinitions"),
            "storage.k8s.io", List.of("csidrivers", "csinodes", "storageclasses", "volumeattachments"),
            "scheduling.k8s.io", List.of("priorityclasses"),
            "admissionregistration.k8s.io", List.of("mutatingwebhookconfigurations", "validatingadmissionpolicies",
                    "validatingadmissionpolicybindings", "validatingwebhookconfigurations"),
            "certificates.k8s.io", List.of("certificatesigningrequests"),
            "apiregistration.k8s.io", List.of("apiservices"));

    private BuiltInResources() {
    }

    /** The resource type of {@code resource} (its subresource aside) when it belongs to no namespace. */
    static Optional<String> namespaceless(ApiResource resource) {
        String plural = resource.plural();
        String type = plural.contains("/") ? plural.substring(0, plural.indexOf('/')) : plural;
        return NAMESPACELESS.getOrDefault(resource.group(), List.of()).contains(type) ? Optional.of(type) : Optional.empty();
    }

    /** What is wrong with {@code plural} (its subresource aside) in {@code group}, with the fix; empty when nothing is, or the group is not built in. */
    static Optional<String> problem(String group, String plural) {
        if (group.equals("core") || group.equals("v1")) {
            return Optional.of("names no API group: the core group is written \"\", e.g. ApiResource.of(\"\", \"" + plural + "\")");
        }
        if (group.equals("extensions")) {
            return Optional.of("names group extensions, which Kubernetes no longer serves (since 1.22): Deployments, DaemonSets and "
                    + "ReplicaSets are in group apps, Ingresses and NetworkPolicies in networking.k8s.io");
        }
        List<String> resources = BY_GROUP.get(group);
        String resource = plural.contains("/") ? plural.substring(0, plural.indexOf('/')) : plural;
        String subresource = plural.substring(resource.length()); // "/scale" of deployment/scale, kept in the suggestions
        if (resources != null && resources.contains(resource)) {
            List<String> known = new ArrayList<>(WITHOUT_STATUS.contains(resource) ? List.of() : List.of("status"));
            known.addAll(SUBRESOURCES.getOrDefault(resource, List.of()));
            return subresource.isEmpty() || known.contains(subresource.substring(1)) ? Optional.empty()
                    : Optional.of("is not a subresource of " + resource + (known.isEmpty() ? ", which has none" : " (" + String.join(", ", known) + ")"));
        }
        if (resources == null) {
            return Optional.empty();
        }
        String shown = group.isEmpty() ? "the core group" : "group " + group;
        List<String> spellings = List.of(resource, resource + "s", resource + "es",
                resource.endsWith("y") ? resource.substring(0, resource.length() - 1) + "ies" : resource);
        Optional<String> inGroup = spellings.stream().filter(resources::contains).findFirst();
        if (inGroup.isPresent()) {
            return Optional.of("is not a resource of " + shown + ": resources are plural, e.g. \"" + inGroup.get() + subresource + "\"");
        }
        return BY_GROUP.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(entry -> spellings.stream().filter(entry.getValue()::contains).limit(1)
                        .map(spelling -> "is not a resource of " + shown + ": \"" + spelling + subresource + "\" is in "
                                + (entry.getKey().isEmpty() ? "the core group (\"\")" : "group " + entry.getKey())))
                .findFirst().or(() -> Optional.of("is not a resource of " + shown + " (" + String.join(", ", resources) + ")"));
    }
}
