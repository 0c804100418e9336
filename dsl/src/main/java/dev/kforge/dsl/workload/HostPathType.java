package dev.kforge.dsl.workload;

/** What a {@link VolumeDef.HostPath hostPath volume}'s path must be on the node before the pod starts (the kubelet checks it). */
public enum HostPathType {
    /** A directory that exists (the default here: a missing one is an error at pod start, not an empty mount). */
    DIRECTORY("Directory"),
    /** A directory, created (mode 0755, owned by the kubelet's user) when missing. */
    DIRECTORY_OR_CREATE("DirectoryOrCreate"),
    /** A file that exists. */
    FILE("File"),
    /** A file, created empty (mode 0644) when missing. */
    FILE_OR_CREATE("FileOrCreate"),
    /** A UNIX socket that exists, e.g. a container runtime's. */
    SOCKET("Socket"),
    /** A character device that exists. */
    CHAR_DEVICE("CharDevice"),
    /** A block device that exists. */
    BLOCK_DEVICE("BlockDevice");

    private final String apiValue;

    HostPathType(String apiValue) {
        this.apiValue = apiValue;
    }

    /** As {@code hostPath.type} writes it. */
    public String apiValue() {
        return apiValue;
    }
}
