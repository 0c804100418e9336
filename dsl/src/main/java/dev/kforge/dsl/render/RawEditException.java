package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Origin;
import dev.kforge.dsl.core.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw edit that threw, or that changed what identifies its object. The pipeline reports it as a
 * problem of the object, like a check would, instead of failing the render with a stack trace.
 */
public final class RawEditException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient KubeObject<?> object;
    private final String problem;
    private final String actual;
    private final String hint;
    private final transient Origin origin;
    private final Severity severity;

    /** An edit the API server would refuse, or one that breaks what identifies its object: always an error. */
    RawEditException(KubeObject<?> object, String problem, String actual, String hint, Origin origin, Throwable cause) {
        this(Severity.ERROR, object, problem, actual, hint, origin, cause);
    }

    /**
     * An edit that breaks a rule of the stack's policy, with the severity the policy gives the rule (the highest of
     * those it breaks): a warning renders the edited object, as a definition breaking the rule would render.
     */
    RawEditException(Severity severity, KubeObject<?> object, String problem, String actual, String hint, Origin origin, Throwable cause) {
        super(object.describe() + ": " + problem + " (" + actual + "). " + hint, cause);
        this.object = object;
        this.problem = problem;
        this.actual = actual;
        this.hint = hint;
        this.origin = origin;
        this.severity = severity;
    }

    /** ERROR, or WARNING for a policy rule the stack's policy only warns about. */
    public Severity severity() {
        return severity;
    }

    /** Whether every failure in {@link #all()} is only a warning, so the object may still be written. */
    boolean onlyWarnings() {
        return all().stream().allMatch(failure -> failure.severity == Severity.WARNING);
    }

    /** {@code raw edit "a"} or {@code raw edits "a", "b"}: the edits of {@code object} by their reasons, for a problem's start. */
    static String editsOf(KubeObject<?> object) {
        List<String> reasons = object.rawEdits().stream().map(edit -> "\"" + edit.reason() + "\"").toList();
        return "raw edit" + (reasons.size() == 1 ? " " : "s ") + String.join(", ", reasons);
    }

    /** The edited object. */
    public KubeObject<?> object() {
        return object;
    }

    /** What went wrong, e.g. {@code raw edit "copy" changed metadata.name}. */
    public String problem() {
        return problem;
    }

    /** The values involved, e.g. {@code web -> redis}. */
    public String actual() {
        return actual;
    }

    public String hint() {
        return hint;
    }

    /** This failure and those of the stack's other objects, in stack order (the others are suppressed by this one). */
    public List<RawEditException> all() {
        List<RawEditException> all = new ArrayList<>();
        all.add(this);
        for (Throwable other : getSuppressed()) {
            if (other instanceof RawEditException failure) {
                all.add(failure);
            }
        }
        return all;
    }

    /** The line of the edit when it threw, else where the object was defined. */
    public Origin origin() {
        return origin;
    }
}
