package dev.kforge.dsl.core;

/**
 * A definition broke a rule that can be checked on the object alone (a name, a port range, a
 * quantity). Thrown by constructors and withers, so a bad object never exists.
 *
 * <p>The message always names the object, the field, the value and how to fix it, for example
 * {@code Container tgr: port name "HTTP" is invalid: must be an IANA service name (...). Try "http".}
 */
public final class InvalidDefinitionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidDefinitionException(String message) {
        super(message);
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
        return new InvalidDefinitionException(hint.isEmpty() ? message : message + " " + hint);
    }
}
