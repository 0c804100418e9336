package dev.kforge.dsl.check;

import static dev.kforge.dsl.testing.Rendering.demoStack;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.EnvFromSource;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.StatefulSetDef;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A workload whose env names a Service's host (its DB_HOST, a URL) connects to the Service's pods: the NetworkPolicies
 * isolating those pods must admit it, or every connection times out.
 */
class ServiceClientPathCheckTest {
    private static final Port HTTP = Port.tcp("http", 3000);
    private static final Port PG = Port.tcp("postgres", 5432);

    private final StatefulSetDef db = StatefulSetDef.named("forge-db").running(ContainerDef.named("postgres")
            .image(Image.of("postgres", "16.4")).withPort(PG)).withSecurity(PodSecurity.RESTRICTED.withUser(999));
    private final ServiceDef dbService = ServiceDef.named("forge-db").selecting(db).withType(ServiceType.HEADLESS).withPort(ServicePort.to(PG));
    private final DeploymentDef other = DeploymentDef.named("other").running(app("other"));

    private static ContainerDef app(String name) {
        return ContainerDef.named(name).image(Image.of("gitea/gitea", "1.22.3")).withPort(HTTP);
    }

    private static ContainerDef toolbox() {
        return ContainerDef.named("wait-db").image(Image.of("example/toolbox", "1.0.0"));
    }

    private static List<String> problems(KubeObject<?>... objects) {
        Problems problems = new Problems();
        Checks.run(List.of(demoStack(objects).withPolicy(noPolicy())), problems);
        return problems.all().stream().map(p -> p.severity() + " " + p.format().replaceAll(" \\[at .*]$", "")).toList();
    }

    private NetworkPolicyDef admittingOther() {
        return NetworkPolicyDef.named("forge-db").isolating(db).allowingFrom(NetworkPeer.podsOf(other), PG);
    }

    @Test
    void warns_of_a_policy_that_drops_a_workload_whose_env_names_the_services_pod_host() {
        DeploymentDef forge = DeploymentDef.named("forge").running(app("forge").withEnv(Env.value("FORGE_DB_HOST", dbService.podHost(db, 0))));

        assertThat(problems(db, dbService, other, forge, admittingOther())).containsExactly(
                "WARNING test/NetworkPolicy forge-db: admits no traffic from the pods of Deployment forge to Service forge-db (5432/TCP of "
                        + "StatefulSet forge-db), which env FORGE_DB_HOST of container forge names (forge-db-0.forge-db), so its connections "
                        + "time out (admitted: pods of Deployment other on 5432/TCP). "
                        + "Add allowingFrom(NetworkPeer.podsOf(<Deployment forge>), postgres port) to NetworkPolicy forge-db, "
                        + "or drop the variable if Deployment forge never connects there.");
        // Admitted, it passes
        assertThat(problems(db, dbService, other, forge, admittingOther().allowingFrom(NetworkPeer.podsOf(forge), PG))).isEmpty();
        // So does a Service whose pods no policy isolates
        assertThat(problems(db, dbService, other, forge)).isEmpty();
    }

