package dev.kforge.dsl.rbac;

import dev.kforge.dsl.core.Names;

/** A ServiceAccount defined outside this stack, e.g. {@code default} in namespace {@code default}. */
public record ExternalServiceAccount(String namespace, String name) implements Subject {
    public ExternalServiceAccount {
        Names.require(Names.Rule.DNS1123_LABEL, "ExternalServiceAccount", "namespace", namespace);
        Names.require(Names.Rule.DNS1123_SUBDOMAIN, "ExternalServiceAccount", "name", name);
    }

    public static ExternalServiceAccount of(String namespace, String name) {
        return new ExternalServiceAccount(namespace, name);
    }
}
