package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.HTTP;
import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.onlyProblem;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.stack.NamespaceDef;
import org.junit.jupiter.api.Test;

/**
 * A namespace named like a public top-level domain takes the cluster's lookups of that domain's hosts: a pod's DNS search
 * path tries web.dev.svc.cluster.local, the Service web of the namespace dev, before the public web.dev.
 */
class NamespaceTldPolicyTest {
    private static final ServiceDef WEB = ServiceDef.named("web").selecting(deployment()).withPort(ServicePort.to(HTTP));

    @Test
    void a_namespace_named_like_a_public_top_level_domain_is_an_error_in_prod_naming_the_hosts_its_services_take() {
        assertThat(onlyProblem(() -> stack(NamespaceDef.named("dev"), deployment(), WEB)))
                .isEqualTo("ERROR prod/Namespace dev: is named like the public top-level domain .dev: the cluster's DNS tries a short "
                        + "name under svc.cluster.local before the public one, so a pod of any namespace that looks up a host of .dev "
                        + "without a final dot reaches this namespace's Service of that name, not the public host (namespace dev; its "
                        + "Services answer for web.dev). Name the namespace after its service and environment, e.g. \"demo-prod\". "
                        + "Or waive it with .waive(PolicyCheck.NAMESPACE_TLD, \"<why>\").");
    }

    @Test
    void it_is_a_warning_under_the_relaxed_policy_and_a_waiver_silences_it() {
        assertThat(report(() -> stack(NamespaceDef.named("app"), deployment(), WEB).withPolicy(Policy.RELAXED))).singleElement().asString()
                .startsWith("WARNING prod/Namespace app: is named like the public top-level domain .app");
        assertThat(report(() -> stack(NamespaceDef.named("app").waive(PolicyCheck.NAMESPACE_TLD, "no pod here looks up .app hosts"),
                deployment(), WEB))).isEmpty();
    }

    @Test
    void country_codes_and_internationalized_domains_count_and_names_that_are_none_do_not() {
        assertThat(onlyProblem(() -> stack(NamespaceDef.named("qa"), deployment()))).startsWith("ERROR prod/Namespace qa: ")
                .contains("(namespace qa, no Service in it yet)");
        assertThat(onlyProblem(() -> stack(NamespaceDef.named("xn--fiqs8s"), deployment()))).contains("top-level domain .xn--fiqs8s");
        for (String name : new String[] {"demo-prod", "prod-eu", "staging", "tgr", "xn--not-a-domain", "local", "test"}) {
            assertThat(report(() -> stack(NamespaceDef.named(name), deployment()))).as(name).isEmpty();
        }
    }

    @Test
    void the_public_list_holds_the_generic_and_country_domains_teams_name_namespaces_after() {
        for (String domain : new String[] {"com", "dev", "prod", "app", "qa", "shop", "cloud", "io", "de", "xn--p1ai"}) {
            assertThat(TopLevelDomains.isPublic(domain)).as(domain).isTrue();
        }
        for (String name : new String[] {"", "staging", "preview", "tgr-dev", "dev-1", "localhost", "cluster"}) {
            assertThat(TopLevelDomains.isPublic(name)).as(name).isFalse();
        }
    }
}
