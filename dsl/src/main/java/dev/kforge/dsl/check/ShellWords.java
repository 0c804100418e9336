package dev.kforge.dsl.check;

import java.util.ArrayList;
import java.util.List;

/** Text as sh words: one word quoted, and a script read as its commands' words. */
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
     * The simple commands of a script, each as its words with quotes and backslashes taken off: {@code until nc -z db 5432; do
     * sleep 1; done} is {@code [until, nc, -z, db, 5432]}, {@code [do, sleep, 1]}, {@code [done]}. Enough to read which
     * programs a script runs with which words; no expansion, keyword or here-document is understood. A redirection's
     * {@code &} ({@code 2>&1}) stays in its word.
     */
    static List<List<String>> commands(String script) {
        List<List<String>> commands = new ArrayList<>();
        List<String> command = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false; // "" is a word
        for (int at = 0; at < script.length(); at++) {
            char c = script.charAt(at);
            if (c == '\'') {
                int close = script.indexOf('\'', at + 1);
                close = close < 0 ? script.length() : close;
                word.append(script, at + 1, close);
                at = close;
                inWord = true;
            } else if (c == '"') {
                for (at++; at < script.length() && script.charAt(at) != '"'; at++) {
                    boolean escaped = script.charAt(at) == '\\' && at + 1 < script.length() && "\"\\$`".indexOf(script.charAt(at + 1)) >= 0;
                    word.append(script.charAt(escaped ? ++at : at));
                }
                inWord = true;
            } else if (c == '\\' && at + 1 < script.length()) {
                if (script.charAt(++at) != '\n') { // a backslash and a newline join two lines
                    word.append(script.charAt(at));
                    inWord = true;
                }
            } else if (Character.isWhitespace(c) || OPERATORS.indexOf(c) >= 0 && !(c == '&' && endsWithRedirection(word))) {
                if (inWord) {
                    command.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                if (OPERATORS.indexOf(c) >= 0 && !command.isEmpty()) {
                    commands.add(command);
                    command = new ArrayList<>();
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            command.add(word.toString());
        }
        if (!command.isEmpty()) {
            commands.add(command);
        }
        return commands;
    }

    private static boolean endsWithRedirection(StringBuilder word) {
        return !word.isEmpty() && (word.charAt(word.length() - 1) == '>' || word.charAt(word.length() - 1) == '<');
    }
}
