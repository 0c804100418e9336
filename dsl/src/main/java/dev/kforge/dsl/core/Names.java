package dev.kforge.dsl.core;

import java.util.Locale;

/** The naming rules of the Kubernetes API, checked where a name is first given. */
public final class Names {

    private Names() {
    }

    /** The rule a name must follow, with the text used in error messages. */
    public enum Rule {
        /** Namespaces, containers, volumes: lowercase alphanumerics and '-', at most 63. */
        DNS1123_LABEL("a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)", 63),
        /** Services: like a DNS-1123 label, but starting with a letter. */
        DNS1035_LABEL("a DNS-1035 label (lowercase letters, digits and '-', starting with a letter, ending with a letter or digit, at most 63 characters)", 63),
        /** Most objects: DNS-1123 labels joined by '.', at most 253. */
        DNS1123_SUBDOMAIN("a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)", 253),
        /** RBAC objects: any path segment (no '/', '%', and not "." or ".."), at most 253. */
        PATH_SEGMENT("a path segment name (no '/' or '%', not \".\" or \"..\", at most 253 characters)", 253),
        /** Port names: an IANA service name. */
        IANA_SERVICE_NAME("an IANA service name (lowercase letters, digits and '-', at least one letter, no '--', starting and ending with a letter or digit, at most 15 characters)", 15);

        private final String description;
        private final int maxLength;

        Rule(String description, int maxLength) {
            this.description = description;
            this.maxLength = maxLength;
        }

        public String description() {
            return description;
        }

        public boolean accepts(String name) {
            if (name.isEmpty() || name.length() > maxLength) {
                return false;
            }
            return switch (this) {
                case DNS1123_LABEL -> CharRules.isDns1123Label(name, 0, name.length());
                case DNS1035_LABEL -> CharRules.isDns1123Label(name, 0, name.length()) && CharRules.isLetter(name.charAt(0));
                case DNS1123_SUBDOMAIN -> CharRules.isDns1123Subdomain(name);
                case PATH_SEGMENT -> !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0 && name.indexOf('%') < 0;
                case IANA_SERVICE_NAME -> CharRules.isDns1123Label(name, 0, name.length())
                        && !name.contains("--") && CharRules.containsLetter(name);
            };
        }
    }

    /**
     * Returns {@code name} if it follows {@code rule}, else throws naming the subject and field.
     *
     * @param subject for the message, e.g. {@code Deployment} or {@code Container tgr}
     * @param field   for the message, e.g. {@code name} or {@code port name}
     */
    public static String require(Rule rule, String subject, String field, String name) {
        if (name == null) {
            throw new InvalidDefinitionException(subject + ": " + field + " is missing. It must be " + rule.description() + ".");
        }
        if (!rule.accepts(name)) {
            throw InvalidDefinitionException.invalid(subject, field, name, "must be " + rule.description(), suggestion(rule, name));
        }
        return name;
    }

    /** Checks a label or annotation key: an optional DNS subdomain prefix, '/', and a name of at most 63. */
    public static String requireQualifiedKey(String subject, String field, String key) {
        String rule = "must be an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 "
                + "alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";
        Given.value(subject, field, key);
        if (key.isEmpty()) {
            throw InvalidDefinitionException.invalid(subject, field, key, rule, "");
        }
        int slash = key.lastIndexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        boolean ok = name.length() <= 63 && CharRules.isQualifiedNamePart(name)
                && (prefix == null || Rule.DNS1123_SUBDOMAIN.accepts(prefix));
        if (!ok) {
            throw InvalidDefinitionException.invalid(subject, field, key, rule, "For example \"app.kubernetes.io/name\".");
        }
        return key;
    }

    /**
     * Whether {@code host} is a host name: DNS-1123 labels joined by dots, optionally after
     * {@code *.} (a wildcard), at most 253 characters; no port, no trailing dot.
     */
    public static boolean isHostname(String host) {
        if (host == null || host.length() > 253) {
            return false;
        }
        return CharRules.isDns1123Subdomain(host.startsWith("*.") ? host.substring(2) : host);
    }

    /** Whether {@code value} is a non-empty label value (the rule of {@link #requireLabelValue}). */
    public static boolean isLabelValue(String value) {
        return !value.isEmpty() && value.length() <= 63 && CharRules.isQualifiedNamePart(value);
    }

    /** Checks a label value: empty, or at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric. */
    public static String requireLabelValue(String subject, String key, String value) {
        if (value == null || (!value.isEmpty() && (value.length() > 63 || !CharRules.isQualifiedNamePart(value)))) {
            throw InvalidDefinitionException.invalid(subject, "label " + key + " value", value,
                    "must be empty or at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric",
                    value == null ? "" : "Try \"" + sanitize(value, 63, true) + "\".");
        }
        return value;
    }

    /** Checks an environment variable name (any printable name the API server accepts, without '=' ). */
    public static String requireEnvVarName(String subject, String name) {
        if (name == null || !CharRules.isEnvVarName(name)) {
            throw InvalidDefinitionException.invalid(subject, "env var name", name,
                    "must consist of letters, digits, '_', '-' or '.', and must not start with a digit",
                    "For example \"CLIENT_ID\".");
        }
        return name;
    }

    /**
     * Checks a ConfigMap or Secret key as the API server does: alphanumerics, '-', '_' or '.', at most 253, neither
     * {@code .} nor starting with {@code ..} (a mounted volume's folder holds the kubelet's own {@code ..data}).
     */
    public static String requireConfigKey(String subject, String key) {
        if (key == null || key.length() > 253 || !CharRules.isConfigKey(key) || key.equals(".") || key.startsWith("..")) {
            throw InvalidDefinitionException.invalid(subject, "key", key,
                    "must consist of alphanumerics, '-', '_' or '.' (at most 253, not \".\" or \"..\", not starting with \"..\")",
                    "For example \"PORT\" or \"application.properties\".");
        }
        return key;
    }

    private static String suggestion(Rule rule, String name) {
        String candidate = switch (rule) {
            case PATH_SEGMENT -> name.replace('/', '-').replace('%', '-');
            case DNS1123_SUBDOMAIN -> sanitize(name.toLowerCase(Locale.ROOT), 253, false);
            default -> sanitize(name.toLowerCase(Locale.ROOT).replace('.', '-'), rule.maxLength, false);
        };
        if (rule == Rule.DNS1035_LABEL && !candidate.isEmpty() && !Character.isLetter(candidate.charAt(0))) {
            candidate = "s-" + candidate;
        }
        if (rule == Rule.IANA_SERVICE_NAME) {
            candidate = candidate.replaceAll("-+", "-");
        }
        candidate = trim(candidate, rule.maxLength);
        return candidate.isEmpty() || !rule.accepts(candidate) ? "" : "Try \"" + candidate + "\".";
    }

    private static String sanitize(String value, int max, boolean allowUnderscoreAndUpper) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            boolean keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || (allowUnderscoreAndUpper && ((c >= 'A' && c <= 'Z') || c == '_'));
            out.append(keep ? c : '-');
        }
        return trim(out.toString(), max);
    }

    private static String trim(String value, int max) {
        String cut = value.length() > max ? value.substring(0, max) : value;
        return cut.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
    }
}
