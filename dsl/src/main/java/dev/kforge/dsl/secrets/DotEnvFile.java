package dev.kforge.dsl.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code .env} file in the workshop's format: {@code KEY="value"}, {@code KEY='value'} or
 * {@code KEY=value}, with optional {@code export}, blank lines and {@code #} comments. Errors name
 * the line, never its value.
 */
public final class DotEnvFile {
    private static final Pattern LINE = Pattern.compile("\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*?)\\s*");

    private DotEnvFile() {
    }

    /** The variables of {@code file}, in file order; empty when the file does not exist. */
    public static Map<String, SecretValue> read(Path file) throws IOException {
        Map<String, SecretValue> values = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return values;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected KEY=\"value\" (the line is not shown, it may hold a secret)");
            }
            values.put(matcher.group(1), SecretValue.of(unquote(matcher.group(2), file, i + 1)));
        }
        return values;
    }

    private static String unquote(String raw, Path file, int line) {
        if (raw.startsWith("\"")) {
            if (raw.length() < 2 || !raw.endsWith("\"")) {
                throw new IllegalArgumentException(file + ":" + line + ": unterminated double quote");
            }
            return raw.substring(1, raw.length() - 1).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (raw.startsWith("'")) {
            if (raw.length() < 2 || !raw.endsWith("'")) {
                throw new IllegalArgumentException(file + ":" + line + ": unterminated single quote");
            }
            return raw.substring(1, raw.length() - 1);
        }
        int comment = raw.indexOf(" #");
        return comment < 0 ? raw : raw.substring(0, comment).strip();
    }
}
