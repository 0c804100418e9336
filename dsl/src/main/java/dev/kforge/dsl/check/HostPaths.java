package dev.kforge.dsl.check;

import java.util.List;
import java.util.Set;

/** What a hostPath volume gives its pods of their node, said the same way for definitions and raw edits. */
public final class HostPaths {
    /** The sockets of the container runtimes, by their file name. */
    private static final List<String> RUNTIME_SOCKETS = List.of("docker.sock", "containerd.sock", "crio.sock");
    /** The node's system folders. */
    private static final Set<String> SYSTEM_PATHS = Set.of("/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr");

    private HostPaths() {
    }

    /** {@code volume logs: hostPath /var/log, mounted writable}, saying what the path gives. */
    public static String describe(String volume, String path, boolean writable) {
        String given = path == null ? "" : RUNTIME_SOCKETS.stream().anyMatch(path::endsWith)
                ? ", the container runtime's socket, which runs any container on the node"
                : SYSTEM_PATHS.contains(path) ? ", the node's system files" : "";
        return "volume " + volume + ": hostPath " + path + given + (writable ? ", mounted writable" : "");
    }
}
