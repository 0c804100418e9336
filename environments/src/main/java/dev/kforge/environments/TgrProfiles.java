package dev.kforge.environments;

import dev.kforge.dsl.config.SecretSource;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.gateway.RoutingForm;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.tgr.TgrContract;
import java.util.List;

/** The three environments of tgr, and the preview of a pull request, as data. */
public final class TgrProfiles {
    /**
     * The workshop's Flask pod had 128Mi/256Mi; a JVM needs more: half the limit is its heap (app/Dockerfile)
     * and the other half its own memory, which took about 140 MiB under load. A JVM keeps the heap it has
     * grown, so memory is requested as limited: the scheduler places the pods by what they use, and they are
     * not the first evicted when a node runs short.
     */
    private static final Resources SMALL = Resources.requests(Cpu.millis(100), Memory.mebibytes(384))
            .withCpuLimit(Cpu.millis(500))
            .withMemoryLimit(Memory.mebibytes(384));
    private static final Resources LARGE = Resources.requests(Cpu.millis(250), Memory.mebibytes(512))
            .withCpuLimit(Cpu.cores(1))
            .withMemoryLimit(Memory.mebibytes(512));
    /** A preview serves its reviewers only: half of SMALL's CPU request, so that many fit beside dev. Memory stays, as the JVM's heap is half of it. */
    private static final Resources PREVIEW = Resources.requests(Cpu.millis(50), Memory.mebibytes(384))
            .withCpuLimit(Cpu.millis(500))
            .withMemoryLimit(Memory.mebibytes(384));

    /** Dev: one pod, debug on, warnings only, secrets from the developer's environment (make secrets ENV=dev), the public image. */
    public static final TgrProfile DEV = new TgrProfile("tgr", "dev", 1, 1, TgrContract.VERSION, true, SMALL, false, false, Policy.RELAXED,
            SecretSource.environment(), RoutingForm.ANNOTATION, 1, false, false);
    /** Staging: like prod, smaller, secrets from the staging store; prod's gateway and routes, so they are tried before prod. */
    public static final TgrProfile STAGING = new TgrProfile("tgr", "staging", 2, 2, TgrContract.VERSION, false, SMALL, true, true, Policy.STRICT,
            SecretSource.clusterStore("tgr-staging"), RoutingForm.MAPPING_RESOURCES, 2, true, false);
    /** Prod: three to ten larger pods (by CPU use), strict policy, secrets from the prod store, Emissary Mapping resources. */
    public static final TgrProfile PROD = new TgrProfile("tgr", "prod", 3, 10, TgrContract.VERSION, false, LARGE, true, true, Policy.STRICT,
            SecretSource.clusterStore("tgr-prod"), RoutingForm.MAPPING_RESOURCES, 2, true, false);

    private TgrProfiles() {
    }

    /** In promotion order. */
    public static List<TgrProfile> all() {
        return List.of(DEV, STAGING, PROD);
    }

    /** Whether {@code name} is an environment's, or {@code all}, which the commands read as every environment. */
    static boolean isTaken(String name) {
        return name.equals("all") || all().stream().anyMatch(profile -> profile.environment().equals(name));
    }

    /**
     * A preview of one pull request, e.g. {@code preview("pr-123")}: dev as the environment {@code name}, so that its namespace
     * ({@code tgr-pr-123}), its instance label (which its prune and teardown select) and its cluster-scoped names are its own,
     * with the host {@code pr-123.tgr.example.com} and a smaller CPU request.
     *
     * @throws InvalidDefinitionException when {@code name} is not a DNS-1123 label, would make the namespace longer than 63
     *                                    characters, or is taken by an environment or by {@code all}
     */
    public static TgrProfile preview(String name) {
        String subject = "Preview environment";
        String namespacePrefix = DEV.app() + "-";
        int longest = 63 - namespacePrefix.length();
        if (name != null && name.length() > longest) {
            throw InvalidDefinitionException.invalid(subject, "name", name, "is " + name.length() + " characters long; at most " + longest
                    + ", as its namespace and instance label " + namespacePrefix + name + " must stay within 63", "Shorten it, e.g. pr-<number>.");
        }
        Names.require(Names.Rule.DNS1123_LABEL, subject, "name", name);
        if (isTaken(name)) {
            throw InvalidDefinitionException.invalid(subject, "name", name, "is taken: "
                    + String.join(", ", all().stream().map(TgrProfile::environment).toList())
                    + " are the committed environments, and all means every one", "Name it after its pull request, e.g. pr-123.");
        }
        return new TgrProfile(DEV.app(), name, DEV.replicas(), DEV.maxReplicas(), DEV.imageTag(), DEV.debug(), PREVIEW, DEV.tls(),
                DEV.disruptionBudget(), DEV.policy(), DEV.secrets(), DEV.routing(), DEV.gatewayReplicas(), DEV.registryCredentials(), true);
    }
}
