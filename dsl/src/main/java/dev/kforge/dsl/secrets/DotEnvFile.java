package dev.kforge.dsl.secrets;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code .env} file in the workshop's format: {@code KEY="value"}, {@code KEY='value'} or
 * {@code KEY=value}, with optional {@code export}, blank lines and {@code #} comments, also after a
 * value. Double quotes take the escapes {@code \n \t \" \\} (any other backslash stays as
 * it is); quoted values may span lines. A later line for the same key wins, as in a shell. Errors
 * name the line, never its value.
 */
public final class DotEnvFile {
    private static final Pattern ASSIGNMENT = Pattern.compile("\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=");
    /** A comment after an unquoted value: a {@code #} after white space, as in a shell (a tab, or the spaces after {@code =}, too). */
    private static final Pattern COMMENT = Pattern.compile("\\s#");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Path file;
    private final String text;
    private int position;
    private int line = 1;

    private DotEnvFile(Path file, String text) {
        this.file = file;
        this.text = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    /** The variables of {@code file}, in file order; empty when the file does not exist. */
    public static Map<String, SecretValue> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text. Save it as UTF-8 (the values are not shown).");
        }
        return new DotEnvFile(file, text).variables();
    }

    private Map<String, SecretValue> variables() {
        Map<String, SecretValue> values = new LinkedHashMap<>();
        while (position < text.length()) {
            String current = text.substring(position, lineEnd(position));
            if (current.isBlank() || current.strip().startsWith("#")) {
                nextLine();
                continue;
            }
            Matcher assignment = ASSIGNMENT.matcher(current);
            if (!assignment.lookingAt()) {
                throw error("expected KEY=\"value\" (the line is not shown, it may hold a secret)");
            }
            String key = assignment.group(1);
            position += assignment.end();
            int afterEquals = position;
            while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '\t')) {
                position++;
            }
            String value = switch (position < text.length() ? text.charAt(position) : '\n') {
                case '"' -> doubleQuoted();
                case '\'' -> singleQuoted();
                default -> unquoted(afterEquals);
            };
            values.remove(key); // a repeated key moves to where it was last set
            values.put(key, SecretValue.of(value));
        }
        return values;
    }

    private String doubleQuoted() {
        int startLine = line;
        StringBuilder value = new StringBuilder();
        for (position++; position < text.length(); position++) {
            char c = text.charAt(position);
            if (c == '"') {
                position++;
                endOfValue();
                return value.toString();
            }
            if (c == '\\' && position + 1 < text.length()) {
                char escaped = text.charAt(position + 1);
                switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case '"', '\\' -> value.append(escaped);
                    default -> value.append(c).append(escaped);
                }
                if (escaped == '\n') {
                    line++;
                }
                position++;
                continue;
            }
            if (c == '\n') {
                line++;
            }
            value.append(c);
        }
        line = startLine;
        throw error("unterminated double quote");
    }

    private String singleQuoted() {
        int startLine = line;
        int close = text.indexOf('\'', position + 1);
        if (close < 0) {
            throw error("unterminated single quote");
        }
        String value = text.substring(position + 1, close);
        line = startLine + (int) value.chars().filter(c -> c == '\n').count();
        position = close + 1;
        endOfValue();
        return value;
    }

    /** From just after the {@code =}: {@code KEY= # fill in} is an empty value with a comment. */
    private String unquoted(int from) {
        int end = lineEnd(from);
        String raw = text.substring(from, end);
        Matcher comment = COMMENT.matcher(raw);
        position = end;
        nextLine();
        return (comment.find() ? raw.substring(0, comment.start()) : raw).strip();
    }

    /** After a closing quote: spaces and an optional comment, then the end of the line. */
    private void endOfValue() {
        String rest = text.substring(position, lineEnd(position)).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
            throw error("unexpected text after the closing quote");
        }
        position = lineEnd(position);
        nextLine();
    }

    private int lineEnd(int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end;
    }

    private void nextLine() {
        position = lineEnd(position) + 1;
        line++;
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(file + ":" + line + ": " + problem);
    }
}
