package dev.kforge.dsl.core;

import java.util.Objects;

/**
 * A kind of Kubernetes object the library renders, with what the writer needs to know about it.
 *
 * @param apiVersion the group and version written to {@code apiVersion}
 * @param kind       the kind written to {@code kind}
 * @param scope      namespaced or cluster-scoped
 * @param applyOrder the file-name prefix; lower numbers sort (and so apply) first
 * @param nameRule   the rule the API server applies to the object's name
 */
public record Kind(String apiVersion, String kind, Scope scope, int applyOrder, Names.Rule nameRule) {
    public static final Kind NAMESPACE = new Kind("v1", "Namespace", Scope.CLUSTER, 10, Names.Rule.DNS1123_LABEL);
    /** Namespace policies: before anything that creates pods. */
    public static final Kind RESOURCE_QUOTA = new Kind("v1", "ResourceQuota", Scope.NAMESPACED, 11, Names.Rule.DNS1123_SUBDOMAIN);
    public static final Kind LIMIT_RANGE = new Kind("v1", "LimitRange", Scope.NAMESPACED, 11, Names.Rule.DNS1123_SUBDOMAIN);
    public static final Kind PRIORITY_CLASS = new Kind("scheduling.k8s.io/v1", "PriorityClass", Scope.CLUSTER, 12, Names.Rule.DNS1123_SUBDOMAIN);
    public static final Kind SERVICE_ACCOUNT = new Kind("v1", "ServiceAccount", Scope.NAMESPACED, 20, Names.Rule.DNS1123_SUBDOMAIN);
    public static final Kind CLUSTER_ROLE = new Kind("rbac.authorization.k8s.io/v1", "ClusterRole", Scope.CLUSTER, 21, Names.Rule.PATH_SEGMENT);
    public static final Kind ROLE = new Kind("rbac.authorization.k8s.io/v1", "Role", Scope.NAMESPACED, 21, Names.Rule.PATH_SEGMENT);
    public static final Kind CLUSTER_ROLE_BINDING = new Kind("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", Scope.CLUSTER, 22, Names.Rule.PATH_SEGMENT);
    public static final Kind ROLE_BINDING = new Kind("rbac.authorization.k8s.io/v1", "RoleBinding", Scope.NAMESPACED, 22, Names.Rule.PATH_SEGMENT);
    public static final Kind CONFIG_MAP = new Kind("v1", "ConfigMap", Scope.NAMESPACED, 30, Names.Rule.DNS1123_SUBDOMAIN);
    public static final Kind SECRET = new Kind("v1", "Secret", Scope.NAMESPACED, 31, Names.Rule.DNS1123_SUBDOMAIN);
    /** An external-secrets.io ExternalSecret: the values come from a secret store. */
    public static final Kind EXTERNAL_SECRET = new Kind("external-secrets.io/v1", "ExternalSecret", Scope.NAMESPACED, 31, Names.Rule.DNS1123_SUBDOMAIN);
    /** A bitnami.com SealedSecret: the values are encrypted for the cluster's controller. */
    public static final Kind SEALED_SECRET = new Kind("bitnami.com/v1alpha1", "SealedSecret", Scope.NAMESPACED, 31, Names.Rule.DNS1123_SUBDOMAIN);
    public static final Kind PERSISTENT_VOLUME_CLAIM = new Kind("v1", "PersistentVolumeClaim", Scope.NAMESPACED, 32, Names.Rule.DNS1123_SUBDOMAIN);
    public static final Kind SERVICE = new Kind("v1", "Service", Scope.NAMESPACED, 40, Names.Rule.DNS1035_LABEL);
    public static final Kind NETWORK_POLICY = new Kind("networking.k8s.io/v1", "NetworkPolicy", Scope.NAMESPACED, 45, Names.Rule.DNS1123_SUBDOMAIN);
    public static final Kind DEPLOYMENT = new Kind("apps/v1", "Deployment", Scope.NAMESPACED, 50, Names.Rule.DNS1123_SUBDOMAIN);
    public static final Kind DAEMON_SET = new Kind("apps/v1", "DaemonSet", Scope.NAMESPACED, 50, Names.Rule.DNS1123_SUBDOMAIN);
    public static final Kind STATEFUL_SET = new Kind("apps/v1", "StatefulSet", Scope.NAMESPACED, 50, Names.Rule.DNS1123_LABEL);
    public static final Kind CRON_JOB = new Kind("batch/v1", "CronJob", Scope.NAMESPACED, 51, Names.Rule.DNS1123_SUBDOMAIN);
    public static final Kind JOB = new Kind("batch/v1", "Job", Scope.NAMESPACED, 51, Names.Rule.DNS1123_SUBDOMAIN);
    public static final Kind POD_DISRUPTION_BUDGET = new Kind("policy/v1", "PodDisruptionBudget", Scope.NAMESPACED, 55, Names.Rule.DNS1123_SUBDOMAIN);
    public static final Kind HORIZONTAL_POD_AUTOSCALER = new Kind("autoscaling/v2", "HorizontalPodAutoscaler", Scope.NAMESPACED, 56, Names.Rule.DNS1123_SUBDOMAIN);
    public static final Kind INGRESS = new Kind("networking.k8s.io/v1", "Ingress", Scope.NAMESPACED, 60, Names.Rule.DNS1123_SUBDOMAIN);

