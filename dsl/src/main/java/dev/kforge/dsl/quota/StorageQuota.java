package dev.kforge.dsl.quota;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.workload.Memory;
import java.util.Optional;

/**
 * What a {@link ResourceQuotaDef} allows the PersistentVolumeClaims of its namespace: the storage they
 * may request together and how many there may be, either of every storage class or of one. Given with
 * the quota's withers ({@code withStorage}, {@code withMaxClaims}, {@code withStorageOfClass},
 * {@code withMaxClaimsOfClass}).
 *
 * @param storageClass empty for the claims of every class ({@code requests.storage}, {@code persistentvolumeclaims}); a class
 *                     for those of that class only ({@code <class>.storageclass.storage.k8s.io/requests.storage} and
 *                     {@code .../persistentvolumeclaims})
 * @param requests     the storage the claims may request together; empty for no limit
 * @param claims       how many claims there may be; 0 allows none; empty for no limit
 */
public record StorageQuota(Optional<String> storageClass, Optional<Memory> requests, Optional<Integer> claims) {
    /** What a class-scoped key adds to the class name, before {@code requests.storage} or {@code persistentvolumeclaims}. */
    private static final String CLASS_SUFFIX = ".storageclass.storage.k8s.io";
    /** The longest class name whose keys the API server accepts: the key's prefix is a DNS-1123 subdomain of at most 253. */
    private static final int LONGEST_CLASS = 253 - CLASS_SUFFIX.length();

    public StorageQuota {
        storageClass.ifPresent(StorageQuota::requireClass);
        claims.ifPresent(count -> {
            if (count < 0) {
                throw InvalidDefinitionException.invalid("StorageQuota", storageClass.map(c -> c + CLASS_SUFFIX + "/").orElse("")
                        + "persistentvolumeclaims", count, "must not be negative",
                        "0 allows no claims, e.g. of a costly storage class with withMaxClaimsOfClass(\"premium\", 0).");
            }
        });
    }

    /** The quota key limiting the storage requested: {@code requests.storage} or {@code <class>.storageclass.storage.k8s.io/requests.storage}. */
    public String requestsKey() {
        return prefix() + "requests.storage";
    }

    /** The quota key limiting the number of claims: {@code persistentvolumeclaims} or {@code <class>.storageclass.storage.k8s.io/persistentvolumeclaims}. */
    public String claimsKey() {
        return prefix() + "persistentvolumeclaims";
    }

    /** Whether a claim of {@code claimClass} (empty: the cluster's default class, whichever that is) counts against this. */
    public boolean counts(Optional<String> claimClass) {
        return storageClass.isEmpty() || storageClass.equals(claimClass);
    }

    /** Whether {@code key} is a quota key of claims: of every class, or of one. */
    public static boolean isStorageKey(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        boolean claimsName = name.equals("requests.storage") || name.equals("persistentvolumeclaims");
        return key.equals("count/persistentvolumeclaims") || claimsName && (key.indexOf('/') < 0 || key.endsWith(CLASS_SUFFIX + "/" + name));
    }

    private String prefix() {
        return storageClass.map(className -> className + CLASS_SUFFIX + "/").orElse("");
    }

    private static void requireClass(String className) {
        Names.require(Names.Rule.DNS1123_SUBDOMAIN, "StorageQuota", "storageClassName", className);
        if (className.length() > LONGEST_CLASS) {
            throw InvalidDefinitionException.invalid("StorageQuota", "storageClassName", className, "must be at most " + LONGEST_CLASS
                    + " characters, as the quota's keys <class>" + CLASS_SUFFIX + "/... are", "Limit the claims of every class with "
                    + "withStorage(...) instead.");
        }
    }
}
