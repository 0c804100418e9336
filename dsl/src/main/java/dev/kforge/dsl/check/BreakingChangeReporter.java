package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.dsl.core.Origin;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.BreakingChange;
import dev.kforge.dsl.stack.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reports the unacknowledged changes {@link BreakingChangesCheck} finds, and remembers which acknowledgements were used. */
record BreakingChangeReporter(Stack stack, Problems problems, List<BreakingChange> used) {
    static final String IMMUTABLE = "immutable-field";
    static final String RENAME = "rename";
    static final String REMOVAL = "removal";
    static final String STALE_ACKNOWLEDGEMENT = "stale-acknowledgement";
    static final String REPLICAS_HANDOVER = "replicas-handover";

    BreakingChangeReporter(Stack stack, Problems problems) {
        this(stack, problems, new ArrayList<>());
    }

    void changed(String kind, String name, String field, JsonNode old, JsonNode now) {
        changed(kind, name, field, old, now, "Keep it, or delete and recreate the object and acknowledge with BreakingChange.immutableField("
                + KindConstants.of(kind) + ", \"" + name + "\", \"" + field + "\", \"<how the rollout handles it>\").");
    }

    void changed(String kind, String name, String field, JsonNode old, JsonNode now, String hint) {
        if (Objects.equals(old, now)) {
            return;
        }
        report(Severity.ERROR, IMMUTABLE, kind, name, field,
                field + " would change, and the API server refuses to change it in place", text(old) + " -> " + text(now), hint);
    }

    void report(Severity severity, String check, String kind, String name, String change, String problem, String actual, String hint) {
        reportAt(name, severity, check, kind, name, change, problem, actual, hint);
    }

    /** As {@link #report}, located where the object called {@code definedAs} is defined (a renamed object's new name). */
    void reportAt(String definedAs, Severity severity, String check, String kind, String name, String change, String problem,
                  String actual, String hint) {
        for (BreakingChange acknowledged : stack.acknowledgedChanges()) {
            if (acknowledged.kind().kind().equals(kind) && acknowledged.name().equals(name) && acknowledged.change().equals(change)) {
                used.add(acknowledged);
                return;
            }
        }
        Origin origin = stack.allObjects().stream()
                .filter(object -> object.kind().kind().equals(kind) && object.name().equals(definedAs))
                .map(object -> object.meta().origin()).findFirst().orElse(stack.origin());
        problems.add(new Problem(check, severity, stack.describe(), kind + " " + name, problem, actual, hint, origin));
    }

    /** Warns of each acknowledgement that matched no change, so stale ones get removed. */
    void reportStaleAcknowledgements() {
        for (BreakingChange acknowledged : stack.acknowledgedChanges()) {
            if (used.stream().noneMatch(acknowledged::equals)) {
                problems.add(new Problem(STALE_ACKNOWLEDGEMENT, Severity.WARNING, stack.describe(),
                        acknowledged.kind() + " " + acknowledged.name(), "acknowledged change \"" + acknowledged.change()
                        + "\" does not happen against the committed output", "", "Remove the acknowledgement once the change is committed (one of an immutable field once it is deployed: until then "
                                + "make apply-command prints the delete it needs); a definition shared by several environments "
                                + "acknowledges it only for those where it happens.", stack.origin()));
            }
        }
    }

    static String text(JsonNode node) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(text(item)));
            return "[" + String.join(", ", items) + "]";
        }
        return node.isMissingNode() ? "unset" : node.isTextual() ? node.asText() : node.toString();
    }
}
