package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JSON value as Go's encoding/json writes it once decoded into maps and lists, which is how kubectl's jsonpath prints a map
 * or a list (client-go's {@code JSONPath.PrintResults} calls {@code json.Marshal} on them): no spaces, keys in byte order,
 * and {@code <}, {@code >} and {@code &} escaped as {@code \u003c}, {@code \u003e} and {@code \u0026}.
 */
final class GoJson {
    /** UTF-8 byte order, which is code point order (String's own order differs above the surrogates). */
    private static final Comparator<String> BYTE_ORDER = (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    private static final String HEX = "0123456789abcdef";

    private GoJson() {
    }

    static String of(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>(BYTE_ORDER);
            node.fields().forEachRemaining(field -> sorted.put(field.getKey(), field.getValue()));
            out.append('{');
            String separator = "";
            for (Map.Entry<String, JsonNode> field : sorted.entrySet()) {
                out.append(separator);
                string(field.getKey(), out);
                out.append(':');
                write(field.getValue(), out);
                separator = ",";
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else {
            out.append(node.asText()); // numbers, booleans and null are written alike
        }
    }

    /** Go's string encoding (since Go 1.22, which writes \b and \f as such). */
    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append("\\u").append(HEX.charAt(c >> 12)).append(HEX.charAt((c >> 8) & 0xf))
                                .append(HEX.charAt((c >> 4) & 0xf)).append(HEX.charAt(c & 0xf));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
