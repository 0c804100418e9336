package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.output.ManifestFile;
import java.util.List;

/**
 * The fields of a rendered object that the API server refuses to change in place, compared with the committed object,
 * by kind: workloads' selectors, a Service's cluster IP and ExternalName type, a PriorityClass's value; the kinds whose
 * fix differs have a type of their own.
 */
final class ImmutableFields {
    private ImmutableFields() {
    }

    static void compare(BreakingChangeReporter reporter, ManifestFile file, JsonNode old, JsonNode now) {
        String kind = file.kind().kind();
        if (file.kind().equals(Kind.DAEMON_SET)) {
            reporter.changed(kind, file.name(), "spec.selector", old.at("/spec/selector"), now.at("/spec/selector"));
        } else if (file.kind().equals(Kind.DEPLOYMENT)) {
            reporter.changed(kind, file.name(), "spec.selector", old.at("/spec/selector"), now.at("/spec/selector"));
            ReplicasHandover.report(reporter, file, old, now);
        } else if (file.kind().equals(Kind.STATEFUL_SET)) {
            // The API server changes a StatefulSet's replicas, template, update strategy, retention and minReadySeconds only.
            for (String field : List.of("selector", "serviceName", "podManagementPolicy")) {
                reporter.changed(kind, file.name(), "spec." + field, old.at("/spec/" + field), now.at("/spec/" + field));
            }
            ClaimTemplateChanges.report(reporter, file, old.at("/spec/volumeClaimTemplates"), now.at("/spec/volumeClaimTemplates"));
            ReplicasHandover.report(reporter, file, old, now);
        } else if (file.kind().equals(Kind.PERSISTENT_VOLUME_CLAIM)) {
            ClaimImmutableFields.compare(reporter, file, old, now);
        } else if (file.kind().equals(Kind.PRIORITY_CLASS)) {
            // The API server changes a PriorityClass's description only: its value and preemption policy are fixed when created.
            reporter.changed(kind, file.name(), "value", old.at("/value"), now.at("/value"));
            reporter.changed(kind, file.name(), "preemptionPolicy", old.at("/preemptionPolicy"), now.at("/preemptionPolicy"));
        } else if (file.kind().equals(Kind.CONFIG_MAP)) {
            ImmutableConfigMapData.report(reporter, file, old, now);
        } else if (file.kind().equals(Kind.EXTERNAL_SECRET)) {
            SecretTypeChange.report(reporter, file, "spec.target.template.type", old, now, "");
        } else if (file.kind().equals(Kind.SEALED_SECRET)) {
            SecretTypeChange.report(reporter, file, "spec.template.type", old, now, ", its values sealed again for that name (kubeseal --name <new name>)");
        } else if (file.kind().equals(Kind.ROLE_BINDING) || file.kind().equals(Kind.CLUSTER_ROLE_BINDING)) {
            RoleRefChange.report(reporter, file, old.path("roleRef"), now.path("roleRef"));
        } else if (file.kind().equals(Kind.SERVICE)) {
            reporter.changed(kind, file.name(), "spec.clusterIP", old.at("/spec/clusterIP"), now.at("/spec/clusterIP"));
            boolean wasAlias = old.at("/spec/type").asText().equals("ExternalName");
            boolean isAlias = now.at("/spec/type").asText().equals("ExternalName");
            if (wasAlias != isAlias) {
                reporter.changed(kind, file.name(), "spec.type", old.at("/spec/type"), now.at("/spec/type"));
            }
        }
    }
}
