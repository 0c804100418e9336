package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.testing.Rendering;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.NodeSpread;
import dev.kforge.dsl.workload.PodAffinity;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.Toleration;
import dev.kforge.dsl.workload.Topology;
import dev.kforge.dsl.workload.UtilizationTarget;
import dev.kforge.dsl.workload.ZoneSpread;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pods near or apart from another workload's pods: rendered as pod (anti-)affinity on its selector, and checked for what never schedules. */
class PodAffinityTest {
    private static final ContainerDef WEB = ContainerDef.named("web").image(Image.of("example/web", "1.0.0"));
    private static final DeploymentDef CACHE = DeploymentDef.named("cache").running(ContainerDef.named("redis").image(Image.of("redis", "7.4.1")))
            .withReplicas(2).withSecurity(PodSecurity.RESTRICTED.withUser(999));
    private static final DaemonSetDef AGENT = DaemonSetDef.named("agent").running(ContainerDef.named("agent").image(Image.of("example/agent", "1.0.0")));

    private static List<String> problems(KubeObject<?>... objects) {
        return Rendering.reportOf(noPolicy(), objects);
    }

    @Test
    void renders_each_affinity_on_the_other_workloads_pods_after_the_spread_of_its_own() {
        DeploymentDef web = DeploymentDef.named("web").running(WEB).withPodAffinity(PodAffinity.near(CACHE, Topology.NODE))
                .withPodAffinity(PodAffinity.apartFrom(AGENT, Topology.ZONE).preferred(30));

        assertThat(file(render(web, CACHE.withComponent("cache"), AGENT), "50-deployment-web.yaml")).contains("""
                      affinity:
                        podAffinity:
                          requiredDuringSchedulingIgnoredDuringExecution:
                          - labelSelector:
                              matchLabels:
                                app.kubernetes.io/component: cache
                                app.kubernetes.io/instance: demo-test
                                app.kubernetes.io/name: cache
                            topologyKey: kubernetes.io/hostname
                        podAntiAffinity:
                          preferredDuringSchedulingIgnoredDuringExecution:
                          - podAffinityTerm:
                              labelSelector:
                                matchLabels:
                                  app.kubernetes.io/instance: demo-test
                                  app.kubernetes.io/name: web
                              topologyKey: kubernetes.io/hostname
                            weight: 100
                          - podAffinityTerm:
                              labelSelector:
                                matchLabels:
                                  app.kubernetes.io/instance: demo-test
                                  app.kubernetes.io/name: agent
                              topologyKey: topology.kubernetes.io/zone
                            weight: 30
                """);
        // Without the spread, a required anti-affinity stands alone; a Job's pods take affinities too.
        assertThat(file(render(CACHE, DeploymentDef.named("web").running(WEB).withNodeSpread(NodeSpread.NONE)
                .withPodAffinity(PodAffinity.apartFrom(CACHE, Topology.NODE))), "50-deployment-web.yaml")).contains("""
                        podAntiAffinity:
                          requiredDuringSchedulingIgnoredDuringExecution:
                          - labelSelector:
                              matchLabels:
                                app.kubernetes.io/instance: demo-test
                                app.kubernetes.io/name: cache
                            topologyKey: kubernetes.io/hostname
                """).doesNotContain("podAffinity:", "preferredDuringScheduling");
        assertThat(file(render(CACHE, CronJobDef.named("report").onSchedule("@daily").running(WEB)
                .withPodAffinity(PodAffinity.near(CACHE, Topology.ZONE).preferred(80))), "51-cronjob-report.yaml"))
                .contains("            podAffinity:\n              preferredDuringSchedulingIgnoredDuringExecution:\n");
    }

