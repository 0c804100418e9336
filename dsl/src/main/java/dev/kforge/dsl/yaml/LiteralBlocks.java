package dev.kforge.dsl.yaml;

/**
 * When a multi-line string may be written as a literal block ({@code |}), and its header. The
 * rules are SnakeYAML's, so the same strings get the same form, with one more: a string ending
 * in several line breaks is double-quoted rather than written with "keep" chomping ({@code |+}).
 */
final class LiteralBlocks {
    private LiteralBlocks() {
    }

    /**
     * Whether every character survives a literal block: printable characters and {@code \n} only
     * (a tab or a carriage return would be taken literally or lost), no space at the end of a
     * line (editors and readers strip it), and at most one final line break.
     */
    static boolean allows(String text) {
        int length = text.length();
        if (text.charAt(length - 1) == ' ' || length >= 2 && text.charAt(length - 1) == '\n' && text.charAt(length - 2) == '\n'
                || text.equals("\n")) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                if (i > 0 && text.charAt(i - 1) == ' ') {
                    return false;
                }
            } else if (!(c >= ' ' && c <= '~' || DoubleQuoted.isPrintable(c) && c != '\u2028' && c != '\u2029'
                    || Character.isSurrogate(c) && isPaired(text, i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The header after {@code |}: the indentation when the text starts with a space or a line
     * break (the reader could not find it otherwise), and {@code -} when there is no final line break.
     */
    static String indicators(String text, int indent) {
        char first = text.charAt(0);
        String indentation = first == ' ' || first == '\n' ? String.valueOf(indent) : "";
        return text.charAt(text.length() - 1) == '\n' ? indentation : indentation + "-";
    }

    private static boolean isPaired(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
