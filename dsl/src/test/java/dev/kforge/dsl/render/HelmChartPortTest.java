package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.testing.Rendering;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.FileMode;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.Volumes;
import org.junit.jupiter.api.Test;

/**
 * The default install of bitnami/redis (standalone: the master StatefulSet, its headless and client Services, its configuration
 * and start script, password Secret, account, disruption budget and "allow external" NetworkPolicy) written with the DSL, as a
 * team leaving Helm would: the strict policy finds nothing in it, and the objects that matter at run time match the chart's.
 */
class HelmChartPortTest {
    private static final Port REDIS = Port.tcp("redis", 6379);

    private final ConfigMapDef configuration = ConfigMapDef.named("redis-configuration")
            .withFile("redis.conf", "appendonly yes\nsave \"\"")
            .withFile("master.conf", "dir /data\nrename-command FLUSHDB \"\"\nrename-command FLUSHALL \"\"");
    // The chart's script passes the password on the command line by reference, which is no secret in git.
    private final ConfigMapDef scripts = ConfigMapDef.named("redis-scripts").withFile("start-master.sh", """
            #!/bin/bash
            [[ -f $REDIS_PASSWORD_FILE ]] && export REDIS_PASSWORD="$(< "${REDIS_PASSWORD_FILE}")"
            cp /opt/bitnami/redis/mounted-etc/*.conf /opt/bitnami/redis/etc/
            ARGS=("--port" "${REDIS_PORT}")
            ARGS+=("--requirepass" "${REDIS_PASSWORD}")
            ARGS+=("--masterauth" "${REDIS_PASSWORD}")
            ARGS+=("--include" "/opt/bitnami/redis/etc/redis.conf")
            ARGS+=("--include" "/opt/bitnami/redis/etc/master.conf")
            exec redis-server "${ARGS[@]}"
            """);
    private final SecretDef password = SecretDef.opaque("redis", "redis-password");
    private final ServiceAccountDef account = ServiceAccountDef.named("redis-master");
    private final StatefulSetDef master = StatefulSetDef.named("redis-master").running(ContainerDef.named("redis")
                    .image(Image.parse("docker.io/bitnami/redis:7.4.2-debian-12-r0"))
                    .withCommand("/bin/bash").withArgs("-ec", "/opt/bitnami/scripts/start-scripts/start-master.sh")
                    .withEnv(Env.value("REDIS_REPLICATION_MODE", "master"), Env.value("ALLOW_EMPTY_PASSWORD", "no"),
                            Env.value("REDIS_PASSWORD_FILE", "/opt/bitnami/redis/secrets/redis-password"), Env.value("REDIS_PORT", "6379"))
                    .withPort(REDIS)
                    .withLivenessProbe(ProbeDef.exec("/bin/bash", "-ec", "redis-cli -p $REDIS_PORT ping").withInitialDelaySeconds(20)
                            .withPeriodSeconds(5).withTimeoutSeconds(6).withFailureThreshold(5))
                    .withReadinessProbe(ProbeDef.tcpSocket(REDIS).withInitialDelaySeconds(20).withPeriodSeconds(5).withFailureThreshold(5))
                    .withResources(Resources.requests(Cpu.millis(100), Memory.mebibytes(128)).withCpuLimit(Cpu.millis(150))
                            .withMemoryLimit(Memory.mebibytes(192)))
                    .withMount(Volumes.configMap("start-scripts", scripts).withDefaultMode(FileMode.of("0755")), "/opt/bitnami/scripts/start-scripts")
                    .withMount(Volumes.secret("redis-password", password).withItem(password.key("redis-password"), "redis-password"),
                            "/opt/bitnami/redis/secrets/")
                    .withMount(Volumes.claim("redis-data", Memory.gibibytes(8)), "/data")
                    .withMount(Volumes.configMap("config", configuration), "/opt/bitnami/redis/mounted-etc")
                    .withMount(Volumes.emptyDir("app-conf-dir").withSizeLimit(Memory.mebibytes(16)), "/opt/bitnami/redis/etc/")
                    .withMount(Volumes.emptyDir("tmp-dir").withSizeLimit(Memory.mebibytes(64)), "/tmp"))
            .withComponent("master")
            .withServiceAccount(account)
            .withSecurity(PodSecurity.RESTRICTED.withUser(1001))
            .waive(PolicyCheck.MIN_REPLICAS, "standalone: one master");
    private final KubeObject<?>[] chart = {configuration, scripts, password, account, master,
            ServiceDef.named("redis-headless").selecting(master).withType(ServiceType.HEADLESS).withPort(ServicePort.to(REDIS).named("tcp-redis")),
            ServiceDef.named("redis-master").selecting(master).withPort(ServicePort.to(REDIS).named("tcp-redis")),
            PodDisruptionBudgetDef.named("redis-master").protecting(master).withMaxUnavailable(IntOrPercent.count(1)),
            NetworkPolicyDef.named("redis").isolating(master).allowingFrom(NetworkPeer.anyone(), REDIS)};

    @Test
    void the_strict_policy_finds_nothing_in_the_redis_chart_written_with_the_dsl() {
        assertThat(Rendering.reportOf(Policy.STRICT, chart)).isEmpty();
    }

    @Test
    void admits_anyone_on_the_redis_port_as_the_charts_allow_external_policy_does() {
        assertThat(file(render(chart), "45-networkpolicy-redis.yaml")).contains("""
                spec:
                  ingress:
                  - ports:
                    - port: 6379
                      protocol: TCP
                  podSelector:
                """);
        assertThat(file(render(chart), "50-statefulset-redis-master.yaml")).contains("""
                  serviceName: redis-headless
                """, """
                      - name: start-scripts
                        configMap:
                          name: redis-scripts
                          defaultMode: 493
                """, """
                      resources:
                        requests:
                          storage: 8Gi
                """);
    }
}
