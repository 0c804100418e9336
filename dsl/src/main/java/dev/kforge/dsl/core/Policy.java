package dev.kforge.dsl.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The severity of each {@link PolicyCheck} in one environment: typically warnings in dev and
 * errors in prod. Start from {@link #STRICT} or {@link #RELAXED} and adjust with {@link #with}.
 */
public record Policy(Map<PolicyCheck, Severity> severities) {
    /**
     * For production: every rule is an error, except ClusterRoleBindings, runs a daylight saving time change skips or
     * repeats, pods of the cluster's critical priority classes outside kube-system and public external IPs, which are warnings.
     */
    public static final Policy STRICT = uniform(Severity.ERROR).with(PolicyCheck.CLUSTER_ROLE_BINDING, Severity.WARNING)
            .with(PolicyCheck.DAYLIGHT_SAVING, Severity.WARNING).with(PolicyCheck.CRITICAL_PRIORITY_CLASS, Severity.WARNING)
            .with(PolicyCheck.EXTERNAL_IP, Severity.WARNING);
    /**
     * For development: every rule is a warning, but a secret written into the output, which goes to git whatever the
     * environment, stays an error; replica count, disruption budgets and node spread are not checked.
     */
    public static final Policy RELAXED = uniform(Severity.WARNING)
            .with(PolicyCheck.SECRET_LITERAL, Severity.ERROR)
            .with(PolicyCheck.MIN_REPLICAS, Severity.OFF)
            .with(PolicyCheck.DISRUPTION_BUDGET, Severity.OFF)
            .with(PolicyCheck.NODE_SPREAD, Severity.OFF);

    public Policy {
        EnumMap<PolicyCheck, Severity> copy = new EnumMap<>(PolicyCheck.class);
        copy.putAll(severities);
        for (PolicyCheck check : PolicyCheck.values()) {
            if (!copy.containsKey(check)) {
                throw new InvalidDefinitionException("Policy: no severity for " + check.id() + ". Start from Policy.STRICT or Policy.RELAXED.");
            }
        }
        severities = Collections.unmodifiableMap(copy);
    }

    private static Policy uniform(Severity severity) {
        EnumMap<PolicyCheck, Severity> all = new EnumMap<>(PolicyCheck.class);
        for (PolicyCheck check : PolicyCheck.values()) {
            all.put(check, severity);
        }
        return new Policy(all);
    }

    /** A copy where {@code check} has {@code severity}. */
    public Policy with(PolicyCheck check, Severity severity) {
        EnumMap<PolicyCheck, Severity> copy = new EnumMap<>(severities);
        copy.put(Given.value("Policy", "check", check), Given.value("Policy", "severity of " + check.id(), severity));
        return new Policy(copy);
    }

    public Severity severityOf(PolicyCheck check) {
        return severities.get(check);
    }
}
