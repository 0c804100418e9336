package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import java.util.Collection;

/** The policy as the raw-edit checks apply it: which rules hold an object, and how a refusal says to waive one. */
final class PolicyRules {
    private PolicyRules() {
    }

    /** Whether the policy holds {@code object} to {@code rule}: not waived by it, not turned off for the stack. */
    static boolean enforced(PolicyCheck rule, KubeObject<?> object, Stack stack) {
        return !object.meta().waivers().containsKey(rule) && stack.policy().severityOf(rule) != Severity.OFF;
    }

    /** The severity the stack's policy gives the most severe of {@code rules}: what breaking them all at once is. */
    static Severity severityOf(Collection<PolicyCheck> rules, Stack stack) {
        return rules.stream().anyMatch(rule -> stack.policy().severityOf(rule) == Severity.ERROR) ? Severity.ERROR : Severity.WARNING;
    }

    /** How to waive each rule: {@code .waive(PolicyCheck.SECCOMP, "<why>")}, joined. */
    static String waiving(Collection<PolicyCheck> rules) {
        return String.join(", ", rules.stream().map(rule -> ".waive(PolicyCheck." + rule.name() + ", \"<why>\")").toList());
    }
}
