package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Names;

/** The storageClassName of a claim or a claim template: a class's name, which "" is not. */
final class StorageClassName {
    private StorageClassName() {
    }

    /** Refuses a name that is no StorageClass's, and "" with what Kubernetes makes of it (a claim of no class at all). */
    static void require(String subject, String className) {
        if (className != null && className.isEmpty()) {
            throw InvalidDefinitionException.invalid(subject, "storageClassName", className, "must name a storage class (\"\" is no class "
                            + "in Kubernetes, not the default one: the claim binds only to a PersistentVolume made by hand without a class, "
                            + "and no disk is provisioned for it)", "Leave withStorageClass out for the cluster's default class.");
        }
        Names.require(Names.Rule.DNS1123_SUBDOMAIN, subject, "storageClassName", className);
    }
}
