package dev.kforge.dsl.workload;

import java.util.OptionalLong;

/**
 * The pod securityContext. The default, {@link #RESTRICTED}, requires a non-root user and the
 * runtime's default seccomp profile; user and group ids are unset unless given.
 */
public record PodSecurity(boolean runAsNonRoot, OptionalLong runAsUser, OptionalLong runAsGroup, OptionalLong fsGroup,
                          SeccompProfile seccompProfile) {
    public static final PodSecurity RESTRICTED =
            new PodSecurity(true, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), SeccompProfile.RUNTIME_DEFAULT);

    /** The seccomp profile of the pod. */
    public enum SeccompProfile {
        RUNTIME_DEFAULT("RuntimeDefault"),
        UNCONFINED("Unconfined");

        private final String apiValue;

        SeccompProfile(String apiValue) {
            this.apiValue = apiValue;
        }

        public String apiValue() {
            return apiValue;
        }
    }

    public PodSecurity {
        if (runAsNonRoot && runAsUser.isPresent() && runAsUser.getAsLong() == 0) {
            throw dev.kforge.dsl.core.InvalidDefinitionException.invalid("PodSecurity", "runAsUser", 0L,
                    "contradicts runAsNonRoot", "Use a non-zero user id, e.g. 10001.");
        }
    }

    /** A copy running as {@code uid}, with group and fsGroup set to the same id. */
    public PodSecurity withUser(long uid) {
        requireId("runAsUser", uid, "Give a user id, e.g. 10001.");
        return new PodSecurity(runAsNonRoot, OptionalLong.of(uid), OptionalLong.of(uid), OptionalLong.of(uid), seccompProfile);
    }

    /** A copy whose processes run with primary group {@code gid} ({@code runAsGroup}). */
    public PodSecurity withGroup(long gid) {
        return new PodSecurity(runAsNonRoot, runAsUser, OptionalLong.of(requireId("runAsGroup", gid)), fsGroup, seccompProfile);
    }

    /**
     * A copy whose volumes belong to group {@code gid} ({@code fsGroup}): the kubelet gives that group the files of Secret,
     * ConfigMap, Downward API and projected volumes (and read access to them) and the pods' processes that group too.
     */
    public PodSecurity withFsGroup(long gid) {
        return new PodSecurity(runAsNonRoot, runAsUser, runAsGroup, OptionalLong.of(requireId("fsGroup", gid)), seccompProfile);
    }

    private static long requireId(String field, long id) {
        return requireId(field, id, "Give a group id, e.g. 2000.");
    }

    /** The API server takes ids from 0 to 2^31 - 1. */
    private static long requireId(String field, long id, String hint) {
        if (id < 0) {
            throw dev.kforge.dsl.core.InvalidDefinitionException.invalid("PodSecurity", field, id, "must not be negative", hint);
        }
        if (id > Integer.MAX_VALUE) {
            throw dev.kforge.dsl.core.InvalidDefinitionException.invalid("PodSecurity", field, id, "must be at most " + Integer.MAX_VALUE
                    + ", as the API server requires", hint);
        }
        return id;
    }

    public PodSecurity withRunAsNonRoot(boolean value) {
        return new PodSecurity(value, runAsUser, runAsGroup, fsGroup, seccompProfile);
    }

    public PodSecurity withSeccompProfile(SeccompProfile profile) {
        return new PodSecurity(runAsNonRoot, runAsUser, runAsGroup, fsGroup, profile);
    }
}
