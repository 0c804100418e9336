package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Origin;

/**
 * One problem found in a definition, reported as
 * {@code <env>/<Kind> <name>: <problem> (<actual>). <hint> [at <file>:<line>]}.
 *
 * @param check       the id of the check that found it, e.g. {@code service-target-port}
 * @param environment the environment, e.g. {@code prod}
 * @param subject     the object, e.g. {@code Deployment tgr}
 * @param problem     what is wrong
 * @param actual      the value found; empty when there is none to show
 * @param hint        how to fix it
 * @param origin      where the object was defined
 */
public record Problem(String check, Severity severity, String environment, String subject, String problem, String actual,
                      String hint, Origin origin) {

    /** A problem of {@code object}, located where the object was defined. */
    public static Problem of(String check, Severity severity, String environment, KubeObject<?> object, String problem,
                             String actual, String hint) {
        return new Problem(check, severity, environment, object.describe(), problem, actual, hint, object.meta().origin());
    }

    /** The same problem told of {@code environment}, e.g. {@code {dev,prod}} for one found in both. */
    public Problem inEnvironment(String environment) {
        return new Problem(check, severity, environment, subject, problem, actual, hint, origin);
    }

    /** The one-line report. */
    public String format() {
        StringBuilder line = new StringBuilder()
                .append(environment).append('/').append(subject).append(": ").append(problem);
        if (!actual.isEmpty()) {
            line.append(" (").append(actual).append(')');
        }
        if (line.charAt(line.length() - 1) != '.') {
            line.append('.');
        }
        if (!hint.isEmpty()) {
            line.append(' ').append(hint);
        }
        if (!Origin.UNKNOWN.equals(origin)) {
            line.append(" [at ").append(origin).append(']');
        }
        return line.toString();
    }
}
