package dev.kforge.dsl.core;

/**
 * The character rules behind {@link Names}, as plain loops: every name, label and key of every
 * object passes through them, so they avoid regular expressions.
 */
final class CharRules {
    private CharRules() {
    }

    static boolean isLowerAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    static boolean isAlphanumeric(char c) {
        return isLowerAlphanumeric(c) || (c >= 'A' && c <= 'Z');
    }

    static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Whether {@code text} has an ASCII letter (the names this is asked about have no others). */
    static boolean containsLetter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isLetter(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?} over {@code text[from, to)}. */
    static boolean isDns1123Label(String text, int from, int to) {
        if (to <= from || !isLowerAlphanumeric(text.charAt(from)) || !isLowerAlphanumeric(text.charAt(to - 1))) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = text.charAt(i);
            if (!isLowerAlphanumeric(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** DNS-1123 labels joined by single dots. */
    static boolean isDns1123Subdomain(String text) {
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                if (!isDns1123Label(text, start, i)) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    /** {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}: the name part of label keys, and label values. */
    static boolean isQualifiedNamePart(String text) {
        int length = text.length();
        if (length == 0 || !isAlphanumeric(text.charAt(0)) || !isAlphanumeric(text.charAt(length - 1))) {
            return false;
        }
        for (int i = 1; i < length - 1; i++) {
            char c = text.charAt(i);
            if (!isAlphanumeric(c) && c != '-' && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** {@code [-._a-zA-Z][-._a-zA-Z0-9]*}. */
    static boolean isEnvVarName(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        if (!isLetter(first) && first != '-' && first != '.' && first != '_') {
            return false;
        }
        return isConfigKey(text);
    }

    /** {@code [-._a-zA-Z0-9]+}. */
    static boolean isConfigKey(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isAlphanumeric(c) && c != '-' && c != '.' && c != '_') {
                return false;
            }
        }
        return true;
    }
}