    @Test
    void recognises_the_services_names_in_urls_host_and_port_pairs_and_config_map_values() {
        String url = "postgres://forge@forge-db:5432/forge?sslmode=disable";
        DeploymentDef byUrl = DeploymentDef.named("forge").running(app("forge").withEnv(Env.value("DATABASE_URL", url)));
        assertThat(problems(db, dbService, other, byUrl, admittingOther())).singleElement().asString()
                .contains("which env DATABASE_URL of container forge names (" + url + ")");
        // The warning goes to terminals and CI logs: a URL user's password is not shown.
        DeploymentDef withPassword = DeploymentDef.named("forge").running(app("forge").withEnv(Env.value("DATABASE_URL",
                "postgres://forge:hunter2@forge-db:5432/forge")));
        assertThat(problems(db, dbService, other, withPassword, admittingOther())).singleElement().asString()
                .contains("names (postgres://forge:<redacted>@forge-db:5432/forge)").doesNotContain("hunter2");

        ConfigMapDef env = ConfigMapDef.named("forge-env").withProperty("FORGE_DB_ADDR", "forge-db.demo-test.svc.cluster.local:5432");
        JobDef migrate = JobDef.named("migrate").running(app("migrate").withEnvFrom(EnvFromSource.configMap(env).withPrefix("X_")));
        assertThat(problems(db, dbService, other, env, migrate, admittingOther())).singleElement().asString()
                .contains("admits no traffic from the pods of Job migrate to Service forge-db")
                .contains("which env X_FORGE_DB_ADDR of container migrate (from ConfigMap forge-env) names (forge-db.demo-test.svc.cluster.local:5432)");

        ConfigMapDef single = ConfigMapDef.named("forge-env").withProperty("DB_HOST", "forge-db");
        DeploymentDef byKey = DeploymentDef.named("forge").running(app("forge").withEnv(Env.from("DB_HOST", single.key("DB_HOST"))));
        assertThat(problems(db, dbService, other, single, byKey, admittingOther())).singleElement().asString()
                .contains("which env DB_HOST of container forge (from ConfigMap forge-env) names (forge-db)");
    }

    @Test
    void a_bare_service_name_counts_only_as_a_host_variable_s_whole_value_or_with_a_port() {
        // APP_NAME=forge-db is a name, not a connection; nor is a longer word holding it
        DeploymentDef named = DeploymentDef.named("forge").running(app("forge").withEnv(Env.value("APP_NAME", "forge-db"),
                Env.value("BACKUP_HOST", "forge-db-backup"), Env.value("SERVICE_HOST", "forge-db.example.com"),
                Env.value("LABEL", "forge-db:v2")));
        assertThat(problems(db, dbService, other, named, admittingOther())).isEmpty();
        // Nor is an image reference of the same name: a tag is no port, and a repository path no host
        DeploymentDef images = DeploymentDef.named("forge").running(app("forge").withEnv(Env.value("DB_IMAGE", "forge-db:16.4"),
                Env.value("DB_IMAGE_ALPINE", "forge-db:16-alpine"), Env.value("MIRRORED_IMAGE", "registry.example.com/library/forge-db:16")));
        assertThat(problems(db, dbService, other, images, admittingOther())).isEmpty();
        // A host and port still is, before a path or in a list
        DeploymentDef list = DeploymentDef.named("forge").running(app("forge").withEnv(Env.value("DB_REPLICAS", "forge-db:5432,other:5432")));
        assertThat(problems(db, dbService, other, list, admittingOther())).singleElement().asString()
                .contains("which env DB_REPLICAS of container forge names (forge-db:5432,other:5432)");
        // A proxy's exceptions list the hosts a workload may reach directly, if it connects at all
        DeploymentDef proxied = DeploymentDef.named("forge").running(app("forge").withEnv(Env.value("NO_PROXY", "localhost,forge-db.demo-test.svc"),
                Env.value("no_proxy", "forge-db:5432")));
        assertThat(problems(db, dbService, other, proxied, admittingOther())).isEmpty();
        // The workload itself, as its own Service's client (a peer list), is not reported
        DeploymentDef self = DeploymentDef.named("peer").running(app("peer").withEnv(Env.value("PEERS_HOST", "peer")));
        ServiceDef peers = ServiceDef.named("peer").selecting(self).withPort(ServicePort.to(HTTP));
        assertThat(problems(self, peers, NetworkPolicyDef.named("peer").isolating(self).allowingFrom(NetworkPeer.namespace("x"), HTTP))).isEmpty();
    }

