package dev.kforge.environments;

import dev.kforge.dsl.config.SecretSource;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.gateway.RoutingForm;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.tgr.TgrContract;
import java.util.List;

/** The three environments of tgr, as data. */
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

    /** Dev: one pod, debug on, warnings only, secrets from the developer's environment (make secrets ENV=dev), the public image. */
    public static final TgrProfile DEV = new TgrProfile("tgr", "dev", 1, 1, TgrContract.VERSION, true, SMALL, false, false, Policy.RELAXED,
            SecretSource.environment(), RoutingForm.ANNOTATION, 1, false);
    /** Staging: like prod, smaller, secrets from the staging store; prod's gateway and routes, so they are tried before prod. */
    public static final TgrProfile STAGING = new TgrProfile("tgr", "staging", 2, 2, TgrContract.VERSION, false, SMALL, true, true, Policy.STRICT,
            SecretSource.clusterStore("tgr-staging"), RoutingForm.MAPPING_RESOURCES, 2, true);
    /** Prod: three to ten larger pods (by CPU use), strict policy, secrets from the prod store, Emissary Mapping resources. */
    public static final TgrProfile PROD = new TgrProfile("tgr", "prod", 3, 10, TgrContract.VERSION, false, LARGE, true, true, Policy.STRICT,
            SecretSource.clusterStore("tgr-prod"), RoutingForm.MAPPING_RESOURCES, 2, true);

    private TgrProfiles() {
    }

    /** In promotion order. */
    public static List<TgrProfile> all() {
        return List.of(DEV, STAGING, PROD);
    }
}
