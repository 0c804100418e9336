package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The sh line of a recreation step: it reads the acknowledged fields of the object in the cluster with kubectl's jsonpath and
 * deletes it only while it exists with other values than out/ holds, so that the steps may run on every deploy and recreate
 * the object once. The text it compares with is what kubectl prints for the rendered object as the API server keeps it: its
 * defaults filled in, an assigned cluster IP matched by a pattern, a quantity in the server's form, strings as they are, and
 * maps and lists as Go's encoding/json writes them ({@link GoJson}). The line ends in {@code &&}: the next line (a later step or
 * the apply) runs only when it succeeded.
 */
final class LiveValueGuard {
    /** What a Service's {@code spec.clusterIP} holds once the API server has assigned it: an IPv4 or IPv6 address, not None. */
    private static final String ASSIGNED_ADDRESS = "[0123456789abcdef]*";

    private LiveValueGuard() {
    }

    /**
     * {@code live=$(kubectl get <target> --ignore-not-found -o jsonpath='<fields>') && case "$live" in '' | '<new values>') ;;
     * *) <delete> ;; esac &&}
     *
     * @param target {@code <kind> <name>}, with {@code -n <namespace>} for a namespaced object
     * @param object the rendered object
     * @param fields the acknowledged fields, as {@link AcknowledgedRecreations} names them
     * @param delete the delete command that runs when the live values differ
     */
    static String line(String target, JsonNode object, List<String> fields, String delete) {
        List<String> templates = new ArrayList<>();
        CasePattern expected = new CasePattern();
        for (String field : fields) {
            if (!templates.isEmpty()) {
                expected.literal(" ");
            }
            templates.add(field + "=" + template(field));
            expected.literal(field + "=");
            expect(field, object, expected);
        }
        return "live=$(kubectl get " + target + " --ignore-not-found -o jsonpath=" + ShellWords.quoted(String.join(" ", templates))
                + ") && case \"$live\" in '' | " + expected.shell() + ") ;; *) " + delete + " ;; esac &&";
    }

    /** The jsonpath that prints the field; claim templates by what the API server leaves as written (it defaults volumeMode and status). */
    private static String template(String field) {
        return switch (field) {
            case "spec.volumeClaimTemplates" -> "{range .spec.volumeClaimTemplates[*]}{.metadata.name}:{.spec.resources.requests.storage}:"
                    + "{.spec.storageClassName}:{.spec.accessModes}:{.spec.volumeMode};{end}";
            default -> "{." + field + "}";
        };
    }

    private static void expect(String field, JsonNode object, CasePattern expected) {
        JsonNode value = object.at("/" + field.replace('.', '/'));
        switch (field) {
            case "spec.podManagementPolicy" -> expected.literal(orDefault(value, "OrderedReady"));
            case "spec.type" -> expected.literal(orDefault(value, "ClusterIP"));
            case "preemptionPolicy" -> expected.literal(orDefault(value, "PreemptLowerPriority"));
            case "spec.clusterIP" -> {
                if (!value.isMissingNode()) {
                    expected.literal(value.asText());
                } else if (!object.at("/spec/type").asText().equals("ExternalName")) {
                    expected.glob(ASSIGNED_ADDRESS);
                }
            }
            case "spec.volumeClaimTemplates" -> {
                StringBuilder claims = new StringBuilder();
                for (JsonNode claim : value) {
                    JsonNode spec = claim.path("spec");
                    JsonNode storage = spec.at("/resources/requests/storage");
                    claims.append(claim.at("/metadata/name").asText()).append(':')
                            .append(storage.isMissingNode() ? "" : CanonicalQuantity.of(storage.asText())).append(':')
                            .append(spec.path("storageClassName").asText()).append(':')
                            .append(spec.path("accessModes").isMissingNode() ? "" : GoJson.of(spec.path("accessModes"))).append(':')
                            .append(orDefault(spec.path("volumeMode"), "Filesystem")).append(';');
                }
                expected.literal(claims.toString());
            }
            default -> expected.literal(value.isMissingNode() ? "" : value.isContainerNode() ? GoJson.of(value) : value.asText());
        }
    }

    private static String orDefault(JsonNode value, String apiDefault) {
        return value.isMissingNode() ? apiDefault : value.asText();
    }

    /** A sh case pattern: literal text single-quoted, globs as they are. */
    private static final class CasePattern {
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder literal = new StringBuilder();

        void literal(String part) {
            literal.append(part);
        }

        void glob(String part) {
            flush();
            text.append(part);
        }

        private void flush() {
            if (!literal.isEmpty()) {
                text.append(ShellWords.quoted(literal.toString()));
                literal.setLength(0);
            }
        }

        String shell() {
            flush();
            return text.isEmpty() ? "''" : text.toString();
        }
    }
}
