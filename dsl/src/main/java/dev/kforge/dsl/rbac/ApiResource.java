package dev.kforge.dsl.rbac;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Names;
import java.util.regex.Pattern;

/**
 * A resource type of the API, with the group it belongs to, so a rule cannot pair a resource with
 * the wrong group.
 *
 * @param group  the API group; empty for the core group
 * @param plural the resource name, e.g. {@code pods} or {@code pods/log}
 */
public record ApiResource(String group, String plural) {
    /** A DNS-1035 label, as a CustomResourceDefinition's plural may be ({@code network-attachment-definitions}), optionally with a subresource. */
    private static final Pattern PLURAL = Pattern.compile("[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?(/[a-z][a-z0-9]*)?");
    public static final ApiResource PODS = new ApiResource("", "pods");
    public static final ApiResource POD_LOGS = new ApiResource("", "pods/log");
    public static final ApiResource SERVICES = new ApiResource("", "services");
    public static final ApiResource ENDPOINTS = new ApiResource("", "endpoints");
    public static final ApiResource CONFIG_MAPS = new ApiResource("", "configmaps");
    public static final ApiResource SECRETS = new ApiResource("", "secrets");
    public static final ApiResource NAMESPACES = new ApiResource("", "namespaces");
    public static final ApiResource EVENTS = new ApiResource("", "events");
    public static final ApiResource DEPLOYMENTS = new ApiResource("apps", "deployments");
    public static final ApiResource DAEMON_SETS = new ApiResource("apps", "daemonsets");
    public static final ApiResource STATEFUL_SETS = new ApiResource("apps", "statefulsets");
    public static final ApiResource CRON_JOBS = new ApiResource("batch", "cronjobs");
    public static final ApiResource JOBS = new ApiResource("batch", "jobs");
    public static final ApiResource ENDPOINT_SLICES = new ApiResource("discovery.k8s.io", "endpointslices");
    public static final ApiResource INGRESSES = new ApiResource("networking.k8s.io", "ingresses");
    public static final ApiResource LEASES = new ApiResource("coordination.k8s.io", "leases");

    public ApiResource {
        if (group == null || !group.isEmpty() && !Names.Rule.DNS1123_SUBDOMAIN.accepts(group)) {
            throw InvalidDefinitionException.invalid("ApiResource", "group", group,
                    "must be empty (core) or a DNS subdomain", "For example \"apps\".");
        }
        if (plural == null || !PLURAL.matcher(plural).matches()) {
            throw InvalidDefinitionException.invalid("ApiResource", "resource", plural,
                    "must be a lower-case plural, optionally with a subresource", "For example \"pods\" or \"pods/log\".");
        }
        BuiltInResources.problem(group, plural).ifPresent(problem -> {
            throw InvalidDefinitionException.invalid("ApiResource", "resource", group.isEmpty() ? plural : group + "/" + plural, problem,
                    "A rule for it would grant nothing.");
        });
    }

    /** A resource of a custom group, e.g. {@code of("getambassador.io", "mappings")}. */
    public static ApiResource of(String group, String plural) {
        return new ApiResource(group, plural);
    }
}
