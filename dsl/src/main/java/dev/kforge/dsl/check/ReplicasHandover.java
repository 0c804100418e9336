package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.stack.BreakingChange;

/**
 * A Deployment's or StatefulSet's {@code spec.replicas} above 1 left out (handed to an autoscaler): client-side
 * {@code kubectl apply} then deletes the field, and the workload falls to 1 pod until the autoscaler scales it up again.
 */
final class ReplicasHandover {
    private ReplicasHandover() {
    }

    static void report(BreakingChangeReporter reporter, ManifestFile file, JsonNode old, JsonNode now) {
        JsonNode replicas = old.at("/spec/replicas");
        if (!replicas.isInt() || replicas.asInt() <= 1 || !now.at("/spec/replicas").isMissingNode()) {
            return;
        }
        String name = file.name();
        String namespace = now.at("/metadata/namespace").asText();
        reporter.report(Severity.ERROR, BreakingChangeReporter.REPLICAS_HANDOVER, file.kind().kind(), name, BreakingChange.REPLICAS_REMOVAL,
                "spec.replicas would be left out (an autoscaler takes over): kubectl apply deletes the field, and the " + file.kind().kind()
                        + " falls to 1 pod until the autoscaler scales it up again", "replicas: " + replicas.asInt() + " -> unset",
                "Before applying, drop the field from what kubectl last applied (kubectl apply edit-last-applied "
                        + file.kind().kind().toLowerCase(java.util.Locale.ROOT) + "/" + name + " -n " + namespace
                        + "; with server-side apply, move its ownership), then acknowledge with BreakingChange.replicasToAutoscaler("
                        + (file.kind().equals(Kind.DEPLOYMENT) ? "" : KindConstants.of(file.kind().kind()) + ", ") + "\"" + name
                        + "\", \"<how the rollout handles it>\").");
    }
}
