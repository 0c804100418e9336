package dev.kforge.dsl.rbac;

/**
 * Who a binding grants a role to: a ServiceAccount of the stack ({@link ServiceAccountDef}) or one
 * defined elsewhere ({@link ExternalServiceAccount}).
 */
public sealed interface Subject permits ServiceAccountDef, ExternalServiceAccount {

    String name();
}
