package dev.kforge.dsl.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.output.ManifestFile;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Set;
import java.util.TreeSet;

/** A PersistentVolumeClaim's spec: the API server lets a bound claim grow (when its class allows expansion), nothing else. */
final class ClaimImmutableFields {
    /** How a claim gets what it cannot be changed to without losing its data. */
    private static final String NEW_CLAIM_BESIDE = "add a claim under a new name beside this one, move the data, and remove this one in a "
            + "later change (acknowledged with BreakingChange.removal); a rename would prune this one, and its data, in the same apply.";
    /** The hint for a claim's immutable field: recreating a claim, the other kinds' way, deletes its data. */
    private static final String KEEP_CLAIM = "Keep it: deleting the claim to recreate it deletes its data (under the usual Delete reclaim "
            + "policy). For another class or access mode, " + NEW_CLAIM_BESIDE + " An acknowledged change renders, but kubectl apply "
            + "refuses it while the old claim exists.";

    private ClaimImmutableFields() {
    }

    /** Reports each change of a claim's spec but a larger size. */
    static void compare(BreakingChangeReporter reporter, ManifestFile file, JsonNode old, JsonNode now) {
        String kind = file.kind().kind();
        Set<String> fields = new TreeSet<>();
        old.path("spec").fieldNames().forEachRemaining(fields::add);
        now.path("spec").fieldNames().forEachRemaining(fields::add);
        fields.remove("resources");
        for (String field : fields) {
            JsonNode before = old.at("/spec/" + field);
            JsonNode after = now.at("/spec/" + field);
            if (field.equals("volumeMode") && volumeMode(before).equals(volumeMode(after))) {
                continue;
            }
            reporter.changed(kind, file.name(), "spec." + field, before, after, KEEP_CLAIM);
        }
        reporter.changed(kind, file.name(), "spec.resources.limits", old.at("/spec/resources/limits"), now.at("/spec/resources/limits"),
                KEEP_CLAIM);
        reportShrink(reporter, file, old.at("/spec/resources/requests/storage"), now.at("/spec/resources/requests/storage"));
    }

    /** A claim's volume mode, Filesystem when unset (the API server's default). */
    private static String volumeMode(JsonNode mode) {
        return mode.isMissingNode() ? "Filesystem" : mode.asText();
    }

    private static void reportShrink(BreakingChangeReporter reporter, ManifestFile file, JsonNode old, JsonNode now) {
        if (!old.isValueNode() || !now.isValueNode() || old.equals(now)) {
            return;
        }
        try {
            if (Quantity.getAmountInBytes(new Quantity(now.asText())).compareTo(Quantity.getAmountInBytes(new Quantity(old.asText()))) >= 0) {
                return;
            }
        } catch (RuntimeException e) {
            return; // not a quantity (a raw edit's): the raw-edit checks and the API server judge it
        }
        reporter.report(Severity.ERROR, BreakingChangeReporter.IMMUTABLE, file.kind().kind(), file.name(), "spec.resources.requests.storage",
                "would shrink, and the API server refuses to make a claim smaller", old.asText() + " -> " + now.asText(),
                "Keep the size. For a smaller disk, " + NEW_CLAIM_BESIDE + " An acknowledged shrink renders, but kubectl apply "
                        + "refuses it while the old claim exists.");
    }
}
