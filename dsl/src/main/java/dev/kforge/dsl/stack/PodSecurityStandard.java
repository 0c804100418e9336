package dev.kforge.dsl.stack;

/**
 * The Pod Security Standard a namespace enforces through Pod Security Admission
 * ({@code pod-security.kubernetes.io/enforce}): the API server refuses pods that break it.
 */
public enum PodSecurityStandard {
    /** No restriction. */
    PRIVILEGED("privileged"),
    /** No privileged containers, no capabilities beyond the default set, no unconfined seccomp. */
    BASELINE("baseline"),
    /** The default here: baseline, plus non-root, no privilege escalation, all capabilities dropped (NET_BIND_SERVICE may be added back), a seccomp profile. */
    RESTRICTED("restricted");

    /** The label prefix of Pod Security Admission; {@code enforce}, {@code warn} and {@code audit} follow it. */
    public static final String LABEL_PREFIX = "pod-security.kubernetes.io/";

    /** The capabilities the baseline standard lets a container add (restricted: NET_BIND_SERVICE only). */
    public static final java.util.Set<String> BASELINE_CAPABILITIES = java.util.Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
            "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

    /** Whether a container may add {@code capability} under this standard. */
    public boolean allowsAdding(String capability) {
        return switch (this) {
            case PRIVILEGED -> true;
            case BASELINE -> BASELINE_CAPABILITIES.contains(capability);
            case RESTRICTED -> capability.equals("NET_BIND_SERVICE");
        };
    }

    private final String apiValue;

    PodSecurityStandard(String apiValue) {
        this.apiValue = apiValue;
    }

    /** As the namespace label writes it. */
    public String apiValue() {
        return apiValue;
    }
}
