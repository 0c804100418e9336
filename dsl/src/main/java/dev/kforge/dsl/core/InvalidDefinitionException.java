package dev.kforge.dsl.core;

import java.util.function.Supplier;

/**
 * A definition broke a rule that can be checked on the object alone (a name, a port range, a
 * quantity). Thrown by constructors and withers, so a bad object never exists.
 *
 * <p>The message always names the object, the field, the value and how to fix it, for example
 * {@code Container tgr: port name "HTTP" is invalid: must be an IANA service name (...). Try "http".}
 */
public final class InvalidDefinitionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** What the message starts with ({@code <subject>: }), when it was built from parts; else null. */
    private final String subject;

    public InvalidDefinitionException(String message) {
        this(null, message);
    }

    private InvalidDefinitionException(String subject, String message) {
        super(message);
        this.subject = subject;
    }

    /** {@code <subject>: <problem>}. */
    public static InvalidDefinitionException of(String subject, String problem) {
        return new InvalidDefinitionException(subject, subject + ": " + problem);
    }

    /**
     * The same problem told of {@code owner}: a label or annotation set is checked on its own
     * ("Labels: ..."), but the user set it on an object ("Deployment web: ...").
     */
    public InvalidDefinitionException about(String owner) {
        if (subject == null || subject.equals(owner)) {
            return this;
        }
        return new InvalidDefinitionException(owner, owner + getMessage().substring(subject.length()));
    }

    /** Runs {@code change}, telling any problem it reports as one of {@code owner}. */
    public static <T> T reportedAs(String owner, Supplier<T> change) {
        try {
            return change.get();
        } catch (InvalidDefinitionException e) {
            throw e.about(owner);
        }
    }

    /**
     * Builds the standard message: {@code <subject>: <field> "<value>" is invalid: must <rule>. <hint>}
     * for a rule ("must be ..."), or {@code <subject>: <field> "<value>" <problem>. <hint>} for a
     * problem ("is declared twice").
     *
     * @param subject the object, e.g. {@code Deployment tgr} or {@code Container tgr}
     * @param field   the field, e.g. {@code port name}
     * @param value   the offending value, quoted in the message
     * @param rule    what the value must be ("must ..."), or what is wrong with it
     * @param hint    how to fix it; may be empty
     */
    public static InvalidDefinitionException invalid(String subject, String field, Object value, String rule, String hint) {
        String shown = value instanceof String s ? '"' + s + '"' : String.valueOf(value);
        String message = subject + ": " + field + " " + shown + (rule.startsWith("must") ? " is invalid: " : " ") + rule + ".";
        return new InvalidDefinitionException(subject, hint.isEmpty() ? message : message + " " + hint);
    }
}