    @Test
    void leaves_a_path_the_clients_own_egress_names_to_network_policy_path() {
        DeploymentDef forge = DeploymentDef.named("forge").running(app("forge").withEnv(Env.value("FORGE_DB_HOST", dbService.host())));
        NetworkPolicyDef egress = NetworkPolicyDef.named("forge").isolating(forge).allowingFrom(NetworkPeer.anywhere(), HTTP)
                .isolatingEgress().allowingDns().allowingTo(NetworkPeer.podsOf(db), PG);
        assertThat(problems(db, dbService, other, forge, admittingOther(), egress)).singleElement().asString()
                .startsWith("ERROR test/NetworkPolicy forge-db: admits no traffic from the pods of Deployment forge to 5432/TCP of StatefulSet forge-db, "
                        + "which NetworkPolicy forge sends there");
    }
    @Test
    void warns_of_a_clients_isolated_egress_that_sends_nowhere_its_env_names() {
        DeploymentDef forge = DeploymentDef.named("forge").running(app("forge").withEnv(Env.value("FORGE_DB_HOST", dbService.host())));
        NetworkPolicyDef dnsOnly = NetworkPolicyDef.named("forge").isolating(forge).allowingFrom(NetworkPeer.anywhere(), HTTP)
                .isolatingEgress().allowingDns();
        // The database's pods admit everyone: the client's own egress drops the connection
        assertThat(problems(db, dbService, forge, dnsOnly)).containsExactly(
                "WARNING test/NetworkPolicy forge: isolates the outgoing traffic of Deployment forge without sending to Service forge-db "
                        + "(5432/TCP of StatefulSet forge-db), which env FORGE_DB_HOST of container forge names (forge-db), so its "
                        + "connections time out (sends to: pods {k8s-app=kube-dns} of namespace kube-system on 53/UDP, 53/TCP). "
                        + "Add allowingTo(NetworkPeer.podsOf(<StatefulSet forge-db>), postgres port) to NetworkPolicy forge, "
                        + "or drop the variable if Deployment forge never connects there.");
        // Egress denied altogether, the same
        NetworkPolicyDef denied = NetworkPolicyDef.named("forge").isolating(forge).allowingFrom(NetworkPeer.anywhere(), HTTP).isolatingEgress();
        assertThat(problems(db, dbService, forge, denied)).singleElement().asString()
                .startsWith("WARNING test/NetworkPolicy forge: isolates the outgoing traffic of Deployment forge without sending to Service forge-db");
        // Sent to the database's port, or to an address range that may hold its pods, it passes
        assertThat(problems(db, dbService, forge, dnsOnly.allowingTo(NetworkPeer.podsOf(db), PG))).isEmpty();
        assertThat(problems(db, dbService, forge, dnsOnly.allowingTo(NetworkPeer.anywhere(), PG))).isEmpty();
        // Sent to other pods only, it is still dropped
        assertThat(problems(db, dbService, other, forge, dnsOnly.allowingTo(NetworkPeer.podsOf(other), HTTP))).singleElement()
                .asString().contains("isolates the outgoing traffic of Deployment forge without sending to Service forge-db");
    }

