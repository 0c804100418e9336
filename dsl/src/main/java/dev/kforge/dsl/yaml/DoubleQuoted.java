package dev.kforge.dsl.yaml;

/**
 * YAML double-quoted scalars, escaped as SnakeYAML escapes them: the named escapes ({@code \n},
 * {@code \t}, {@code \"}...), printable Unicode as itself, anything else as a hexadecimal
 * escape (x and two digits up to U+00FF, u and four digits above). The result is one line
 * whatever the string holds.
 */
final class DoubleQuoted {
    private DoubleQuoted() {
    }

    static void append(StringBuilder out, String text) {
        out.append('"');
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= ' ' && c <= '~' && c != '"' && c != '\\') {
                out.append(c);
                continue;
            }
            String named = namedEscape(c);
            if (named != null) {
                out.append('\\').append(named);
            } else if (isPrintable(c)) {
                out.append(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                String hex = Integer.toHexString(c);
                out.append(c <= 0xFF ? "\\x" : "\\u").append("000", 0, (c <= 0xFF ? 2 : 4) - hex.length()).append(hex);
            }
        }
        out.append('"');
    }

    private static String namedEscape(char c) {
        switch (c) {
            case '"':
                return "\"";
            case '\\':
                return "\\";
            case '\0':
                return "0";
            case '\u0007':
                return "a";
            case '\b':
                return "b";
            case '\t':
                return "t";
            case '\n':
                return "n";
            case '\u000B':
                return "v";
            case '\f':
                return "f";
            case '\r':
                return "r";
            case '\u001B':
                return "e";
            case '\u0085':
                return "N";
            case '\u00A0':
                return "_";
            case '\u2028':
                return "L";
            case '\u2029':
                return "P";
            default:
                return null;
        }
    }

    /**
     * Printable outside ASCII, as YAML defines it (surrogates excluded: a valid pair is printable,
     * handled by the caller). The byte-order mark is escaped: readers may drop it.
     */
    static boolean isPrintable(char c) {
        return c >= '\u00A0' && c <= '\uD7FF' || c >= '\uE000' && c <= '\uFFFD' && c != '\uFEFF';
    }
}
