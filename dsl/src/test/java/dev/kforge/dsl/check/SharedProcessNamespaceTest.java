package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.onlyProblem;
import static dev.kforge.dsl.check.LinterParity.pod;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.workload.DeploymentDef;
import org.junit.jupiter.api.Test;

/**
 * shareProcessNamespace, which only a raw edit sets: each container of the pod then sees the others' processes, their
 * environment (the Secret values they take as env vars) and their root filesystems.
 */
class SharedProcessNamespaceTest {
    private static final DeploymentDef SHARED = deployment().withRawEdit("reload signals", d -> pod(d).setShareProcessNamespace(true));

    @Test
    void a_raw_edit_sharing_the_process_namespace_breaks_a_policy_rule() {
        assertThat(onlyProblem(() -> stack(SHARED)))
                .isEqualTo("ERROR prod/Deployment web: raw edit \"reload signals\" shared its pods' process namespace: each container sees "
                        + "the others' processes and, running as the same user, reads their environment (/proc/<pid>/environ: the Secret "
                        + "values they take as env vars) and their root filesystems (/proc/<pid>/root) (shareProcessNamespace: true). Let "
                        + "containers meet through files (a shared Volumes.emptyDir) or the network, and debug a running container with "
                        + "kubectl debug --target=<container>; a sidecar that must signal another container's process waives the rule with "
                        + "its reason: .waive(PolicyCheck.SHARED_PROCESS_NAMESPACE, \"<why>\").");
        assertThat(report(() -> stack(SHARED).withPolicy(Policy.RELAXED))).singleElement().asString()
                .startsWith("WARNING prod/Deployment web: raw edit \"reload signals\" shared its pods' process namespace");
    }

    @Test
    void a_waiver_says_why_and_an_edit_keeping_namespaces_apart_passes() {
        assertThat(report(() -> stack(SHARED.waive(PolicyCheck.SHARED_PROCESS_NAMESPACE, "the reloader sends nginx SIGHUP")))).isEmpty();
        assertThat(report(() -> stack(deployment().withRawEdit("explicit", d -> pod(d).setShareProcessNamespace(false))))).isEmpty();
    }
}
