package dev.kforge.dsl.check;

import static dev.kforge.dsl.testing.Rendering.demoStack;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.EnvFromSource;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.Port;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An env value naming a Service's host with a port ({@code redis:6380}, a URL) must name a port the Service has. */
class ServicePortClientCheckTest {
    private static final Port REDIS = Port.tcp("redis", 6379);
    private static final Port HTTP = Port.tcp("http", 8080);

    private final DeploymentDef cache = DeploymentDef.named("redis").running(ContainerDef.named("redis")
            .image(Image.of("redis", "7.2.5")).withPort(REDIS)).withSecurity(PodSecurity.RESTRICTED.withUser(999));
    private final ServiceDef redis = ServiceDef.named("redis").selecting(cache).withPort(ServicePort.to(REDIS));

    private static DeploymentDef client(ContainerDef container) {
        return DeploymentDef.named("inventory").running(container);
    }

    private static ContainerDef app() {
        return ContainerDef.named("inventory").image(Image.of("example/inventory", "1.4.2")).withPort(HTTP);
    }

    private static List<String> problems(KubeObject<?>... objects) {
        Problems problems = new Problems();
        Checks.run(List.of(demoStack(objects).withPolicy(noPolicy())), problems);
        return problems.all().stream().map(p -> p.severity() + " " + p.format().replaceAll(" \\[at .*]$", "")).toList();
    }

    @Test
    void warns_of_an_env_value_naming_a_port_the_service_lacks() {
        DeploymentDef inventory = client(app().withEnv(Env.value("REDIS_ADDR", redis.host() + ":6380")));
        assertThat(problems(cache, redis, inventory)).containsExactly(
                "WARNING test/Deployment inventory: env REDIS_ADDR of container inventory names port 6380 of Service redis, which has no "
                        + "such port, so its connections fail (redis:6380; ports of Service redis: 6379/TCP). "
                        + "Name one of its ports, redis.address(<ServicePort>), or add a ServicePort of 6380 to Service redis.");
        // The Service's own port passes, as does a value naming no port (a URL's scheme gives it).
        assertThat(problems(cache, redis, client(app().withEnv(Env.value("REDIS_ADDR", redis.host() + ":6379"))))).isEmpty();
        assertThat(problems(cache, redis, client(app().withEnv(Env.value("REDIS_ADDR", redis.address(redis.ports().get(0))))))).isEmpty();
        assertThat(problems(cache, redis, client(app().withEnv(Env.value("REDIS_URL", "redis://" + redis.host() + "/0"))))).isEmpty();
    }

    @Test
    void reads_the_variables_the_kubelet_expands_inside_env_values_and_args() {
        // The kubelet expands $(NAME) anywhere in a literal env value, from the variables set before it, and in command and args.
        DeploymentDef inventory = client(app().withEnv(Env.value("REDIS_HOST", "redis"), Env.value("REDIS_URL", "redis://$(REDIS_HOST):6380/0"))
                .withArgs("--cache=redis://$(REDIS_HOST):6381/0"));
        assertThat(problems(cache, redis, inventory)).containsExactly(
                "WARNING test/Deployment inventory: env REDIS_URL of container inventory names port 6380 of Service redis, which has no "
                        + "such port, so its connections fail (redis://$(REDIS_HOST):6380/0 with REDIS_HOST=redis; ports of Service redis: "
                        + "6379/TCP). Name one of its ports, redis.address(<ServicePort>), or add a ServicePort of 6380 to Service redis.",
                "WARNING test/Deployment inventory: args of container inventory names port 6381 of Service redis, which has no "
                        + "such port, so its connections fail (--cache=redis://$(REDIS_HOST):6381/0 with REDIS_HOST=redis; ports of Service "
                        + "redis: 6379/TCP). Name one of its ports, redis.address(<ServicePort>), or add a ServicePort of 6381 to Service redis.");
        // $$(NAME) is the text itself, and a variable set after the value is not expanded in it (variable-reference reports that).
        assertThat(problems(cache, redis, client(app().withEnv(Env.value("REDIS_HOST", "redis"), Env.value("TEMPLATE", "redis://$$(REDIS_HOST):6380/0")))))
                .isEmpty();
        assertThat(problems(cache, redis, client(app().withEnv(Env.value("REDIS_URL", "redis://$(REDIS_HOST):6380/0"), Env.value("REDIS_HOST", "redis")))))
                .noneMatch(problem -> problem.contains("names port"));
    }