    @Test
    void reports_a_dropped_connection_once_when_the_servers_policy_names_the_client() {
        DeploymentDef forge = DeploymentDef.named("forge").running(app("forge").withEnv(Env.value("FORGE_DB_HOST", dbService.host())));
        NetworkPolicyDef dnsOnly = NetworkPolicyDef.named("forge").isolating(forge).allowingFrom(NetworkPeer.anywhere(), HTTP)
                .isolatingEgress().allowingDns();
        NetworkPolicyDef admittingForge = NetworkPolicyDef.named("forge-db").isolating(db).allowingFrom(NetworkPeer.podsOf(forge), PG);
        // network-policy-path says it (the database admits forge, whose egress does not go there): not this check again
        assertThat(problems(db, dbService, forge, dnsOnly, admittingForge)).singleElement().asString()
                .startsWith("WARNING test/NetworkPolicy forge: isolates the outgoing traffic of Deployment forge without sending to 5432/TCP of "
                        + "StatefulSet forge-db, which NetworkPolicy forge-db admits it to");
    }
    @Test
    void reads_the_hosts_a_containers_command_and_args_name_init_containers_included() {
        // An init container waiting for the database never gets past Init:0/1 when the database's policy drops it
        ContainerDef waitDb = ContainerDef.named("wait-db").image(Image.of("example/toolbox", "1.0.0"))
                .withCommand("sh", "-c", "until nc -z -w 2 forge-db 5432 >/dev/null 2>&1; do sleep 1; done");
        DeploymentDef forge = DeploymentDef.named("forge").running(app("forge")).withInitContainer(waitDb);
        assertThat(problems(db, dbService, other, forge, admittingOther())).containsExactly(
                "WARNING test/NetworkPolicy forge-db: admits no traffic from the pods of Deployment forge to Service forge-db (5432/TCP of "
                        + "StatefulSet forge-db), which command of init container wait-db names (nc -z -w 2 forge-db 5432), so its connections "
                        + "time out (admitted: pods of Deployment other on 5432/TCP). "
                        + "Add allowingFrom(NetworkPeer.podsOf(<Deployment forge>), postgres port) to NetworkPolicy forge-db, "
                        + "or drop it from the command if Deployment forge never connects there.");
        // Admitted, or with no policy isolating the database, it passes
        assertThat(problems(db, dbService, other, forge, admittingOther().allowingFrom(NetworkPeer.podsOf(forge), PG))).isEmpty();
        assertThat(problems(db, dbService, other, forge)).isEmpty();

        // A client's options naming the host and the port apart, a URL in an argument, the bare host of a -h option
        DeploymentDef pgIsReady = DeploymentDef.named("forge").running(app("forge")).withInitContainer(ContainerDef.named("wait-db")
                .image(Image.of("example/toolbox", "1.0.0")).withCommand("pg_isready").withArgs("-h", "forge-db", "-p", "5432", "-U", "forge"));
        assertThat(problems(db, dbService, other, pgIsReady, admittingOther())).singleElement().asString()
                .contains("which args of init container wait-db names (pg_isready -h forge-db -p 5432 -U forge)");
        DeploymentDef byUrl = DeploymentDef.named("forge").running(app("forge").withArgs("serve", "--db=postgres://forge-db:5432/forge"));
        assertThat(problems(db, dbService, other, byUrl, admittingOther())).singleElement().asString()
                .contains("which args of container forge names (--db=postgres://forge-db:5432/forge)")
                .endsWith("or drop it from the args if Deployment forge never connects there.");
        DeploymentDef hostOnly = DeploymentDef.named("forge").running(app("forge")).withInitContainer(ContainerDef.named("wait-db")
                .image(Image.of("example/toolbox", "1.0.0")).withCommand("sh", "-c", "while ! mysqladmin ping -hforge-db --silent; do sleep 1; done"));
        assertThat(problems(db, dbService, other, hostOnly, admittingOther())).singleElement().asString()
                .contains("which command of init container wait-db names (mysqladmin ping -hforge-db --silent)");
    }

    @Test
    void reads_a_clients_host_given_as_a_variable_from_the_containers_env_values() {
        // DATABASE is no host variable: only the command says it is a host. The shell reads $DATABASE and ${DATABASE}, Kubernetes $(DATABASE).
        ConfigMapDef config = ConfigMapDef.named("forge-env").withProperty("DATABASE", "forge-db");
        for (ContainerDef waitDb : List.of(
                toolbox().withCommand("sh", "-c", "until nc -z \"$DATABASE\" 5432; do sleep 1; done")
                        .withEnv(Env.value("DATABASE", "forge-db")),
                toolbox().withCommand("sh", "-c", "until pg_isready -h ${DATABASE} -p 5432; do sleep 1; done")
                        .withEnvFrom(EnvFromSource.configMap(config)),
                toolbox().withCommand("nc", "-z", "$(DATABASE)", "5432").withEnv(Env.from("DATABASE", config.key("DATABASE"))))) {
            DeploymentDef forge = DeploymentDef.named("forge").running(app("forge")).withInitContainer(waitDb);
            assertThat(problems(db, dbService, other, config, forge, admittingOther())).as(waitDb.command().toString()).singleElement().asString()
                    .contains("admits no traffic from the pods of Deployment forge to Service forge-db")
                    .contains(" with DATABASE=forge-db), so its connections time out");
        }
    }

