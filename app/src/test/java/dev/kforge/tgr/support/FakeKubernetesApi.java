package dev.kforge.tgr.support;

import javax.net.ssl.SSLContext;

/** A Kubernetes API server that answers {@code GET /api/v1/namespaces/{ns}/pods} as the test scripts it. */
public final class FakeKubernetesApi extends FakeHttpServer {

    private FakeKubernetesApi(Responder responder, SSLContext tls) {
        super(responder, tls);
    }

    public static FakeKubernetesApi start(Responder responder) {
        return new FakeKubernetesApi(responder, null);
    }

    /** Over HTTPS, like the real API server, with the key of {@code certificate}. */
    public static FakeKubernetesApi startTls(Responder responder, TestCertificate certificate) {
        return new FakeKubernetesApi(responder, certificate.serverContext());
    }

    /** A PodList with the given pods, as name/phase pairs. */
    public static Reply podList(String namespace, String... namesAndPhases) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < namesAndPhases.length; i += 2) {
            if (i > 0) {
                items.append(',');
            }
            items.append("{\"metadata\":{\"name\":\"").append(namesAndPhases[i]).append("\",\"namespace\":\"")
                    .append(namespace).append("\",\"labels\":{\"app\":\"tgr\"}},\"spec\":{\"containers\":[{\"name\":\"tgr\","
                            + "\"image\":\"eon01/tgr:1.1.0\"}]},\"status\":{\"phase\":\"")
                    .append(namesAndPhases[i + 1]).append("\",\"podIP\":\"10.0.0.").append(i).append("\"}}");
        }
        return Reply.json(200, "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"19589\"},"
                + "\"items\":[" + items + "]}");
    }

    /** The API server's answer when RBAC does not allow listing pods (seed 000). */
    public static Reply forbidden(String namespace) {
        return Reply.json(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"pods is forbidden: User \\\"system:serviceaccount:" + namespace + ":default\\\" cannot "
                + "list resource \\\"pods\\\" in API group \\\"\\\" in the namespace \\\"" + namespace + "\\\"\","
                + "\"reason\":\"Forbidden\",\"details\":{\"kind\":\"pods\"},\"code\":403}");
    }
}
