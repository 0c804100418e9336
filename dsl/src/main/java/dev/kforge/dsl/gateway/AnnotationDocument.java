package dev.kforge.dsl.gateway;

import dev.kforge.dsl.network.ServiceDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One YAML document of a Service's {@value AmbassadorMapping#ANNOTATION} annotation, read line by line rather than parsed:
 * the checks read a few top-level keys of every annotated Service on every render.
 *
 * @param text   the document as written, for the lines a reader looks for itself
 * @param fields its top-level {@code key: value} lines, values without quotes and trailing comment; a top-level block
 *               sequence ({@code key:} then {@code - item} lines) as its flow form, {@code [item, item]}
 */
record AnnotationDocument(String text, Map<String, String> fields) {
    /** The line between two YAML documents. */
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$");

    /** The documents of {@code service}'s annotation; none without one. */
    static List<AnnotationDocument> of(ServiceDef service) {
        String annotation = service.meta().annotations().get(AmbassadorMapping.ANNOTATION);
        return annotation == null ? List.of() : of(annotation);
    }

    /** The documents of {@code annotation} that hold a top-level key, in its order. */
    static List<AnnotationDocument> of(String annotation) {
        List<AnnotationDocument> documents = new ArrayList<>();
        for (String text : DOCUMENT_SEPARATOR.split(annotation)) {
            Map<String, String> fields = topLevelScalars(text);
            if (!fields.isEmpty()) {
                documents.add(new AnnotationDocument(text, fields));
            }
        }
        return documents;
    }

    /**
     * The {@code AMBASSADOR_ID}s of the gateways that read it: its {@code ambassador_id}, one id or a list of them (Ambassador
     * 1.x takes both), or {@code default} without one, as Emissary reads resources.
     */
    List<String> gatewayIds() {
        String value = fields.get("ambassador_id");
        if (value == null) {
            return List.of(AmbassadorId.DEFAULT.value());
        }
        if (!value.startsWith("[")) {
            return List.of(value);
        }
        List<String> ids = new ArrayList<>();
        for (String id : value.substring(1, value.endsWith("]") ? value.length() - 1 : value.length()).split(",")) {
            if (!id.isBlank()) {
                ids.add(id.strip());
            }
        }
        return ids;
    }

    /** How problems name it: {@code Mapping shop_mapping}. */
    String describe() {
        return fields.getOrDefault("kind", "document") + " " + fields.getOrDefault("name", "(unnamed)");
    }

    private static Map<String, String> topLevelScalars(String document) {
        Map<String, String> fields = new LinkedHashMap<>();
        String sequenceKey = null;
        for (String line : document.split("\n")) {
            String stripped = line.strip();
            if (sequenceKey != null && stripped.startsWith("-")) {
                String item = value(stripped.substring(1));
                fields.merge(sequenceKey, "[" + item + "]", (list, one) -> list.isEmpty() ? one : list.substring(0, list.length() - 1) + ", " + item + "]");
                continue;
            }
            sequenceKey = null;
            int colon = line.indexOf(':');
            if (colon > 0 && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
                String key = line.substring(0, colon).strip();
                String value = value(line.substring(colon + 1));
                fields.put(key, value);
                sequenceKey = value.isEmpty() ? key : null;
            }
        }
        return fields;
    }

    /** A value as written, without its trailing comment and quotes. */
    private static String value(String written) {
        int comment = written.indexOf(" #");
        return (comment < 0 ? written : written.substring(0, comment)).strip().replace("\"", "").replace("'", "");
    }
}
