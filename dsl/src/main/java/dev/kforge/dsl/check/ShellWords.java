package dev.kforge.dsl.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Text as sh words: one word quoted, and a script read as its commands' words, its variables expanded. */
final class ShellWords {
    /** What ends a command in a script: a list, a pipe, a group or a line. */
    private static final String OPERATORS = ";&|()\n";

    private ShellWords() {
    }

    /** In single quotes, where sh reads every character as itself but the quote, which closes, escapes and reopens: {@code it'\''s}. */
    static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /**
     * A word of a script: its text once the shell expanded the variables whose values are known ({@code $DB_HOST},
     * {@code ${DB_HOST}}, outside single quotes), as written (quotes taken off, nothing expanded), the {@code NAME=value}
     * expansions, and whether its text is known: not when it holds an expansion whose value is not known here (a variable
     * the env does not give literally, {@code $1}, {@code $(hostname)}, {@code ${DB_HOST:-db}}), which stays as written.
     */
    record Word(String text, String written, List<String> settings, boolean known) {
    }

    /** A word being read: its text, as written, its expansions. */
    private static final class Reading {
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder written = new StringBuilder();
        private List<String> settings = List.of();
        private boolean known = true;
        private boolean inWord; // "" is a word

        void append(char c) {
            text.append(c);
            written.append(c);
            inWord = true;
        }

        void append(CharSequence script, int from, int to) {
            text.append(script, from, to);
            written.append(script, from, to);
            inWord = true;
        }

        /** The expansion written from {@code from} to {@code to}: its value when known, else the text as written. */
        void expand(String script, int from, int to, String name, Function<String, Optional<String>> values) {
            Optional<String> value = name == null ? Optional.empty() : values.apply(name);
            written.append(script, from, to);
            if (value.isPresent()) {
                text.append(value.get());
                settings = settings.isEmpty() ? new ArrayList<>() : settings;
                settings.add(name + "=" + value.get());
            } else {
                text.append(script, from, to);
                known = false;
            }
            inWord = true;
        }

        boolean endsWithRedirection() {
            return !text.isEmpty() && (text.charAt(text.length() - 1) == '>' || text.charAt(text.length() - 1) == '<');
        }

        void end(List<Word> command) {
            if (inWord) {
                command.add(new Word(text.toString(), written.toString(), settings, known));
                text.setLength(0);
                written.setLength(0);
                settings = List.of();
                known = true;
                inWord = false;
            }
        }
    }

    /**
     * The simple commands of a script, each as its words with quotes and backslashes taken off and the variables whose
     * {@code values} are known expanded: {@code until nc -z $DB_HOST 5432; do sleep 1; done} is {@code [until, nc, -z, forge-db,
     * 5432]}, {@code [do, sleep, 1]}, {@code [done]}. Enough to read which programs a script runs with which words; no keyword or
     * here-document is understood. A redirection's {@code &} ({@code 2>&1}) stays in its word.
     */
    static List<List<Word>> commands(String script, Function<String, Optional<String>> values) {
        List<List<Word>> commands = new ArrayList<>();
        List<Word> command = new ArrayList<>();
        Reading word = new Reading();
        for (int at = 0; at < script.length(); at++) {
            char c = script.charAt(at);
            if (c == '\'') { // in single quotes, every character is itself
                int close = script.indexOf('\'', at + 1);
                close = close < 0 ? script.length() : close;
                word.append(script, at + 1, close);
                at = close;
            } else if (c == '"') {
                for (at++; at < script.length() && script.charAt(at) != '"'; at++) {
                    if (script.charAt(at) == '$') {
                        at = expansion(script, at, word, values) - 1;
                        continue;
                    }
                    boolean escaped = script.charAt(at) == '\\' && at + 1 < script.length() && "\"\\$`".indexOf(script.charAt(at + 1)) >= 0;
                    word.append(script.charAt(escaped ? ++at : at));
                }
                word.inWord = true;
            } else if (c == '$') {
                at = expansion(script, at, word, values) - 1;
            } else if (c == '\\' && at + 1 < script.length()) {
                if (script.charAt(++at) != '\n') { // a backslash and a newline join two lines
                    word.append(script.charAt(at));
                }
            } else if (Character.isWhitespace(c) || OPERATORS.indexOf(c) >= 0 && !(c == '&' && word.endsWithRedirection())) {
                word.end(command);
                if (OPERATORS.indexOf(c) >= 0 && !command.isEmpty()) {
                    commands.add(command);
                    command = new ArrayList<>();
                }
            } else {
                word.append(c);
            }
        }
        word.end(command);
        if (!command.isEmpty()) {
            commands.add(command);
        }
        return commands;
    }

    /**
     * Reads the expansion at {@code dollar} into {@code word}, and returns where it ends: {@code $NAME} and {@code ${NAME}} a
     * variable's; {@code ${...}}, a parameter ({@code $1}, {@code $?}) and the '$' of {@code $(...)} one of no known value; a '$'
     * before none of these is itself.
     */
    private static int expansion(String script, int dollar, Reading word, Function<String, Optional<String>> values) {
        int at = dollar + 1;
        char next = at < script.length() ? script.charAt(at) : ' ';
        if (isNameStart(next)) {
            int end = nameEnd(script, at);
            word.expand(script, dollar, end, script.substring(at, end), values);
            return end;
        }
        if (next == '{') {
            int close = script.indexOf('}', at);
            close = close < 0 ? script.length() : close + 1;
            boolean name = at + 1 < script.length() && isNameStart(script.charAt(at + 1)) && nameEnd(script, at + 1) == close - 1;
            word.expand(script, dollar, close, name ? script.substring(at + 1, close - 1) : null, values);
            return close;
        }
        if (next == '(') { // the command substitution's words are read on: unquoted, '(' ends a command, as it used to
            word.expand(script, dollar, at, null, values);
            return at;
        }
        if (Character.isDigit(next) || "@*#?$!-".indexOf(next) >= 0) {
            word.expand(script, dollar, at + 1, null, values);
            return at + 1;
        }
        word.append('$');
        return at;
    }

    /** Whether {@code position} of {@code script} is inside single quotes, where the shell takes every character as itself. */
    static boolean inSingleQuotes(String script, int position) {
        boolean single = false;
        boolean doubleQuoted = false;
        for (int at = 0; at < position && at < script.length(); at++) {
            char c = script.charAt(at);
            if (c == '\\' && !single) {
                at++; // the next character is itself
            } else if (c == '\'' && !doubleQuoted) {
                single = !single;
            } else if (c == '"' && !single) {
                doubleQuoted = !doubleQuoted;
            }
        }
        return single;
    }

    private static boolean isNameStart(char c) {
        return c < 128 && (Character.isLetter(c) || c == '_');
    }

    /** Where the name of letters, digits and '_' starting at {@code from} ends. */
    private static int nameEnd(String script, int from) {
        int end = from;
        while (end < script.length() && script.charAt(end) < 128 && (Character.isLetterOrDigit(script.charAt(end)) || script.charAt(end) == '_')) {
            end++;
        }
        return end;
    }
}
