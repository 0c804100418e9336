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

    /** How to waive each rule: {@code .waive(PolicyCheck.SECCOMP, "<why>")}, joined. */
    static String waiving(Collection<String> rules) {
        return String.join(", ", rules.stream().map(rule -> ".waive(PolicyCheck." + rule + ", \"<why>\")").toList());
    }
}
