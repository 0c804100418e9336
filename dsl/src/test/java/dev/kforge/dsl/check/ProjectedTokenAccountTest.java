package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.container;
import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.ProjectedSource;
import dev.kforge.dsl.workload.Volumes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A projected token names the pods' account to the service reading it: the namespace's default account names every pod alike. */
class ProjectedTokenAccountTest {
    private final DeploymentDef withVaultToken = deployment(container().withReadOnlyMount(
            Volumes.projected("vault-token", ProjectedSource.serviceAccountToken("vault", Duration.ofHours(1))), "/var/run/vault"));

    @Test
    void a_token_of_the_default_account_is_the_default_account_rule() {
        assertThat(report(() -> stack(withVaultToken))).contains("ERROR prod/Deployment web: projects a token for vault as the default "
                + "ServiceAccount, which every pod of its namespace without an account of its own runs as: vault cannot tell them apart "
                + "(volume vault-token, serviceAccountToken vault). Run the pods as an account of their own: "
                + "withServiceAccount(ServiceAccountDef.named(\"web\")), in the stack too. "
                + "Or waive it with .waive(PolicyCheck.DEFAULT_ACCOUNT_BINDING, \"<why>\").");
        assertThat(report(() -> stack(withVaultToken).withPolicy(Policy.RELAXED)))
                .anySatisfy(line -> assertThat(line).startsWith("WARNING prod/Deployment web: projects a token for vault"));
    }

    @Test
    void a_token_of_an_account_of_its_own_or_a_waived_one_passes() {
        ServiceAccountDef account = ServiceAccountDef.named("web");

        assertThat(report(() -> stack(withVaultToken.withServiceAccount(account), account)))
                .noneSatisfy(line -> assertThat(line).contains("projects a token"));
        assertThat(report(() -> stack(withVaultToken.waive(PolicyCheck.DEFAULT_ACCOUNT_BINDING, "one pod per namespace"))))
                .noneSatisfy(line -> assertThat(line).contains("projects a token"));
    }
}