    @Test
    void reads_a_scripts_variables_in_urls_and_host_and_port_pairs() {
        for (String script : List.of("wget -qO- http://$DATABASE:5432/", "psql \"postgres://forge@${DATABASE}:5432/forge\" -c 'select 1'",
                "until nc -z '$(DATABASE)' 5432; do sleep 1; done")) {
            DeploymentDef forge = DeploymentDef.named("forge").running(app("forge"))
                    .withInitContainer(toolbox().withEnv(Env.value("DATABASE", "forge-db")).withCommand("sh", "-c", script));
            assertThat(problems(db, dbService, other, forge, admittingOther())).as(script).singleElement().asString()
                    .contains("admits no traffic from the pods of Deployment forge to Service forge-db")
                    .contains(" with DATABASE=forge-db), so its connections time out");
        }
    }

    @Test
    void a_clients_host_variable_with_no_known_value_or_not_expanded_names_nothing() {
        // A variable the container does not set, and $DATABASE with no shell to expand it (the kubelet expands only $(DATABASE))
        ContainerDef toolbox = toolbox().withEnv(Env.value("DATABASE", "forge-db"));
        // An env entry overrides an envFrom key of the same name: a Secret's value, unknown here, is what the shell reads
        ConfigMapDef config = ConfigMapDef.named("forge-env").withProperty("DATABASE", "forge-db");
        DeploymentDef bySecret = DeploymentDef.named("forge").running(app("forge")).withInitContainer(toolbox().withEnvFrom(EnvFromSource.configMap(config))
                .withEnv(Env.from("DATABASE", SecretDef.opaque("forge-db-address", "host").key("host")))
                .withCommand("sh", "-c", "until nc -z $DATABASE 5432; do sleep 1; done"));
        assertThat(problems(db, dbService, other, config, bySecret, admittingOther())).noneMatch(problem -> problem.contains("Service forge-db"));
        // and '$DATABASE' in single quotes, which the shell does not expand
        for (ContainerDef waitDb : List.of(toolbox.withCommand("sh", "-c", "until nc -z $DB 5432; do sleep 1; done"),
                toolbox.withCommand("sh", "-c", "until nc -z '$DATABASE' 5432 || wget -qO- http://$DB:5432/; do sleep 1; done"),
                toolbox.withCommand("pg_isready", "-h", "$(DB)", "-p", "5432"), toolbox.withCommand("nc", "-z", "$DATABASE", "5432"))) {
            DeploymentDef forge = DeploymentDef.named("forge").running(app("forge")).withInitContainer(waitDb);
            // Only variable-reference's error for $(DB), which no variable sets
            assertThat(problems(db, dbService, other, forge, admittingOther())).as(waitDb.command().toString())
                    .allMatch(problem -> problem.contains("container wait-db command uses $(DB), which none of its variables sets"));
        }
    }

    @Test
    void a_command_naming_the_service_otherwise_is_no_connection() {
        // An image reference, a port with no host, a bare word, a listening nc, a DNS name looked up alone
        DeploymentDef forge = DeploymentDef.named("forge").running(app("forge")
                .withCommand("sh", "-c", "crane copy forge-db:16.4 registry.example.com/library/forge-db:16 && nc -l -p 5432 forge-db 5432")
                .withArgs("--port=5432", "--service", "forge-db", "--db-image=forge-db:16-alpine", "forge-db", "5432"));
        assertThat(problems(db, dbService, other, forge, admittingOther())).isEmpty();
    }
}
