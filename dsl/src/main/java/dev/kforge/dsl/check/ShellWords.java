package dev.kforge.dsl.check;

/** Text as one sh word. */
final class ShellWords {
    private ShellWords() {
    }

    /** In single quotes, where sh reads every character as itself but the quote, which closes, escapes and reopens: {@code it'\''s}. */
    static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