    @Test
    void hides_the_password_of_a_url_user_in_the_warning() {
        // The warning goes to terminals and CI logs: the value is shown without its password.
        assertThat(problems(cache, redis, client(app().withEnv(Env.value("CACHE_URL", "redis://:hunter2@redis:6380/0"))))).singleElement()
                .asString().contains("(redis://:<redacted>@redis:6380/0; ports of Service redis: 6379/TCP)").doesNotContain("hunter2");
    }

    @Test
    void reads_urls_namespaced_names_and_config_map_values() {
        ConfigMapDef config = ConfigMapDef.named("inventory-config")
                .withProperty("CACHE_URL", "redis://redis.demo-test.svc.cluster.local:6380/0");
        DeploymentDef inventory = client(app().withEnvFrom(EnvFromSource.configMap(config)));
        assertThat(problems(cache, redis, config, inventory)).singleElement().asString()
                .contains("env CACHE_URL of container inventory (from ConfigMap inventory-config) names port 6380 of Service redis")
                .contains("(redis://redis.demo-test.svc.cluster.local:6380/0; ports of Service redis: 6379/TCP)");
        // DNS names are case-insensitive: REDIS and Redis.demo-test resolve to the Service too.
        assertThat(problems(cache, redis, client(app().withEnv(Env.value("REDIS_ADDR", "REDIS:6380"),
                Env.value("REDIS_URL", "redis://Redis.Demo-Test.svc:6381/0"))))).extracting(problem -> problem.substring(0, problem.indexOf(',')))
                .containsExactly("WARNING test/Deployment inventory: env REDIS_ADDR of container inventory names port 6380 of Service redis",
                        "WARNING test/Deployment inventory: env REDIS_URL of container inventory names port 6381 of Service redis");
        // Another host whose name starts with the Service's, or a port of another Service, is not this Service's.
        assertThat(problems(cache, redis, client(app().withEnv(Env.value("SENTINEL_ADDR", "redis-sentinel:26379"),
                Env.value("CACHE_ADDR", "rediscache:6380"))))).isEmpty();
    }

    @Test
    void an_image_reference_a_url_user_or_an_ipv6_address_names_no_port() {
        // An image's tag is no port (redis:7 alone stays ambiguous, as network-policy-client reads it), nor is a password of
        // digits before '@', nor a group of an IPv6 address whose hex letters spell the Service's name.
        assertThat(problems(cache, redis, client(app().withEnv(Env.value("REDIS_IMAGE", "redis:7.2.5"),
                Env.value("SIDECAR_IMAGE", "redis:7-alpine"), Env.value("MIRROR_IMAGE", "registry.example.com/library/redis:7"),
                Env.value("CACHE_URL", "redis://redis:12345@redis:6379/0"), Env.value("SCRATCH", "my_redis:6380"))))).isEmpty();
        ServiceDef cafe = ServiceDef.named("cafe").selecting(cache).withPort(ServicePort.to(REDIS));
        assertThat(problems(cache, cafe, client(app().withEnv(Env.value("PEER", "[2001:db8:cafe:1::1]:6379"),
                Env.value("GATEWAY", "cafe:1::1"))))).isEmpty();
        // A URL, and each host:port of a list, is still read.
        assertThat(problems(cache, redis, client(app().withEnv(Env.value("CACHE_URL", "redis://redis:6380/0"),
                Env.value("CACHE_NODES", "redis:6379,redis:6381"))))).containsExactly(
                "WARNING test/Deployment inventory: env CACHE_URL of container inventory names port 6380 of Service redis, which has no "
                        + "such port, so its connections fail (redis://redis:6380/0; ports of Service redis: 6379/TCP). "
                        + "Name one of its ports, redis.address(<ServicePort>), or add a ServicePort of 6380 to Service redis.",
                "WARNING test/Deployment inventory: env CACHE_NODES of container inventory names port 6381 of Service redis, which has no "
                        + "such port, so its connections fail (redis:6379,redis:6381; ports of Service redis: 6379/TCP). "
                        + "Name one of its ports, redis.address(<ServicePort>), or add a ServicePort of 6381 to Service redis.");
    }