    /**
     * The API groups Kubernetes 1.33 serves itself. Groups a CRD serves may end in k8s.io too (the Gateway API's
     * gateway.networking.k8s.io), so these are listed, not matched by suffix.
     */
    private static final java.util.Set<String> KUBERNETES_GROUPS = java.util.Set.of("", "apps", "batch", "autoscaling", "policy",
            "extensions", "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io", "authentication.k8s.io",
            "authorization.k8s.io", "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io",
            "flowcontrol.apiserver.k8s.io", "internal.apiserver.k8s.io", "networking.k8s.io", "node.k8s.io",
            "rbac.authorization.k8s.io", "resource.k8s.io", "scheduling.k8s.io", "storage.k8s.io", "storagemigration.k8s.io");

    private static final java.util.List<Kind> BUILT_IN = java.util.List.of(NAMESPACE, RESOURCE_QUOTA, LIMIT_RANGE, PRIORITY_CLASS, SERVICE_ACCOUNT,
            CLUSTER_ROLE, ROLE, CLUSTER_ROLE_BINDING, ROLE_BINDING, CONFIG_MAP, SECRET, EXTERNAL_SECRET, SEALED_SECRET,
            PERSISTENT_VOLUME_CLAIM, SERVICE, NETWORK_POLICY, DEPLOYMENT, STATEFUL_SET, DAEMON_SET, CRON_JOB, JOB, POD_DISRUPTION_BUDGET,
            HORIZONTAL_POD_AUTOSCALER, INGRESS);

    public Kind {
        if (applyOrder < 0 || applyOrder > 99) {
            throw InvalidDefinitionException.invalid("Kind " + kind, "applyOrder", String.valueOf(applyOrder),
                    "must be 0 to 99 (the two-digit prefix that orders files)", "Custom resources usually apply last, e.g. 70.");
        }
    }

    /**
     * Whether {@code other} is the same kind. Code that runs on every render compares with this, not {@code equals}:
     * a record's generated {@code equals} is linked on its first call, which costs milliseconds of start-up.
     */
    public boolean is(Kind other) {
        return kind.equals(other.kind) && apiVersion.equals(other.apiVersion);
    }

    /** Every kind the library renders without a Kind of the project's own (custom resources among them). */
    public static java.util.List<Kind> builtIns() {
        return BUILT_IN;
    }

    /** Whether the kind is a custom resource (a CRD's), not one of Kubernetes' own API groups. */
    public boolean isCustomResource() {
        return !KUBERNETES_GROUPS.contains(group());
    }

    /** The API group: {@code apps} for {@code apps/v1}, empty for the core group ({@code v1}). */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** The built-in kind with this apiVersion and kind, if there is one. */
    public static java.util.Optional<Kind> builtIn(String apiVersion, String kind) {
        // A loop, not a stream: every rendered object is looked up.
        for (Kind builtIn : BUILT_IN) {
            if (builtIn.kind.equals(kind) && builtIn.apiVersion.equals(apiVersion)) {
                return java.util.Optional.of(builtIn);
            }
        }
        return java.util.Optional.empty();
    }

    /** How code names an object of the kind, for hints: {@code deployment}, {@code cronJob}. */
    public String variableName() {
        return Character.toLowerCase(kind.charAt(0)) + kind.substring(1);
    }

    /** The kind's name as people write it in messages: {@code Deployment}. */
    @Override
    public String toString() {
        return kind;
    }

    // equals and hashCode are written out, as the record would generate them: the generated ones are linked through
    // invokedynamic (ObjectMethods) at their first call, which the class cache does not keep, and linking Kind's took
    // about 7% of a small render's CPU (make render ENV=all), on the first map keyed by kinds.

    @Override
    public boolean equals(Object other) {
        return other instanceof Kind that && applyOrder == that.applyOrder && scope == that.scope && nameRule == that.nameRule
                && Objects.equals(apiVersion, that.apiVersion) && Objects.equals(kind, that.kind);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiVersion, kind, scope, applyOrder, nameRule);
    }
}
