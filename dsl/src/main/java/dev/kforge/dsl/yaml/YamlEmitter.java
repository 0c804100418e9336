package dev.kforge.dsl.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes a canonical JSON tree as one block-style YAML document: two-space indentation, list
 * items at their key's indentation, {@code {}} and {@code []} for the empty containers kept, no
 * document marker, no line folding, one final newline.
 *
 * <p>Scalars: a string is plain when {@link PlainScalars} says every YAML reader keeps it a
 * string; a multi-line string is a literal block ({@code |}, {@code |-}) when its lines allow one;
 * anything else is double-quoted with YAML escapes. Numbers and booleans are bare.
 *
 * <p>These are the choices jackson-dataformat-yaml (SnakeYAML's emitter) makes with the options
 * kforge used before this class existed; tests hold both to the same bytes. Writing the text
 * directly is several times faster, which matters when a render writes tens of thousands of objects.
 */
final class YamlEmitter {
    static final int INDENT = 2;
    /** One buffer per thread, reused: most documents are a few kilobytes, and growing a new buffer each time shows. */
    private static final ThreadLocal<StringBuilder> BUFFERS = ThreadLocal.withInitial(() -> new StringBuilder(8192));
    private static final int LARGEST_KEPT_BUFFER = 1 << 20;
    private static final String SPACES = " ".repeat(64);
    private final StringBuilder out;

    YamlEmitter(StringBuilder out) {
        this.out = out;
    }

    static String document(JsonNode root) {
        return document(out -> new YamlEmitter(out).node(root, 0));
    }

    /** The text {@code writer} appends to an empty buffer (the calling thread's, reused). */
    static String document(Consumer<StringBuilder> writer) {
        StringBuilder buffer = BUFFERS.get();
        buffer.setLength(0);
        writer.accept(buffer);
        String yaml = buffer.toString();
        if (buffer.capacity() > LARGEST_KEPT_BUFFER) {
            BUFFERS.remove();
        }
        return yaml;
    }

    /** A node that starts a line of its own at column {@code indent}, or continues one ("- " written). */
    void node(JsonNode node, int indent) {
        if (node.isObject() && !node.isEmpty()) {
            mapping(node, indent);
        } else if (node.isArray() && !node.isEmpty()) {
            sequence(node, indent);
        } else {
            scalar(node, indent);
            out.append('\n');
        }
    }

    /** The first key continues the current line; the others start at column {@code indent}. */
    private void mapping(JsonNode mapping, int indent) {
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = mapping.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!first) {
                indent(indent);
            }
            first = false;
            key(field.getKey());
            value(field.getValue(), indent);
        }
    }

    /** The value of a key written at column {@code indent} ("key:" written), to the end of its last line. */
    void value(JsonNode value, int indent) {
        if (value.isObject() && !value.isEmpty()) {
            out.append('\n');
            indent(indent + INDENT);
            mapping(value, indent + INDENT);
        } else if (value.isArray() && !value.isEmpty()) {
            // Block sequences in a mapping are not indented: "key:\n- item".
            out.append('\n');
            indent(indent);
            sequence(value, indent);
        } else {
            out.append(' ');
            scalar(value, indent + INDENT);
            out.append('\n');
        }
    }

    /** The first item continues the current line; the others start at column {@code indent}. */
    private void sequence(JsonNode sequence, int indent) {
        boolean first = true;
        for (JsonNode item : sequence) {
            if (!first) {
                indent(indent);
            }
            first = false;
            out.append("- ");
            node(item, indent + INDENT);
        }
    }

    /** {@code key:}, quoted when it must be. */
    void key(String key) {
        if (PlainScalars.isPlainSafe(key)) {
            out.append(key);
        } else {
            DoubleQuoted.append(out, key);
        }
        out.append(':');
    }

    /** A scalar or an empty container; a literal block's lines go at column {@code blockIndent}. */
    private void scalar(JsonNode node, int blockIndent) {
        if (node.isTextual()) {
            string(node.textValue(), blockIndent);
        } else if (node.isObject()) {
            out.append("{}");
        } else if (node.isArray()) {
            out.append("[]");
        } else if (node.isNumber() || node.isBoolean() || node.isNull()) {
            out.append(node.asText());
        } else {
            throw new IllegalArgumentException("Cannot write a " + node.getNodeType() + " node as YAML: " + node);
        }
    }

    /** A string scalar; a literal block's lines go at column {@code blockIndent}. */
    void string(String text, int blockIndent) {
        if (text.indexOf('\n') >= 0) {
            if (LiteralBlocks.allows(text)) {
                literal(text, blockIndent);
            } else {
                DoubleQuoted.append(out, text);
            }
        } else if (PlainScalars.isPlainSafe(text)) {
            out.append(text);
        } else {
            DoubleQuoted.append(out, text);
        }
    }

    /** {@code |} with its indentation and chomping indicators, then each line; the last line break is the caller's. */
    private void literal(String text, int blockIndent) {
        out.append('|').append(LiteralBlocks.indicators(text, INDENT));
        int start = 0;
        int length = text.length();
        int end = text.charAt(length - 1) == '\n' ? length - 1 : length;
        while (start <= end) {
            int lineEnd = text.indexOf('\n', start);
            if (lineEnd < 0 || lineEnd > end) {
                lineEnd = end;
            }
            out.append('\n');
            if (lineEnd > start) {
                indent(blockIndent);
                out.append(text, start, lineEnd);
            }
            start = lineEnd + 1;
        }
    }

    void indent(int columns) {
        if (columns <= SPACES.length()) {
            out.append(SPACES, 0, columns);
        } else {
            out.append(" ".repeat(columns));
        }
    }
}