    @Test
    void holds_a_headless_service_to_the_ports_its_pods_declare() {
        // A headless Service's name resolves to its pods' addresses: a connection reaches whatever port it names on them.
        ContainerDef exporter = ContainerDef.named("exporter").image(Image.of("oliver006/redis_exporter", "1.62.0"))
                .withPort(Port.tcp("metrics", 9121));
        DeploymentDef cacheWithExporter = cache.withSidecar(exporter);
        ServiceDef headless = ServiceDef.named("redis").selecting(cacheWithExporter).withType(ServiceType.HEADLESS).withPort(ServicePort.to(REDIS));
        assertThat(problems(cacheWithExporter, headless, client(app().withEnv(Env.value("REDIS_ADDR", "redis:6380"))))).containsExactly(
                "WARNING test/Deployment inventory: env REDIS_ADDR of container inventory names port 6380 of headless Service redis, "
                        + "whose pods (Deployment redis) declare no such port, so its connections fail (redis:6380; ports of Deployment redis: "
                        + "6379/TCP, 9121/TCP). Name one of their ports, redis.address(<ServicePort>), or declare port 6380 on a container "
                        + "of Deployment redis (withPort).");
        // A port a container of the pods declares passes, whether the Service names it or not.
        assertThat(problems(cacheWithExporter, headless, client(app().withEnv(Env.value("REDIS_ADDR", "redis:6379"),
                Env.value("METRICS_URL", "http://redis:9121/metrics"))))).isEmpty();
    }

    @Test
    void leaves_out_an_external_name_and_a_headless_service_of_no_pods_of_the_stack() {
        // An ExternalName's name resolves to a host elsewhere; the ports of pods defined elsewhere are not all known.
        ServiceDef external = ServiceDef.named("orders-db").externalName("db.example.net");
        assertThat(problems(cache, external, client(app().withEnv(Env.value("DB_ADDR", "orders-db:5433"))))).isEmpty();
        ServiceDef selector = ServiceDef.named("redis")
                .selecting(PodSelection.ExternalPods.labelled(Labels.of(Map.of("app", "redis")), REDIS))
                .withType(ServiceType.HEADLESS).withPort(ServicePort.to(REDIS));
        assertThat(problems(cache, selector, client(app().withEnv(Env.value("REDIS_ADDR", "redis:6380"))))).isEmpty();
    }
    @Test
    void reads_the_ports_a_containers_command_and_args_name_init_containers_included() {
        ContainerDef waitCache = ContainerDef.named("wait-cache").image(Image.of("example/toolbox", "1.0.0"))
                .withCommand("sh", "-c").withArgs("until nc -z redis 6380; do sleep 1; done");
        DeploymentDef inventory = client(app().withArgs("--cache", "redis://redis:6381/0")).withInitContainer(waitCache);
        assertThat(problems(cache, redis, inventory)).containsExactly(
                "WARNING test/Deployment inventory: args of init container wait-cache names port 6380 of Service redis, which has no "
                        + "such port, so its connections fail (nc -z redis 6380; ports of Service redis: 6379/TCP). "
                        + "Name one of its ports, redis.address(<ServicePort>), or add a ServicePort of 6380 to Service redis.",
                "WARNING test/Deployment inventory: args of container inventory names port 6381 of Service redis, which has no "
                        + "such port, so its connections fail (redis://redis:6381/0; ports of Service redis: 6379/TCP). "
                        + "Name one of its ports, redis.address(<ServicePort>), or add a ServicePort of 6381 to Service redis.");
        assertThat(problems(cache, redis, client(app().withCommand("redis-cli", "-h", "redis", "-p", "6380", "ping"))))
                .singleElement().asString().contains("command of container inventory names port 6380 of Service redis")
                .contains("(redis-cli -h redis -p 6380 ping; ports of Service redis: 6379/TCP)");
        // Long options and an attached value, and ncat's options taking a value
        assertThat(problems(cache, redis, client(app().withCommand("sh", "-c", "psql --host=redis --port=6380 -c 'select 1'; redis-cli -hredis "
                + "-p6381; ncat --wait 2 -p 4000 redis 6382 </dev/null")))).extracting(problem -> problem.substring(problem.indexOf("fail (")))
                .containsExactly("fail (psql --host=redis --port=6380 -c select 1; ports of Service redis: 6379/TCP). "
                                + "Name one of its ports, redis.address(<ServicePort>), or add a ServicePort of 6380 to Service redis.",
                        "fail (redis-cli -hredis -p6381; ports of Service redis: 6379/TCP). "
                                + "Name one of its ports, redis.address(<ServicePort>), or add a ServicePort of 6381 to Service redis.",
                        "fail (ncat --wait 2 -p 4000 redis 6382; ports of Service redis: 6379/TCP). "
                                + "Name one of its ports, redis.address(<ServicePort>), or add a ServicePort of 6382 to Service redis.");
    }

