package dev.kforge.dsl.core;

/**
 * The best-practice rules (from kube-score, kube-linter, Polaris and Checkov) a stack's
 * {@link Policy} gives a severity per environment. Unlike structural checks, each of these can be
 * waived for one object with a written reason: {@code deployment.waive(PolicyCheck.PROBES, "...")}.
 */
public enum PolicyCheck {
    /**
     * An image without a tag, tagged {@code latest} or with a release line ({@code 1}, {@code 1.2}; {@code postgres:16}, whose
     * releases have two numbers), a name without a version or a moving build: what runs changes without a diff. Or an image
     * never pulled ({@code imagePullPolicy: Never}): what runs is what a node holds, and a node holding none fails the pod.
     */
    IMAGE_TAG("image-tag"),
    /** A container without CPU and memory requests and limits, or a disk-backed emptyDir without a size limit in pods without an ephemeral-storage limit. */
    RESOURCES("resources"),
    /** A container without a readiness or a liveness probe. */
    PROBES("probes"),
    /** A pod or container allowed to run as root. */
    RUN_AS_NON_ROOT("run-as-non-root"),
    /** A container whose root filesystem is writable. */
    READ_ONLY_ROOT_FILESYSTEM("read-only-root-filesystem"),
    /** A privileged container, or one allowed to escalate privileges. */
    PRIVILEGE_ESCALATION("privilege-escalation"),
    /** A container that keeps capabilities (does not drop ALL, or adds one other than NET_BIND_SERVICE). */
    CAPABILITIES("capabilities"),
    /** A pod without the runtime's default seccomp profile. */
    SECCOMP("seccomp"),
    /** A pod that mounts an API token although its account has no role in the stack. */
    TOKEN_MOUNT("token-mount"),
    /**
     * A literal env value, ConfigMap entry, command, argument, exec probe or hook command, HTTP probe path, annotation or custom resource field
     * that looks like a secret, by its name's last word (SECRET, TOKEN, PASSWORD, KEY...) or by its value, or a label value
     * holding a secret-looking value: it lands in git.
     */
    SECRET_LITERAL("secret-literal"),
    /**
     * A role bound to a namespace's {@code default} ServiceAccount, which every pod gets; or a projected token (for Vault, a
     * cloud) of pods running as it, which then names every such pod of the namespace alike.
     */
    DEFAULT_ACCOUNT_BINDING("default-account-binding"),
    /** A ClusterRoleBinding, where a RoleBinding in the namespace may do. */
    CLUSTER_ROLE_BINDING("cluster-role-binding"),
    /** A Deployment or StatefulSet with fewer than 2 replicas (an autoscaler's minimum counts): one node drain is an outage. */
    MIN_REPLICAS("min-replicas"),
    /** A Deployment or StatefulSet without a PodDisruptionBudget. */
    DISRUPTION_BUDGET("disruption-budget"),
    /** A Deployment or StatefulSet that may run 2 or more pods without spreading them over nodes ({@code NodeSpread.NONE}). */
    NODE_SPREAD("node-spread"),
    /** A Deployment, StatefulSet or DaemonSet whose pods no NetworkPolicy isolates: any pod of the cluster may reach them. */
    NETWORK_POLICY("network-policy"),
    /** A Job or CronJob without a deadline: a run that hangs never ends (and a CronJob's may hold back every later one). */
    JOB_DEADLINE("job-deadline"),
    /** A container that declares port 22/TCP: an SSH server in a pod is a shell around the API server's authentication and audit. */
    SSH_PORT("ssh-port"),
    /**
     * A pod that reaches into its node: the node's network, process or IPC namespace, a hostPath volume (the container
     * runtime's socket, /etc, /proc...), a host port, an unsafe sysctl or an unmasked /proc. A definition can give only a
     * hostPath ({@code Volumes.hostPath}), raw edits all of them; the baseline and restricted Pod Security Standards refuse
     * them outright, and this rule judges the pods a privileged namespace admits.
     */
    HOST_ACCESS("host-access"),
    /**
     * A Role or ClusterRole whose raw edits grant what the DSL's verbs and resources leave out: a wildcard, or the escalate,
     * bind, impersonate or approve verb, with which its holders can give themselves more than the role says.
     */
    RBAC_ESCALATION("rbac-escalation"),
    /**
     * A CronJob whose schedule, in its time zone, runs at a local time that a daylight saving time change skips (the run
     * is skipped that day) or repeats (it starts twice). {@link Policy#STRICT} too only warns: a nightly run skipped or
     * repeated once a year may be acceptable, which a waiver says.
     */
    DAYLIGHT_SAVING("daylight-saving"),
    /**
     * A workload whose pods take the cluster's {@code system-node-critical} or {@code system-cluster-critical} class outside
     * kube-system: upstream admits them, but a cluster that limits those classes to namespaces with a ResourceQuota for them
     * (GKE does) refuses the pods. {@link Policy#STRICT} too only warns: whether the cluster limits them is not known here.
     */
    CRITICAL_PRIORITY_CLASS("critical-priority-class"),
    /**
     * A custom object ({@code CustomObject}) of one of Kubernetes' own API groups, whose body no check reads: a Pod, a
     * webhook configuration, a binding would pass unjudged. A kind the library builds is refused outright (its builder
     * takes the object); another that grants, runs and admits nothing (an IngressClass, a StorageClass) waives this rule.
     */
    KUBERNETES_KIND("kubernetes-kind"),
    /**
     * An ingress-nginx snippet annotation on an Ingress ({@code nginx.ingress.kubernetes.io/configuration-snippet},
     * {@code server-snippet}...), set by the definition or a raw edit: the controller every namespace shares writes its text
     * into its nginx configuration, through which whoever writes the Ingress reads the Secrets of every namespace
     * (CVE-2021-25742). ingress-nginx 1.9 and later refuse such an Ingress unless the platform team allows snippets; a
     * controller of the stack's own that allows them waives this rule.
     */
    NGINX_SNIPPET("nginx-snippet"),
    /**
     * A Service whose external IPs hold an address outside the private ranges (RFC 1918's, RFC 6598's 100.64.0.0/10, IPv6's
     * fc00::/7): kube-proxy sends every connection the cluster's pods and nodes make to that address to the Service's pods,
     * whoever owns it (CVE-2020-8554). {@link Policy#STRICT} too only warns: the address may be one's own, routed to the nodes.
     */
    EXTERNAL_IP("external-ip"),
    /**
     * A pod whose raw edits share its containers' process namespace ({@code shareProcessNamespace: true}): each container sees
     * the others' processes and, as the same user, their environment (the Secret values they take as env vars) and root
     * filesystems. A sidecar that must signal another container's process waives it.
     */
    SHARED_PROCESS_NAMESPACE("shared-process-namespace"),
    /**
     * A probe speaking another protocol than its port's name says the server speaks: a gRPC probe of a port named http (a
     * server of HTTP/1.1 alone refuses HTTP/2) or https (the kubelet's gRPC probe has no TLS), an HTTP probe of a port named
     * https or grpc, an HTTPS probe of one named http. Every probe fails, restarting or unreadying the pods; a container whose
     * server answers both on one port (gRPC beside HTTP/1.1, h2c) waives it.
     */
    PROBE_PROTOCOL("probe-protocol"),
    /**
     * A namespace named like a public top-level domain ({@code dev}, {@code app}, {@code prod}, {@code qa}, {@code shop}): the
     * cluster's DNS tries a short name under {@code svc.cluster.local} first, so a pod of any namespace that looks up
     * {@code web.dev} reaches the Service web of the namespace dev, not the public host (Kubernetes' Namespaces page).
     */
    NAMESPACE_TLD("namespace-tld");

