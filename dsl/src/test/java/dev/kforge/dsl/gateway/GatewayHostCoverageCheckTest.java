package dev.kforge.dsl.gateway;

import static dev.kforge.dsl.gateway.ShopGatewayFixture.GATEWAY;
import static dev.kforge.dsl.gateway.ShopGatewayFixture.SHOP;
import static dev.kforge.dsl.gateway.ShopGatewayFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.check.StackIndex;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.testing.Rendering;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Emissary serves a Mapping only on Hosts its hostname matches, and a Host only what Mappings match it. */
class GatewayHostCoverageCheckTest {
    private static final EmissaryHost HOST = EmissaryHost.named("shop").hostname("shop.example.com").servedBy(GATEWAY);

    private static EmissaryMapping mapping(String name, String hostname) {
        return EmissaryMapping.named(name).prefix("/").to(SHOP.backend(WEB)).withHostname(hostname).servedBy(GATEWAY);
    }

    /** Every problem of the check, as SEVERITY and line without the source location. */
    private static List<String> problems(KubeObject<?>... objects) {
        Stack stack = ShopGatewayFixture.stack(objects);
        Problems problems = new Problems();
        new GatewayHostCoverageCheck().check(stack, new StackIndex(stack), problems);
        return problems.all().stream().map(p -> p.severity() + " " + p.format().replaceAll(" \\[at .*]$", "")).toList();
    }

    @Test
    void reports_a_mapping_whose_host_no_host_matches() {
        assertThat(problems(HOST, mapping("shop", "shop.example.com"), mapping("shop-typo", "shop.exmaple.com"))).containsExactly(
                "ERROR prod/Mapping shop-typo: serves host shop.exmaple.com, which no Host of its gateway matches, so Emissary serves it on "
                        + "none and its requests get 404 (Hosts: shop (shop.example.com)). Add EmissaryHost.named(..).hostname(\"shop.exmaple.com\") "
                        + "served by the same gateway, or route a host a Host serves, withHostname(\"shop.example.com\").");
    }

    @Test
    void warns_of_a_host_no_mapping_matches() {
        EmissaryHost other = EmissaryHost.named("other").hostname("other.example.com").servedBy(GATEWAY);

        assertThat(problems(HOST, other, mapping("shop", "shop.example.com"))).containsExactly(
                "WARNING prod/Host other: serves host other.example.com, which no Mapping of its gateway matches, so every request to it "
                        + "gets 404 (Mapping hosts: shop.example.com). Route it with a Mapping withHostname(\"other.example.com\"), or remove the Host.");
    }

    @Test
    void host_globs_match_as_emissary_pairs_them() {
        EmissaryMapping everyHost = EmissaryMapping.named("all").prefix("/").to(SHOP.backend(WEB)).servedBy(GATEWAY);
        EmissaryHost wildcard = EmissaryHost.named("example").hostname("*.example.com").servedBy(GATEWAY);

        assertThat(problems(HOST, everyHost)).isEmpty();
        assertThat(problems(wildcard, mapping("shop", "shop.example.com"))).isEmpty();
        assertThat(problems(HOST, mapping("shops", "*.example.com"))).isEmpty();
        assertThat(problems(EmissaryHost.named("any").hostname("*").servedBy(GATEWAY), mapping("shop", "shop.example.org"))).isEmpty();
        assertThat(problems(wildcard, mapping("org", "shop.example.org"))).hasSize(2);
        assertThat(GatewayHostCoverageCheck.globsMatch("*.example.com", "*.shop.example.com")).isTrue();
        assertThat(GatewayHostCoverageCheck.globsMatch("*.example.com", "example.com")).isFalse();
    }

    @Test
    void judges_each_gateway_on_its_own_hosts_and_none_without_hosts() {
        EmissaryHost otherGateway = EmissaryHost.named("shop").hostname("shop.example.org").withAmbassadorId(AmbassadorId.of("shop-dev"));

        // No Host of this gateway: nothing to judge the Mapping against; no Mapping of the other: its routes are elsewhere.
        assertThat(problems(mapping("shop", "shop.example.com"))).isEmpty();
        assertThat(problems(otherGateway, mapping("shop", "shop.example.com"))).isEmpty();
        assertThat(problems(otherGateway, mapping("shop", "shop.example.com"),
                mapping("dev", "dev.example.org").withAmbassadorId(AmbassadorId.of("shop-dev")))).hasSize(2).contains(
                "WARNING prod/Host shop: serves host shop.example.org, which no Mapping of its gateway matches, so every request to it "
                        + "gets 404 (Mapping hosts: dev.example.org). Route it with a Mapping withHostname(\"shop.example.org\"), or remove the Host.");
    }

    @Test
    void runs_with_every_check() {
        assertThat(Rendering.structuralProblems(ShopGatewayFixture.stack(HOST, mapping("shop", "shop.example.org"))))
                .extracting(Problem::check).contains(GatewayHostCoverageCheck.MAPPING_HOST);
    }
}
