package dev.kforge.dsl.network;

/**
 * Where traffic from pods of the cluster to a Service's virtual IP may go ({@code spec.internalTrafficPolicy}).
 * {@code LOCAL} keeps it on the client's node: for node agents a DaemonSet runs on every node (a log or metrics
 * collector), where a client must reach the agent of its own node; a client on a node without a pod of the Service
 * gets no answer.
 */
public enum InternalTrafficPolicy {
    /** Any ready pod of the Service, on any node: the API's default. */
    CLUSTER("Cluster"),
    /** Only pods on the client's node; kube-proxy drops the traffic of a client on a node without one. */
    LOCAL("Local");

    private final String apiValue;

    InternalTrafficPolicy(String apiValue) {
        this.apiValue = apiValue;
    }

    public String apiValue() {
        return apiValue;
    }
}
