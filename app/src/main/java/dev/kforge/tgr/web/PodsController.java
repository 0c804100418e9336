package dev.kforge.tgr.web;

import dev.kforge.tgr.k8s.KubernetesPods;
import dev.kforge.tgr.k8s.PodsException;
import io.javalin.http.Context;

/** {@code GET /pods}: {@code {"namespace":"default","pods":[{"name":"tgr-...","phase":"Running"}]}}. */
final class PodsController {

    private final KubernetesPods pods;

    PodsController(KubernetesPods pods) {
        this.pods = pods;
    }

    void pods(Context ctx) throws PodsException {
        ctx.contentType(Json.CONTENT_TYPE).result(Json.write(pods.list()));
    }
}
