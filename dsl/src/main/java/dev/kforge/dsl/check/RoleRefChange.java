package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.output.ManifestFile;

/** A RoleBinding's or ClusterRoleBinding's {@code roleRef}, which the API server does not change in place. */
final class RoleRefChange {
    private RoleRefChange() {
    }

    /**
     * The API server refuses a binding's other role ("cannot change roleRef"). A binding under a new name keeps the subjects'
     * access: kubectl apply creates it before the prune deletes the old one, where a recreation leaves a gap.
     */
    static void report(BreakingChangeReporter reporter, ManifestFile file, JsonNode old, JsonNode now) {
        if (old.equals(now)) {
            return;
        }
        String kind = file.kind().kind();
        String name = file.name();
        reporter.report(Severity.ERROR, BreakingChangeReporter.IMMUTABLE, kind, name, "roleRef",
                "roleRef would change, and the API server refuses to change a binding's role in place",
                old.path("kind").asText() + " " + old.path("name").asText() + " -> " + now.path("kind").asText() + " " + now.path("name").asText(),
                "Keep it, or bind the new role under a new name: the apply creates that binding before the prune deletes this one, so "
                        + "its subjects keep access throughout (acknowledge with BreakingChange.rename(" + KindConstants.of(kind) + ", \""
                        + name + "\", \"<new name>\", \"<why>\")). Deleting and recreating it instead leaves them without either role "
                        + "until the apply creates it again; acknowledge that with BreakingChange.immutableField(" + KindConstants.of(kind)
                        + ", \"" + name + "\", \"roleRef\", \"<how the rollout handles it>\").");
    }
}
