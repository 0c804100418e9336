package dev.kforge.tgr.k8s;

import java.util.List;

/** The pods of one namespace, in the order the API server listed them. */
public record PodList(String namespace, List<Pod> pods) {

    /** One pod: its name and {@code status.phase} (Pending, Running, Succeeded, Failed or Unknown). */
    public record Pod(String name, String phase) {
    }

    public PodList {
        pods = List.copyOf(pods);
    }
}