    private final String id;

    PolicyCheck(String id) {
        this.id = id;
    }

    /**
     * Whether the rule is also judged on what an object's raw edits render (the containers they add, the security
     * settings they change, the values they write): a waiver of it may be for those alone.
     */
    public boolean judgesRawEdits() {
        return switch (this) {
            case IMAGE_TAG, RESOURCES, PROBES, RUN_AS_NON_ROOT, READ_ONLY_ROOT_FILESYSTEM, PRIVILEGE_ESCALATION, CAPABILITIES, SECCOMP,
                    SECRET_LITERAL, SSH_PORT, HOST_ACCESS, RBAC_ESCALATION, NGINX_SNIPPET, SHARED_PROCESS_NAMESPACE, PROBE_PROTOCOL -> true;
            default -> false;
        };
    }

    /**
     * Whether the rule is judged on each container of a definition on its own, so that one container may waive it
     * ({@code ContainerDef.waive}) and leave the workload's other containers held to it: a log shipper sidecar without a
     * health endpoint need not silence a missing probe of the main container.
     */
    public boolean judgedPerContainer() {
        return switch (this) {
            case IMAGE_TAG, RESOURCES, PROBES, PROBE_PROTOCOL -> true;
            default -> false;
        };
    }

    /** The id used in reports and in the {@code kforge.dev/waivers} annotation. */
    public String id() {
        return id;
    }
}
