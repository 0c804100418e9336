package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.quota.ResourceQuotaDef;
import dev.kforge.dsl.quota.StorageQuota;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Memory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * What a ResourceQuota's storage limits do to the stack's claims: its PersistentVolumeClaims, and each
 * StatefulSet's claim templates once per pod. The API server refuses the claims beyond a limit, and
 * the pods that mount them never start (a StatefulSet's stay Pending). Beyond it at the usual count
 * (fixed replicas, an autoscaler's minimum) is an error; only at the peak (an autoscaler's maximum), a
 * warning: a scale-up stalls. A StatefulSet's rolling update replaces pods on their claims, adding none.
 *
 * <p>A class's limits count the claims that name that class. A claim that names none gets the cluster's
 * default class, which kforge does not know: it counts against the limits of every class only. Claims
 * the stack does not declare are not counted either: those already in the namespace, such as the kept
 * disks of pods scaled away or of a renamed StatefulSet or template.
 */
final class QuotaStorageCheck implements StackCheck {
    static final String ID = "quota-storage";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<ResourceQuotaDef> quotas = index.all(ResourceQuotaDef.class).stream().filter(quota -> !quota.storage().isEmpty()).toList();
        if (quotas.isEmpty()) {
            return;
        }
        List<ClaimGroup> claims = ClaimGroup.of(stack, index);
        for (ResourceQuotaDef quota : quotas) {
            for (StorageQuota limit : quota.storage()) {
                List<ClaimGroup> counted = claims.stream().filter(group -> limit.counts(group.storageClass())).toList();
                Judged judged = new Judged(stack, quota, limit, counted);
                limit.requests().ifPresent(total -> judged.report(limit.requestsKey(), total.bytes(), true, problems));
                limit.claims().ifPresent(count -> judged.report(limit.claimsKey(), count, false, problems));
            }
        }
    }

    /** The claims one storage limit counts, judged against its storage or its number of claims. */
    private record Judged(Stack stack, ResourceQuotaDef quota, StorageQuota limit, List<ClaimGroup> counted) {

        void report(String key, long hard, boolean storage, Problems problems) {
            long usual = sum(ClaimGroup::usual, storage);
            long peak = sum(ClaimGroup::peak, storage);
            String claims = "the stack's claims" + limit.storageClass().map(name -> " of class " + name).orElse("");
            String allows = "allows " + key + " " + shown(hard, storage) + ", but " + claims + " need ";
            if (usual > hard) {
                boolean perPod = counted.stream().anyMatch(group -> group.perPod() && group.usual() > 0);
                problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), quota, allows + shown(usual, storage) + " at their usual "
                                + "count: the API server refuses the claims beyond it, and the pods that mount them never start",
                        parts(ClaimGroup::usual, storage), "Raise the quota, or " + (storage ? "shrink or remove " : "remove ")
                                + claims.substring("the stack's ".length()) + (perPod
                                ? " (a StatefulSet makes one claim per pod from each template: fewer replicas count)" : "") + "."));
            } else if (peak > hard) {
                problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), quota, allows + "up to " + shown(peak, storage) + " at their "
                                + "peak (autoscalers at their maximum): the claims beyond it are refused, and a scale-up stalls with its new "
                                + "pods never started", parts(ClaimGroup::peak, storage),
                        "Raise the quota, or leave room for the peak (fewer maximum replicas" + (storage ? ", smaller claims" : "") + ")."));
            }
        }

        /** The storage the claims request, or how many there are. */
        private long sum(ToIntFunction<ClaimGroup> count, boolean storage) {
            long sum = 0;
            for (ClaimGroup group : counted) {
                sum += count.applyAsInt(group) * (storage ? group.size().bytes() : 1);
            }
            return sum;
        }

        /** Each definition's claims: {@code PersistentVolumeClaim uploads: 20Gi}, {@code StatefulSet db's data claims: 3 x 10Gi}. */
        private String parts(ToIntFunction<ClaimGroup> count, boolean storage) {
            List<String> parts = new ArrayList<>();
            for (ClaimGroup group : counted) {
                int claims = count.applyAsInt(group);
                if (claims > 0) {
                    String size = group.size().quantity();
                    parts.add(group.describe() + ": " + (!storage ? claims : group.perPod() ? claims + " x " + size : size));
                }
            }
            return String.join(", ", parts);
        }

        private static String shown(long amount, boolean storage) {
            return storage && amount > 0 ? new Memory(amount).quantity() : Long.toString(amount);
        }
    }
}
