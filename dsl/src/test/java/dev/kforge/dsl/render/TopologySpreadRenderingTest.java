package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.NodeInclusionPolicy;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.TopologySpread;
import dev.kforge.dsl.workload.ZoneSpread;
import org.junit.jupiter.api.Test;

/** Spread constraints over any node label: after the zone spread, on the workload's own pods, as the zone spread counts them. */
class TopologySpreadRenderingTest {
    private static final ContainerDef WEB = ContainerDef.named("web").image(Image.of("example/web", "1.0.0"));

    @Test
    void renders_a_deployments_spreads_after_its_zone_spread_per_replica_set() {
        DeploymentDef web = DeploymentDef.named("web").running(WEB)
                .withTopologySpread(TopologySpread.requiredOver("topology.kubernetes.io/region").withMinDomains(2)
                        .withNodeAffinityPolicy(NodeInclusionPolicy.IGNORE).withNodeTaintsPolicy(NodeInclusionPolicy.HONOR))
                .withTopologySpread(TopologySpread.preferredOver("example.com/rack").withMaxSkew(2));
        assertThat(file(render(web), "50-deployment-web.yaml")).contains("""
                      topologySpreadConstraints:
                      - labelSelector:
                          matchLabels:
                            app.kubernetes.io/instance: demo-test
                            app.kubernetes.io/name: web
                        matchLabelKeys:
                        - pod-template-hash
                        maxSkew: 1
                        topologyKey: topology.kubernetes.io/zone
                        whenUnsatisfiable: ScheduleAnyway
                      - labelSelector:
                          matchLabels:
                            app.kubernetes.io/instance: demo-test
                            app.kubernetes.io/name: web
                        matchLabelKeys:
                        - pod-template-hash
                        maxSkew: 1
                        minDomains: 2
                        nodeAffinityPolicy: Ignore
                        nodeTaintsPolicy: Honor
                        topologyKey: topology.kubernetes.io/region
                        whenUnsatisfiable: DoNotSchedule
                      - labelSelector:
                          matchLabels:
                            app.kubernetes.io/instance: demo-test
                            app.kubernetes.io/name: web
                        matchLabelKeys:
                        - pod-template-hash
                        maxSkew: 2
                        topologyKey: example.com/rack
                        whenUnsatisfiable: ScheduleAnyway
                """);
    }

    @Test
    void renders_a_statefulsets_spread_alone_without_match_label_keys() {
        StatefulSetDef db = StatefulSetDef.named("db").running(WEB).withZoneSpread(ZoneSpread.NONE)
                .withTopologySpread(TopologySpread.requiredOver("example.com/rack"));
        assertThat(file(render(db), "50-statefulset-db.yaml")).contains("""
                      topologySpreadConstraints:
                      - labelSelector:
                          matchLabels:
                            app.kubernetes.io/instance: demo-test
                            app.kubernetes.io/name: db
                        maxSkew: 1
                        topologyKey: example.com/rack
                        whenUnsatisfiable: DoNotSchedule
                  updateStrategy:
                """);
    }
}
