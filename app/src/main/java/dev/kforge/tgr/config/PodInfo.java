package dev.kforge.tgr.config;

import java.util.Optional;

/** Pod metadata passed in through the Downward API (environment variables from {@code fieldRef}). */
public record PodInfo(Optional<String> podName, Optional<String> podNamespace, Optional<String> nodeName) {

    public static PodInfo none() {
        return new PodInfo(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
