package dev.kforge.dsl.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Emissary's split of a route between its Mappings: weights first, the unweighted Mappings sharing the rest. */
class RouteSharesTest {
    private static final Port HTTP = Port.tcp("http", 5000);
    private static final ServicePort WEB = ServicePort.to(HTTP);
    private static final DeploymentDef APP = DeploymentDef.named("shop")
            .running(ContainerDef.named("app").image(Image.of("example/shop", "1.0.0")).withPort(HTTP));

    /** A Mapping of prefix / to its own Service, weighted unless {@code weight} is null. */
    private static EmissaryMapping mapping(String name, Integer weight) {
        EmissaryMapping mapping = EmissaryMapping.named(name).prefix("/")
                .to(ServiceDef.named(name).selecting(APP).withPort(WEB).backend(WEB));
        return weight == null ? mapping : mapping.withWeight(weight);
    }

    private static List<Integer> percents(EmissaryMapping... route) {
        return RouteShares.of(Arrays.asList(route)).orElseThrow().shares().stream().map(RouteShares.Share::percent).toList();
    }

    @Test
    void unweighted_mappings_share_what_the_weights_leave() {
        assertThat(percents(mapping("a", null))).containsExactly(100);
        assertThat(percents(mapping("a", null), mapping("b", 10))).containsExactly(90, 10);
        assertThat(percents(mapping("a", null), mapping("b", null))).containsExactly(50, 50);
        assertThat(percents(mapping("a", null), mapping("b", null), mapping("c", 10))).containsExactly(45, 45, 10);
        assertThat(percents(mapping("a", null), mapping("b", null), mapping("c", null))).containsExactly(33, 33, 34);
    }

    @Test
    void rounds_the_parts_as_emissary_does_and_the_last_unweighted_mapping_takes_the_rest() {
        // 95 / 2 = 47.5, which Python's round() makes 48 (half to even): the first takes 48, the last what is left to 100.
        assertThat(percents(mapping("a", null), mapping("b", null), mapping("c", 5))).containsExactly(48, 47, 5);
        // 15 / 9 rounds to 2, and 8 parts of 2 would pass 100: the 8th takes the 1 left, the 9th nothing.
        EmissaryMapping[] route = new EmissaryMapping[10];
        route[0] = mapping("w", 85);
        for (int i = 1; i < route.length; i++) {
            route[i] = mapping("u" + i, null);
        }
        assertThat(percents(route)).containsExactly(85, 2, 2, 2, 2, 2, 2, 2, 1, 0);
    }

    @Test
    void weights_are_taken_as_given_and_refused_over_100() {
        assertThat(percents(mapping("a", 90), mapping("b", 10))).containsExactly(90, 10);
        // Below 100 in all, the rest of the requests match none of them (GatewayReferencesCheck's error).
        assertThat(percents(mapping("a", 30), mapping("b", 30))).containsExactly(30, 30);
        assertThat(percents(mapping("a", 100), mapping("b", null))).containsExactly(100, 0);
        assertThat(RouteShares.of(List.of(mapping("a", 90), mapping("b", 20)))).isEqualTo(Optional.empty());
    }

    @Test
    void the_primary_is_the_largest_share_the_first_on_a_tie() {
        RouteShares split = RouteShares.of(List.of(mapping("a", 30), mapping("b", null))).orElseThrow();
        RouteShares even = RouteShares.of(List.of(mapping("a", null), mapping("b", null))).orElseThrow();

        assertThat(split.primary().mapping().name()).isEqualTo("b");
        assertThat(even.primary().mapping().name()).isEqualTo("a");
    }
}
