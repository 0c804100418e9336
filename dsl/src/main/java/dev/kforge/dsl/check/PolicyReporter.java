package dev.kforge.dsl.check;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;

/** Reports policy violations with the stack's severity, and not at all when the object waives the check. */
final class PolicyReporter {
    private PolicyReporter() {
    }

    static void report(Stack stack, KubeObject<?> object, PolicyCheck check, String problem, String actual, String hint,
                       Problems problems) {
        if (object.meta().waivers().containsKey(check)) {
            problems.waived(object, check);
            return;
        }
        Severity severity = stack.policy().severityOf(check);
        if (severity == Severity.OFF) {
            return;
        }
        problems.add(Problem.of(check.id(), severity, stack.describe(), object, problem, actual,
                hint + " Or waive it with .waive(PolicyCheck." + check.name() + ", \"<why>\")."));
    }
}