    @Test
    void refuses_affinities_about_its_own_pods_given_twice_or_contradicting_each_other() {
        DeploymentDef web = DeploymentDef.named("web").running(WEB);
        assertThatThrownBy(() -> web.withPodAffinity(PodAffinity.apartFrom(web, Topology.NODE)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment web: pod affinity \"apart from the pods of Deployment web (other node, required)\" is "
                        + "about its own pods. Spread its own pods with withNodeSpread or withZoneSpread (Deployments and StatefulSets); a "
                        + "DaemonSet runs one per node anyway.");
        DeploymentDef near = web.withPodAffinity(PodAffinity.near(CACHE, Topology.NODE));
        assertThatThrownBy(() -> near.withPodAffinity(PodAffinity.near(CACHE, Topology.NODE).preferred(10)))
                .hasMessage("Deployment web: pod affinity \"near the pods of Deployment cache (same node, preferred, weight 10)\" "
                        + "is given twice (also near the pods of Deployment cache (same node, required)). Keep one of them.");
        assertThatThrownBy(() -> near.withPodAffinity(PodAffinity.apartFrom(CACHE, Topology.NODE)))
                .hasMessage("Deployment web: pod affinity \"apart from the pods of Deployment cache (other node, required)\" "
                        + "contradicts near the pods of Deployment cache (same node, required): no node is both, so the pods never start. "
                        + "Keep one of them.");
        // Near one zone but off the nodes: both hold at once.
        assertThat(web.withPodAffinity(PodAffinity.near(CACHE, Topology.ZONE)).withPodAffinity(PodAffinity.apartFrom(CACHE, Topology.NODE)
                .preferred(20)).pod().podAffinities()).hasSize(2);
        // Near a node and preferably apart by zone: the preference is never met.
        assertThatThrownBy(() -> near.withPodAffinity(PodAffinity.apartFrom(CACHE, Topology.ZONE).preferred(20)))
                .hasMessageContaining("contradicts near the pods of Deployment cache (same node, required): no node is both, so the preference "
                        + "is never met.");
        assertThatThrownBy(() -> PodAffinity.near(CACHE, Topology.NODE).preferred(0))
                .hasMessage("Pod affinity: weight 0 is invalid: must be 1 to 100. For example preferred(50).");
        assertThatThrownBy(() -> PodAffinity.near(null, Topology.NODE)).hasMessageStartingWith("Pod affinity: workload null is invalid");
        assertThatThrownBy(() -> web.withPodAffinity(null)).hasMessage("Deployment web: pod affinity is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
    }

    @Test
    void a_required_affinity_on_pods_that_are_not_there_all_the_time_is_an_error_a_preference_a_warning() {
        DeploymentDef web = DeploymentDef.named("web").running(WEB).withPodAffinity(PodAffinity.near(CACHE, Topology.NODE));
        assertThat(problems(web)).containsExactly("ERROR prod/Deployment web: runs its pods near the pods of Deployment cache (same node, "
                + "required), which is not in the stack: no such pod ever runs here, so its pods stay Pending (Deployment cache). Add "
                + "Deployment cache to the stack (stack.with(...)), or drop the affinity.");
        assertThat(problems(DeploymentDef.named("web").running(WEB).withPodAffinity(PodAffinity.near(CACHE, Topology.NODE).preferred(50))))
                .singleElement().asString().startsWith("WARNING prod/Deployment web: runs its pods near the pods of Deployment cache (same "
                        + "node, preferred, weight 50), which is not in the stack: the affinity has no effect");

        CronJobDef report = CronJobDef.named("report").onSchedule("@daily").running(WEB);
        DeploymentDef follower = DeploymentDef.named("web").running(WEB).withPodAffinity(PodAffinity.near(report, Topology.ZONE));
        assertThat(problems(report, follower)).containsExactly("ERROR prod/Deployment web: runs its pods near the pods of CronJob report "
                + "(same zone, required), which exist only while a run lasts, so its pods stay Pending the rest of the time (CronJob report). "
                + "Keep it near a Deployment, StatefulSet or DaemonSet, or make it a preference: .preferred(weight).");
        assertThat(problems(CACHE, web, DeploymentDef.named("api").running(WEB).withPodAffinity(PodAffinity.apartFrom(CACHE, Topology.NODE))))
                .isEmpty();
    }

    @Test
    void pods_that_need_a_node_of_their_own_near_fewer_pods_or_apart_from_a_pod_on_every_node_cannot_all_start() {
        DeploymentDef web = DeploymentDef.named("web").running(WEB).withReplicas(3).withNodeSpread(NodeSpread.REQUIRED)
                .withPodAffinity(PodAffinity.near(CACHE, Topology.NODE));
        assertThat(problems(CACHE, web)).containsExactly("ERROR prod/Deployment web: runs 3 pods, each near the pods of Deployment "
                + "cache (same node, required) and on a node of its own (withNodeSpread(NodeSpread.REQUIRED)), but Deployment cache runs 2: "
                + "at most 2 of them can start, the others stay Pending (3 pods and 1 more during a rollout (maxUnavailable 25% of 3 is 0), "
                + "2 nodes). Give Deployment cache at least 4 replicas, each on a node of its own (withNodeSpread(NodeSpread.REQUIRED) on "
                + "it); or stop an old pod first (maxUnavailable above 0); or make its own spread preferred, or the affinity a preference "
                + "(.preferred(weight)).");
        // As many: a rolling update that starts its new pod first (maxUnavailable 25% of 3 is 0) finds no node for it.
        assertThat(problems(CACHE.withReplicas(3), web)).containsExactly("ERROR prod/Deployment web: runs 3 pods, each near the pods of "
                + "Deployment cache (same node, required) and on a node of its own (withNodeSpread(NodeSpread.REQUIRED)), but Deployment cache "
                + "runs 3: a rolling update starts a new pod before an old one stops, finds no node for it and never ends (3 pods and 1 "
                + "more during a rollout (maxUnavailable 25% of 3 is 0), 3 nodes). Give Deployment cache at least 4 replicas, each on a "
                + "node of its own (withNodeSpread(NodeSpread.REQUIRED) on it); or stop an old pod first (maxUnavailable above 0); or make "
                + "its own spread preferred, or the affinity a preference (.preferred(weight)).");
        assertThat(problems(CACHE.withReplicas(4), web)).isEmpty();
        assertThat(problems(AGENT, CACHE, web.withPodAffinity(PodAffinity.near(AGENT, Topology.NODE)).withPodAffinity(PodAffinity.near(CACHE,
                Topology.ZONE)).withReplicas(2).withStrategy(DeploymentStrategy.rollingUpdate(IntOrPercent.count(0), IntOrPercent.count(1)))))
                .isEmpty();
        StatefulSetDef zoned = StatefulSetDef.named("db").running(WEB).withReplicas(3).withZoneSpread(ZoneSpread.REQUIRED)
                .withPodAffinity(PodAffinity.near(CACHE, Topology.ZONE));
        assertThat(problems(CACHE, zoned)).noneMatch(line -> line.contains("pods, each near")); // the cluster's zone count decides

        DeploymentDef away = DeploymentDef.named("web").running(WEB).withPodAffinity(PodAffinity.apartFrom(AGENT, Topology.NODE));
        assertThat(problems(AGENT, away)).containsExactly("ERROR prod/Deployment web: runs its pods apart from the pods of DaemonSet agent "
                + "(other node, required), which runs a pod on every node (no node selector or requirement), so no node is left and its pods "
                + "stay Pending (DaemonSet agent). Make it a preference (.preferred(weight)), or limit DaemonSet agent to some nodes "
                + "(withNodeSelector).");
        assertThat(problems(AGENT.withNodeSelector("gpu", "true"), away)).isEmpty();
    }

    @Test
    void two_workloads_waiting_for_each_other_or_wanting_near_and_apart_are_reported_once() {
        DeploymentDef web = DeploymentDef.named("web").running(WEB).withPodAffinity(PodAffinity.near(CACHE, Topology.NODE));
        DeploymentDef cache = CACHE.withPodAffinity(PodAffinity.near(web, Topology.NODE));
        assertThat(problems(web, cache)).containsExactly("ERROR prod/Deployment web: runs its pods only near the pods of Deployment cache, "
                + "and the workloads wait for each other in a circle (Deployment web -> Deployment cache -> Deployment web): each needs a pod "
                + "of the next to be running, so none ever starts (required pod affinities). Drop the affinity of the workload that should "
                + "start first, or make it a preference (.preferred(weight)).");
        // Whatever the topologies, and however long the circle.
        assertThat(problems(web, CACHE.withPodAffinity(PodAffinity.near(web, Topology.ZONE)))).singleElement().asString()
                .contains("in a circle (Deployment web -> Deployment cache -> Deployment web)");
        DeploymentDef api = DeploymentDef.named("api").running(WEB).withPodAffinity(PodAffinity.near(web, Topology.ZONE));
        assertThat(problems(web, CACHE.withPodAffinity(PodAffinity.near(api, Topology.NODE)), api)).singleElement().asString()
                .contains("in a circle (Deployment web -> Deployment cache -> Deployment api -> Deployment web)");
        assertThat(problems(web, CACHE.withPodAffinity(PodAffinity.apartFrom(web, Topology.NODE)))).singleElement().asString()
                .contains("while Deployment cache runs its own apart from the pods of Deployment web (other node, required): no node suits "
                        + "both (the scheduler keeps a required distance both ways), so the pods of one of them stay Pending");
        // Near on a node and apart by zone: the node is in the zone, so both ways; near by zone and apart by node is fine.
        assertThat(problems(web, CACHE.withPodAffinity(PodAffinity.apartFrom(web, Topology.ZONE)))).singleElement().asString()
                .contains("no node suits both");
        DeploymentDef zoned = DeploymentDef.named("web").running(WEB).withPodAffinity(PodAffinity.near(CACHE, Topology.ZONE));
        assertThat(problems(zoned, CACHE.withPodAffinity(PodAffinity.apartFrom(zoned, Topology.NODE)))).isEmpty();
        assertThatThrownBy(() -> web.withPodAffinity(PodAffinity.apartFrom(CACHE, Topology.ZONE)))
                .hasMessageContaining("contradicts near the pods of Deployment cache (same node, required): no node is both");
        assertThat(problems(web, CACHE.withPodAffinity(PodAffinity.near(web, Topology.NODE).preferred(40)))).isEmpty();
    }

    @Test
    void what_the_scheduler_meets_only_sometimes_or_never_for_daemon_sets_autoscalers_and_zones() {
        DeploymentDef web = DeploymentDef.named("web").running(WEB);
        // Nothing to be near: no replicas.
        assertThat(problems(CACHE.withReplicas(0), web.withPodAffinity(PodAffinity.near(CACHE, Topology.NODE)))).containsExactly(
                "ERROR prod/Deployment web: runs its pods near the pods of Deployment cache (same node, required), which runs no pod, so its "
                        + "pods stay Pending (replicas: 0). Give Deployment cache replicas, or make the affinity a preference: .preferred(weight).");
        // A DaemonSet's pods go to every node: those that find no cache there wait.
        assertThat(problems(CACHE, AGENT.withPodAffinity(PodAffinity.near(CACHE, Topology.NODE)))).containsExactly("ERROR prod/DaemonSet "
                + "agent: runs its pods near the pods of Deployment cache (same node, required), but a DaemonSet puts a pod on every node it may "
                + "run on whatever the affinity says: those on nodes without a pod of Deployment cache stay Pending, and its rollouts never "
                + "finish (Deployment cache). Make it a preference (.preferred(weight)), or choose the DaemonSet's nodes with withNodeSelector "
                + "or withNodeRequirement.");
        assertThat(problems(CACHE, AGENT.withPodAffinity(PodAffinity.near(CACHE, Topology.NODE).preferred(50)))).isEmpty();
        // ...once, even when the other waits for the DaemonSet in turn.
        assertThat(problems(AGENT.withPodAffinity(PodAffinity.near(CACHE, Topology.NODE)), CACHE.withPodAffinity(PodAffinity.near(AGENT,
                Topology.NODE)))).hasSize(1);
        // Autoscaled: an error past the other's most pods, a warning past its fewest.
        DeploymentDef spread = web.withNodeSpread(NodeSpread.REQUIRED).withPodAffinity(PodAffinity.near(CACHE, Topology.NODE))
                .withStrategy(DeploymentStrategy.recreate());
        HorizontalPodAutoscalerDef webScaler = HorizontalPodAutoscalerDef.named("web").scaling(spread).between(2, 5)
                .atUtilization(UtilizationTarget.cpu(70));
        HorizontalPodAutoscalerDef cacheScaler = HorizontalPodAutoscalerDef.named("cache").scaling(CACHE).between(2, 8)
                .atUtilization(UtilizationTarget.cpu(70));
        assertThat(problems(CACHE, cacheScaler, spread, webScaler)).filteredOn(line -> line.contains("pod-affinity") || line.contains("pods, each"))
                .containsExactly("WARNING prod/Deployment web: runs up to 5 pods, each near the pods of Deployment cache (same node, required) "
                        + "and on a node of its own (withNodeSpread(NodeSpread.REQUIRED)), but Deployment cache runs 2 to 8 "
                        + "(HorizontalPodAutoscaler cache): while it runs fewer, some of them stay Pending (5 pods, 2 to 8 nodes). Raise the "
                        + "minimum of HorizontalPodAutoscaler cache to 5 (between(5, 8)), each on a node of its own (withNodeSpread("
                        + "NodeSpread.REQUIRED) on it); or make its own spread preferred, or the affinity a preference (.preferred(weight)).");
        assertThat(problems(CACHE, spread, webScaler)).anyMatch(line -> line.startsWith("ERROR prod/Deployment web: runs up to 5 pods"));
        // A required zone spread beside one pod: one zone for all of them.
        assertThat(problems(CACHE.withReplicas(1), web.withReplicas(3).withZoneSpread(ZoneSpread.REQUIRED)
                .withPodAffinity(PodAffinity.near(CACHE, Topology.ZONE)))).anyMatch(line -> line.startsWith("WARNING prod/Deployment web: runs 3 "
                + "pods, each near the pods of Deployment cache (same zone, required), and spreads them evenly over zones "
                + "(withZoneSpread(ZoneSpread.REQUIRED)), but Deployment cache runs one pod: in a cluster of several zones only one of them can "
                + "start"));
        // Tolerating taints the agent does not leaves nodes free of it: only a warning.
        assertThat(problems(AGENT, web.withToleration(Toleration.exists("gpu")).withPodAffinity(PodAffinity.apartFrom(AGENT, Topology.NODE))))
                .singleElement().asString().startsWith("WARNING prod/Deployment web: runs its pods apart from the pods of DaemonSet agent (other "
                        + "node, required), which runs a pod on every node (no node selector or requirement), so only nodes whose taints it "
                        + "tolerates and DaemonSet agent does not are left");
        // An affinity to its own pods, copied in with a template, is not taken for two workloads waiting for each other.
        DeploymentDef other = DeploymentDef.named("api").running(WEB).withPodAffinity(PodAffinity.near(web, Topology.ZONE));
        assertThat(problems(web.withPod(other.pod()))).isEmpty();
    }

    @Test
    void one_spare_node_is_enough_for_a_rollout_and_daemon_sets_on_the_same_nodes_may_be_near_each_other() {
        // maxSurge 2 with maxUnavailable 0 (20% of 4): the first new pod takes the spare node; when it is ready an old one stops.
        DeploymentDef web = DeploymentDef.named("web").running(WEB).withReplicas(4).withNodeSpread(NodeSpread.REQUIRED)
                .withPodAffinity(PodAffinity.near(CACHE, Topology.NODE))
                .withStrategy(DeploymentStrategy.rollingUpdate(IntOrPercent.percent(50), IntOrPercent.percent(20)));
        assertThat(problems(CACHE.withReplicas(5), web)).isEmpty();
        DaemonSetDef driver = DaemonSetDef.named("driver").running(ContainerDef.named("driver").image(Image.of("example/driver", "1.0.0")))
                .withNodeSelector("gpu", "true");
        DaemonSetDef exporter = DaemonSetDef.named("exporter").running(ContainerDef.named("exporter").image(Image.of("example/exporter", "1.0.0")))
                .withNodeSelector("gpu", "true").withPodAffinity(PodAffinity.near(driver, Topology.NODE));
        assertThat(problems(driver, exporter)).isEmpty();
        // ...not when the exporter may go where the driver does not (tolerating a taint it does not).
        assertThat(problems(driver, exporter.withToleration(Toleration.exists("dedicated")))).singleElement().asString()
                .startsWith("ERROR prod/DaemonSet exporter: runs its pods near the pods of DaemonSet driver (same node, required), but a "
                        + "DaemonSet puts a pod on every node it may run on whatever the affinity says");
        // A zone term on a DaemonSet: apart is certain to leave pods Pending, near only where a zone has none.
        assertThat(problems(CACHE, AGENT.withPodAffinity(PodAffinity.apartFrom(CACHE, Topology.ZONE)))).singleElement().asString()
                .startsWith("ERROR prod/DaemonSet agent");
        assertThat(problems(CACHE, AGENT.withPodAffinity(PodAffinity.near(CACHE, Topology.ZONE)))).singleElement().asString()
                .startsWith("WARNING prod/DaemonSet agent");
        // Node selectors that no node satisfies together.
        assertThat(problems(CACHE.withNodeSelector("pool", "b"), DeploymentDef.named("web").running(WEB).withNodeSelector("pool", "a")
                .withPodAffinity(PodAffinity.near(CACHE, Topology.NODE)))).singleElement().asString()
                .isEqualTo("ERROR prod/Deployment web: runs its pods near the pods of Deployment cache (same node, required), but its node "
                        + "selector and that of Deployment cache want different nodes: no node is both (pool=a, pool=b). Give both the same "
                        + "node selector, or make the affinity a preference (.preferred(weight)).");
    }

    @Test
    void a_pair_is_reported_once_and_long_chains_are_searched_in_linear_time() {
        DeploymentDef web = DeploymentDef.named("web").running(WEB).withPodAffinity(PodAffinity.near(CACHE, Topology.NODE))
                .withPodAffinity(PodAffinity.near(CACHE, Topology.ZONE));
        assertThat(problems(web, CACHE.withPodAffinity(PodAffinity.apartFrom(web, Topology.ZONE)))).hasSize(1);
        // Each workload near the two before it: no circle, and no exponential search.
        List<KubeObject<?>> chain = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            DeploymentDef next = DeploymentDef.named("w" + i).running(WEB);
            if (i > 0) {
                next = next.withPodAffinity(PodAffinity.near(DeploymentDef.named("w" + (i - 1)).running(WEB), Topology.ZONE));
            }
            if (i > 1) {
                next = next.withPodAffinity(PodAffinity.near(DeploymentDef.named("w" + (i - 2)).running(WEB), Topology.ZONE));
            }
            chain.add(next);
        }
        assertThat(problems(chain.toArray(KubeObject<?>[]::new))).isEmpty();
        chain.set(0, DeploymentDef.named("w0").running(WEB).withPodAffinity(PodAffinity.near(DeploymentDef.named("w299").running(WEB),
                Topology.ZONE)));
        assertThat(problems(chain.toArray(KubeObject<?>[]::new))).singleElement().asString()
                .startsWith("ERROR prod/Deployment w0: runs its pods only near the pods of Deployment w299, and the workloads wait for each "
                        + "other in a circle (Deployment w0 -> Deployment w299 -> Deployment w298 -> ... 147 more -> Deployment w2 -> "
                        + "Deployment w0): each needs a pod");
    }
}