    @Test
    void reads_a_clients_host_given_as_a_variable_from_the_containers_env() {
        assertThat(problems(cache, redis, client(app().withEnv(Env.value("CACHE", "redis")).withCommand("sh", "-c", "redis-cli -h ${CACHE} -p 6380 ping"))))
                .singleElement().asString().contains("command of container inventory names port 6380 of Service redis")
                .contains("(redis-cli -h ${CACHE} -p 6380 ping with CACHE=redis; ports of Service redis: 6379/TCP)");
    }

    @Test
    void reads_a_scripts_variables_in_urls_host_and_port_pairs_and_ncs_host_and_port() {
        ContainerDef env = app().withEnv(Env.value("CACHE_HOST", "redis"), Env.value("CACHE_PORT", "6380"));
        for (String script : List.of("curl -fsS http://$CACHE_HOST:6380/health", "until nc -z $CACHE_HOST $CACHE_PORT; do sleep 1; done",
                "redis-cli -u \"redis://$CACHE_HOST:$CACHE_PORT/0\" ping")) {
            assertThat(problems(cache, redis, client(env.withCommand("sh", "-c", script)))).as(script).singleElement().asString()
                    .contains("command of container inventory names port 6380 of Service redis");
        }
        assertThat(problems(cache, redis, client(env.withCommand("sh", "-c", "wget -qO- http://${CACHE_HOST}:${CACHE_PORT}/")))).containsExactly(
                "WARNING test/Deployment inventory: command of container inventory names port 6380 of Service redis, which has no such port, "
                        + "so its connections fail (http://${CACHE_HOST}:${CACHE_PORT}/ with CACHE_HOST=redis, CACHE_PORT=6380; ports of Service "
                        + "redis: 6379/TCP). Name one of its ports, redis.address(<ServicePort>), or add a ServicePort of 6380 to Service redis.");
        assertThat(problems(cache, redis, client(env.withCommand("sh", "-c", "nc -z $CACHE_HOST $CACHE_PORT")))).singleElement().asString()
                .contains("(nc -z $CACHE_HOST $CACHE_PORT with CACHE_HOST=redis, CACHE_PORT=6380; ports of Service redis: 6379/TCP)");
    }

    @Test
    void a_scripts_variable_of_no_known_value_or_in_single_quotes_names_no_port() {
        // A Secret's value and an undefined variable are not known here, as a host read from a file is not; the shell expands
        // neither '$CACHE_HOST' nor '$REDIS' in single quotes: the program gets the text itself
        ContainerDef bySecret = app().withEnv(Env.from("CACHE_HOST", SecretDef.opaque("cache-address", "host").key("host")),
                Env.from("CACHE_PORT", SecretDef.opaque("cache-address", "port").key("port")));
        ContainerDef literal = app().withEnv(Env.value("CACHE_HOST", "redis"), Env.value("CACHE_PORT", "6380"));
        for (ContainerDef container : List.of(bySecret.withCommand("sh", "-c", "curl http://$CACHE_HOST:6380/ && nc -z redis $CACHE_PORT"),
                bySecret.withCommand("sh", "-c", "nc -z $CACHE_HOST 6380; redis-cli -h ${CACHE_HOST} -p 6380 ping"),
                literal.withCommand("sh", "-c", "curl http://$REDIS:6380/ http://${REDIS}:6380/ http://$(hostname):6380/"),
                literal.withCommand("sh", "-c", "curl 'http://$CACHE_HOST:6380/'; nc -z '$CACHE_HOST' 6380; nc -z redis '$CACHE_PORT'"))) {
            assertThat(problems(cache, redis, client(container))).as(container.command().toString())
                    .noneMatch(problem -> problem.contains("of Service redis"));
        }
    }

    @Test
    void a_command_naming_no_port_of_the_service_passes() {
        // The Service's own port; a host with no port; a port with no host; an image reference; a listening nc; mysql's -p password
        ContainerDef waitCache = ContainerDef.named("wait-cache").image(Image.of("example/toolbox", "1.0.0"))
                .withCommand("sh", "-c", "until nc -z redis 6379 && redis-cli -h redis ping; do sleep 1; done; nc -l -p 6380");
        assertThat(problems(cache, redis, client(app().withArgs("--port=6380", "--mirror=redis:7.2.5", "-p", "6380",
                "--sidecar-image", "registry.example.com/library/redis:7", "--proxy", "[2001:db8::1]:6380")).withInitContainer(waitCache))).isEmpty();
        assertThat(problems(cache, redis, client(app().withCommand("mysqladmin", "ping", "-h", "redis", "-p", "6380")))).isEmpty();
    }
}
