package dev.kforge.dsl.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopologySpreadTest {
    private static final String REGION = "topology.kubernetes.io/region";
    private final ContainerDef web = ContainerDef.named("web").image(Image.of("example/web", "1.0.0"));
    private final DeploymentDef deployment = DeploymentDef.named("web").running(web);

    @Test
    void defaults_to_a_skew_of_one_and_the_api_servers_node_policies() {
        TopologySpread rack = TopologySpread.preferredOver("example.com/rack");
        assertThat(rack).isEqualTo(new TopologySpread("example.com/rack", false, 1, Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(rack.whenUnsatisfiable()).isEqualTo("ScheduleAnyway");
        TopologySpread region = TopologySpread.requiredOver(REGION).withMaxSkew(2).withMinDomains(3)
                .withNodeAffinityPolicy(NodeInclusionPolicy.IGNORE).withNodeTaintsPolicy(NodeInclusionPolicy.HONOR);
        assertThat(region).isEqualTo(new TopologySpread(REGION, true, 2, Optional.of(3), Optional.of(NodeInclusionPolicy.IGNORE),
                Optional.of(NodeInclusionPolicy.HONOR)));
        assertThat(region.whenUnsatisfiable()).isEqualTo("DoNotSchedule");
        assertThat(TopologySpread.requiredOver(Topology.NODE).topologyKey()).isEqualTo("kubernetes.io/hostname");
        assertThat(deployment.withTopologySpread(rack).withTopologySpread(region).topologySpreads()).containsExactly(rack, region);
    }

    @Test
    void refuses_a_topology_key_that_is_no_label_key() {
        assertThatThrownBy(() -> TopologySpread.preferredOver("rack zone"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("TopologySpread rack zone: topologyKey \"rack zone\" is invalid: must be an optional DNS-1123 subdomain prefix and "
                        + "'/', then a name of at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric. "
                        + "For example \"app.kubernetes.io/name\".");
        assertThatThrownBy(() -> TopologySpread.requiredOver((Topology) null))
                .hasMessage("TopologySpread: topology is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
    }

    @Test
    void refuses_a_skew_below_one_and_min_domains_the_api_server_refuses() {
        assertThatThrownBy(() -> TopologySpread.preferredOver(REGION).withMaxSkew(0))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("TopologySpread topology.kubernetes.io/region: maxSkew 0 is invalid: must be at least 1. Give the most pods one "
                        + "domain may have above the least-filled one, e.g. withMaxSkew(1).");
        assertThatThrownBy(() -> TopologySpread.requiredOver(REGION).withMinDomains(0))
                .hasMessage("TopologySpread topology.kubernetes.io/region: minDomains 0 is invalid: must be at least 1. Give how many domains "
                        + "the pods need, e.g. withMinDomains(3), or leave it unset.");
        assertThatThrownBy(() -> TopologySpread.preferredOver(REGION).withMinDomains(3))
                .hasMessage("TopologySpread topology.kubernetes.io/region: minDomains 3 needs whenUnsatisfiable DoNotSchedule, not "
                        + "ScheduleAnyway (the API server refuses it). Use TopologySpread.requiredOver(\"topology.kubernetes.io/region\"), "
                        + "or drop minDomains.");
        assertThatThrownBy(() -> TopologySpread.preferredOver(REGION).withNodeTaintsPolicy(null))
                .hasMessage("TopologySpread topology.kubernetes.io/region: nodeTaintsPolicy is missing (null). Pass a value, or drop the call to keep the default.");
    }

    @Test
    void refuses_two_spreads_of_one_key_and_when_unsatisfiable_as_the_api_server_does() {
        DeploymentDef byRegion = deployment.withTopologySpread(TopologySpread.requiredOver(REGION));
        assertThatThrownBy(() -> byRegion.withTopologySpread(TopologySpread.requiredOver(REGION).withMaxSkew(2)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment web: topology spread topology.kubernetes.io/region (DoNotSchedule) is given twice, and the API server "
                        + "refuses two spread constraints of one topologyKey and whenUnsatisfiable. Keep one of them.");
        assertThat(byRegion.withTopologySpread(TopologySpread.preferredOver(REGION).withMaxSkew(2)).topologySpreads()).hasSize(2);
        StatefulSetDef db = StatefulSetDef.named("db").running(web).withTopologySpread(TopologySpread.preferredOver("example.com/rack"));
        assertThatThrownBy(() -> db.withTopologySpread(TopologySpread.preferredOver("example.com/rack")))
                .hasMessageStartingWith("StatefulSet db: topology spread example.com/rack (ScheduleAnyway) is given twice");
    }

    @Test
    void refuses_a_spread_that_repeats_the_zone_spread() {
        assertThatThrownBy(() -> deployment.withTopologySpread(TopologySpread.preferredOver(Topology.ZONE).withMaxSkew(2)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment web: topology spread topology.kubernetes.io/zone (ScheduleAnyway) is also the zone spread's "
                        + "(withZoneSpread(ZoneSpread.PREFERRED)), and the API server refuses two spread constraints of one topologyKey and "
                        + "whenUnsatisfiable. Call withZoneSpread(ZoneSpread.NONE) before withTopologySpread to replace it.");
        assertThatThrownBy(() -> deployment.withZoneSpread(ZoneSpread.REQUIRED).withTopologySpread(TopologySpread.requiredOver(Topology.ZONE)))
                .hasMessageStartingWith("Deployment web: topology spread topology.kubernetes.io/zone (DoNotSchedule) is also the zone spread's "
                        + "(withZoneSpread(ZoneSpread.REQUIRED))");
        assertThat(deployment.withZoneSpread(ZoneSpread.NONE).withTopologySpread(TopologySpread.preferredOver(Topology.ZONE).withMaxSkew(2))
                .topologySpreads()).hasSize(1);
        assertThat(deployment.withTopologySpread(TopologySpread.requiredOver(Topology.ZONE).withMinDomains(3)).topologySpreads()).hasSize(1);
        assertThatThrownBy(() -> deployment.withTopologySpread(null))
                .hasMessage("Deployment web: topology spread is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
    }
}
