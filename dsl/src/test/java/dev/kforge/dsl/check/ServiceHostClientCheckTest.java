package dev.kforge.dsl.check;

import static dev.kforge.dsl.testing.Rendering.demoStack;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.EnvFromSource;
import dev.kforge.dsl.workload.EnvVarDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.StatefulSetDef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A value naming a host of the stack's namespace must name a Service the stack has. */
class ServiceHostClientCheckTest {
    private static final Port PG = Port.tcp("postgres", 5432);
    private static final Port HTTP = Port.tcp("http", 8080);

    private final StatefulSetDef database = StatefulSetDef.named("shop-db").running(ContainerDef.named("postgres")
            .image(Image.of("postgres", "16.4")).withPort(PG)).withSecurity(PodSecurity.RESTRICTED.withUser(999));
    private final ServiceDef db = ServiceDef.named("shop-db").selecting(database).withType(ServiceType.HEADLESS).withPort(ServicePort.to(PG));

    private static ContainerDef web() {
        return ContainerDef.named("web").image(Image.of("example/shop", "1.2.3")).withPort(HTTP);
    }

    private static DeploymentDef client(EnvVarDef... env) {
        return DeploymentDef.named("shop-web").running(web().withEnv(env));
    }

    private static List<String> problems(Stack stack) {
        Problems problems = new Problems();
        Checks.run(List.of(stack.withPolicy(noPolicy())), problems);
        return problems.all().stream().map(p -> p.severity() + " " + p.format().replaceAll(" \\[at .*]$", "")).toList();
    }

    private static List<String> problems(KubeObject<?>... objects) {
        return problems(demoStack(objects));
    }

    @Test
    void warns_of_a_namespaced_name_no_service_has() {
        assertThat(problems(database, db, client(Env.value("CACHE_URL", "redis://shop-cache.demo-test.svc.cluster.local:6379/0")))).containsExactly(
                "WARNING test/Deployment shop-web: env CACHE_URL of container web names host shop-cache.demo-test.svc.cluster.local, but the "
                        + "stack has no Service shop-cache in namespace demo-test: cluster DNS has no such name, so its connections fail "
                        + "(redis://shop-cache.demo-test.svc.cluster.local:6379/0; Services of the stack: shop-db). Write a Service's name with "
                        + "service.host(), add Service shop-cache to the stack, or drop the variable if Deployment shop-web never connects there.");
        // .svc, a StatefulSet pod's name under its Service and the namespace's two labels are names of the namespace too.
        assertThat(problems(database, db, client(Env.value("DB_HOST", "shop-bd.demo-test.svc"), Env.value("PRIMARY", "shop-db-0.shop-dbs.demo-test.svc"),
                Env.value("REPLICA_HOST", "shop-replica.demo-test"))))
                .extracting(problem -> problem.substring(0, problem.indexOf(',')))
                .containsExactly("WARNING test/Deployment shop-web: env DB_HOST of container web names host shop-bd.demo-test.svc",
                        "WARNING test/Deployment shop-web: env PRIMARY of container web names host shop-db-0.shop-dbs.demo-test.svc",
                        "WARNING test/Deployment shop-web: env REPLICA_HOST of container web names host shop-replica.demo-test");
        assertThat(problems(database, db, client(Env.value("DB_HOST", "shop-bd.demo-test.svc")))).singleElement().asString()
                .endsWith("Did you mean shop-db? Write its name with service.host(), add Service shop-bd to the stack, or drop the variable "
                        + "if Deployment shop-web never connects there.");
    }

    @Test
    void passes_the_services_of_the_stack_and_names_of_other_namespaces() {
        assertThat(problems(database, db, client(Env.value("DB_HOST", db.host()), Env.value("DB_FQDN", "Shop-DB.demo-test.svc.cluster.local"),
                Env.value("PRIMARY", "shop-db-0.shop-db.demo-test.svc.cluster.local:5432"), Env.value("DB_URL", "postgres://shop-db:5432/shop"),
                Env.value("AUDIT_URL", "http://audit.compliance.svc.cluster.local:8080"), Env.value("API_URL", "https://api.github.com"))))
                .isEmpty();
    }

    @Test
    void judges_a_bare_name_only_a_typo_away_from_a_service() {
        assertThat(problems(database, db, client(Env.value("DB_URL", "postgres://app:secret-from-vault@shpo-db:5432/shop"))))
                .singleElement().asString()
                .startsWith("WARNING test/Deployment shop-web: env DB_URL of container web names host shpo-db, but the stack has no Service "
                        + "shpo-db in namespace demo-test")
                .contains("(postgres://app:<redacted>@shpo-db:5432/shop; Services of the stack: shop-db)").doesNotContain("secret-from-vault")
                .endsWith("Did you mean shop-db? Write its name with service.host(), add Service shpo-db to the stack, or drop the variable "
                        + "if Deployment shop-web never connects there.");
        assertThat(problems(database, db, client(Env.value("DB_HOST", "shop-bd")))).hasSize(1);
        // A bare name far from every Service may be one another tool creates; a word that is no host is no connection.
        assertThat(problems(database, db, client(Env.value("CACHE_ADDR", "shop-cache:6379"), Env.value("SEARCH_HOST", "opensearch"),
                Env.value("LOG_LEVEL", "shop-bd"), Env.value("IMAGE", "shop-bd:16.4"), Env.value("LOCAL", "localhost:8080")))).isEmpty();
    }

    @Test
    void reads_config_map_values_and_keeps_a_public_domain_namespace_out() {
        ConfigMapDef config = ConfigMapDef.named("shop-config").withProperty("DB_HOST", "shop-bd.demo-test.svc");
        assertThat(problems(database, db, config, DeploymentDef.named("shop-web").running(web().withEnvFrom(EnvFromSource.configMap(config))))).singleElement().asString()
                .contains("env DB_HOST of container web (from ConfigMap shop-config) names host shop-bd.demo-test.svc");
        // In namespace "dev", web.dev is a public site, while web.dev.svc is the namespace's.
        Stack dev = Stack.named("shop").environment("dev").namespace(NamespaceDef.named("dev"));
        assertThat(problems(dev.with(database, db, client(Env.value("DOCS_URL", "https://web.dev/articles"))))).isEmpty();
        assertThat(problems(dev.with(database, db, client(Env.value("DOCS_URL", "http://web.dev.svc:8080/articles"))))).singleElement().asString()
                .contains("names host web.dev.svc, but the stack has no Service web in namespace dev");
    }
}
