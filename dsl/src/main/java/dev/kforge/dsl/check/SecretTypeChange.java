package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.output.ManifestFile;

/** The type of the Secret an ExternalSecret or SealedSecret writes, which its operator cannot change. */
final class SecretTypeChange {
    private SecretTypeChange() {
    }

    /**
     * The API server refuses to change a Secret's type ("type: field is immutable"). The apply of the operator's resource
     * succeeds, but the operator only updates the Secret it wrote, which fails: the Secret keeps its old type and values.
     */
    static void report(BreakingChangeReporter reporter, ManifestFile file, String field, JsonNode old, JsonNode now, String resealing) {
        String pointer = "/" + field.replace('.', '/');
        if (old.at(pointer).equals(now.at(pointer))) {
            return;
        }
        String kind = file.kind().kind();
        String name = file.name();
        String secret = now.at("/spec/target/name").asText(now.at("/spec/template/metadata/name").asText(name));
        reporter.report(Severity.ERROR, BreakingChangeReporter.IMMUTABLE, kind, name, field,
                field + " would change, and the API server refuses to change a "
                        + "Secret's type: the operator's update of Secret " + secret + " fails and it keeps its old type and values",
                BreakingChangeReporter.text(old.at(pointer)) + " -> " + BreakingChangeReporter.text(now.at(pointer)),
                "Keep it, or declare the Secret of the new type under a new name" + resealing + ": the workloads roll to it, and the "
                        + "prune deletes the old " + kind + " and, owned by it, its Secret (acknowledge with BreakingChange.rename("
                        + KindConstants.of(kind) + ", \"" + name + "\", \"<new name>\", \"<why>\")).");
    }
}
