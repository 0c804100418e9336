package dev.kforge.dsl.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Emissary 3 Mapping: typed fields, exact YAML, canary splits and the local rules. */
class EmissaryMappingTest {
    private static final Port HTTP = Port.tcp("http", 5000);
    private static final ServicePort WEB = ServicePort.to(HTTP);
    private static final ServiceDef SHOP = service("shop");
    private static final ServiceDef SHOP_NEXT = service("shop-next");

    static ServiceDef service(String name) {
        DeploymentDef app = DeploymentDef.named(name).running(ContainerDef.named("app").image(Image.of("example/shop", "1.0.0")).withPort(HTTP));
        return ServiceDef.named(name).selecting(app).withPort(WEB);
    }

    static String render(String fileName, KubeObject<?>... objects) {
        Stack stack = Stack.named("shop").environment("prod").namespace(NamespaceDef.named("shop-prod")).with(objects);
        RenderedEnvironment environment = Renderer.render(stack);
        return environment.files().stream().filter(file -> file.fileName().equals(fileName)).map(ManifestFile::content)
                .findFirst().orElseThrow(() -> new AssertionError("No " + fileName + " among "
                        + environment.files().stream().map(ManifestFile::fileName).toList()));
    }

    @Test
    void renders_every_field_of_a_mapping_with_the_service_qualified_by_namespace() {
        EmissaryMapping mapping = EmissaryMapping.named("shop").prefix("/api/").to(SHOP.backend(WEB))
                .withRewrite("/v1/")
                .withHostname("shop.example.com")
                .withTimeout(Duration.ofSeconds(10))
                .withRetries(RetryPolicy.on(RetryPolicy.RetryOn.FIVE_XX, 3).withPerTryTimeout(Duration.ofMillis(2500)))
                .withCors(Cors.allowOrigins("https://app.example.com", "http://localhost:3000")
                        .allowMethods(Cors.Method.GET, Cors.Method.POST)
                        .allowHeaders("Content-Type", "Authorization")
                        .allowCredentials()
                        .withMaxAge(Duration.ofDays(1)))
                .withAmbassadorId(AmbassadorId.of("shop-prod"));

        assertThat(render("70-mapping-shop.yaml", mapping)).isEqualTo("""
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata:
                  name: shop
                  namespace: shop-prod
                  labels:
                    app.kubernetes.io/instance: shop-prod
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/part-of: shop
                    kforge.dev/environment: prod
                spec:
                  ambassador_id:
                  - shop-prod
                  cors:
                    credentials: true
                    headers:
                    - Content-Type
                    - Authorization
                    max_age: "86400"
                    methods:
                    - GET
                    - POST
                    origins:
                    - https://app.example.com
                    - http://localhost:3000
                  hostname: shop.example.com
                  prefix: /api/
                  retry_policy:
                    num_retries: 3
                    per_try_timeout: 2500ms
                    retry_on: "5xx"
                  rewrite: /v1/
                  service: shop.shop-prod:5000
                  timeout_ms: 10000
                """);
    }

    /** Emissary 3 associates a Mapping with no Host unless its hostname matches one: a v3alpha1 Mapping without one gets 404s. */
    @Test
    void a_minimal_mapping_is_written_with_hostname_star_so_that_every_host_serves_it() {
        EmissaryMapping mapping = EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB));

        assertThat(render("70-mapping-shop.yaml", mapping)).endsWith("""
                spec:
                  hostname: "*"
                  prefix: /
                  service: shop.shop-prod:5000
                """);
    }

    @Test
    void original_path_is_written_as_an_empty_rewrite() {
        EmissaryMapping mapping = EmissaryMapping.named("shop").prefix("/api/").to(SHOP.backend(WEB)).withOriginalPath();

        assertThat(render("70-mapping-shop.yaml", mapping)).contains("  rewrite: \"\"\n");
    }

    @Test
    void canary_splits_one_route_between_two_services_by_weight() {
        EmissaryMapping primary = EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB))
                .withHostname("shop.example.com").withTimeout(Duration.ofSeconds(5));

        CanaryRoute canary = primary.canary(SHOP_NEXT.backend(WEB), 10);

        assertThat(canary.percent()).isEqualTo(10);
        assertThat(canary.mappings()).extracting(EmissaryMapping::name).containsExactly("shop", "shop-canary");
        assertThat(canary.mappings()).extracting(m -> m.weight().orElseThrow()).containsExactly(90, 10);
        assertThat(canary.canary().timeout()).contains(Duration.ofSeconds(5));
        assertThat(render("70-mapping-shop-canary.yaml", canary.primary(), canary.canary())).endsWith("""
                spec:
                  hostname: shop.example.com
                  prefix: /
                  service: shop-next.shop-prod:5000
                  timeout_ms: 5000
                  weight: 10
                """);
        assertThat(render("70-mapping-shop.yaml", canary.primary(), canary.canary())).endsWith("""
                  service: shop.shop-prod:5000
                  timeout_ms: 5000
                  weight: 90
                """);
    }

    @Test
    void rejects_canary_percent_outside_1_to_99() {
        EmissaryMapping primary = EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB));

        assertThatThrownBy(() -> primary.canary(SHOP_NEXT.backend(WEB), 0))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Mapping shop: canary percent 0 is invalid: must be between 1 and 99. "
                        + "Route all traffic to one backend with a single Mapping instead.");
        assertThatThrownBy(() -> primary.canary(SHOP_NEXT.backend(WEB), 100))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Mapping shop: canary percent 100 is invalid: must be between 1 and 99. "
                        + "Route all traffic to one backend with a single Mapping instead.");
    }

    @Test
    void rejects_canary_to_the_primarys_own_service() {
        EmissaryMapping primary = EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB));

        assertThatThrownBy(() -> primary.canary(SHOP.backend(WEB), 10))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Mapping shop: canary backend \"shop:5000\" is invalid: must be another Service than the primary's (shop). "
                        + "Deploy the canary version behind its own Service.");
    }

    @Test
    void rejects_canary_of_a_mapping_that_already_has_a_weight() {
        EmissaryMapping primary = EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB)).withWeight(50);

        assertThatThrownBy(() -> primary.canary(SHOP_NEXT.backend(WEB), 10))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Mapping shop: weight 50 is already set, so this Mapping is already split. "
                        + "Start the canary from the Mapping without a weight.");
    }

    @Test
    void rejects_a_canary_route_whose_weights_do_not_add_up_to_100() {
        EmissaryMapping primary = EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB)).withWeight(90);
        EmissaryMapping canary = EmissaryMapping.named("shop-canary").prefix("/").to(SHOP_NEXT.backend(WEB)).withWeight(20);

        assertThatThrownBy(() -> new CanaryRoute(primary, canary))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("CanaryRoute shop: weights \"90/20\" is invalid: must both be set and add up to 100. "
                        + "Build it with primary.canary(backend, percent).");
    }

    @Test
    void cannot_target_a_port_the_service_does_not_have() {
        ServicePort admin = ServicePort.of(8877, HTTP).named("admin");

        assertThatThrownBy(() -> EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(admin)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service shop: port \"admin (8877 -> http/5000)\" is not a port of this Service. "
                        + "Ports: [http (5000 -> http/5000)]. Add it with withPort first.");
    }

    @Test
    void rejects_prefix_that_does_not_start_with_a_slash() {
        assertThatThrownBy(() -> EmissaryMapping.named("shop").prefix("api/"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Mapping shop: prefix \"api/\" is invalid: must be a URL path starting with '/' "
                        + "(letters, digits, '/', '_', '.', '~', '-'). For example \"/\" or \"/api/\".");
    }

    @Test
    void rejects_a_rewrite_whose_trailing_slash_differs_from_the_prefixs() {
        EmissaryMapping api = EmissaryMapping.named("shop-api").prefix("/api/").to(SHOP.backend(WEB));
        assertThatThrownBy(() -> api.withRewrite("/v1"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Mapping shop-api: rewrite \"/v1\" is invalid: must end with '/' as prefix /api/ does: the rest of the path "
                        + "follows the rewrite as it is, so /api/items reaches the Service as /v1items. Write withRewrite(\"/v1/\").");
        assertThatThrownBy(() -> EmissaryMapping.named("shop-api").prefix("/api").to(SHOP.backend(WEB)).withRewrite("/v1/"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Mapping shop-api: rewrite \"/v1/\" is invalid: must not end with '/', as prefix /api does not: the rest of "
                        + "the path follows the rewrite as it is, so /api/items reaches the Service as /v1//items. Write prefix(\"/api/\"), "
                        + "or withRewrite(\"/v1\").");
        assertThatThrownBy(() -> EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB)).withRewrite("/shop"))
                .hasMessageContaining("so /items reaches the Service as /shopitems");

        assertThat(api.withRewrite("/v1/").rewrite()).contains("/v1/");
        assertThat(api.withRewrite("/").rewrite()).contains("/");
        assertThat(api.withOriginalPath().rewrite()).contains("");
        assertThat(EmissaryMapping.named("shop-api").prefix("/api").to(SHOP.backend(WEB)).withRewrite("/v1").rewrite()).contains("/v1");
    }

    @Test
    void rejects_a_name_that_is_not_a_dns_subdomain() {
        assertThatThrownBy(() -> EmissaryMapping.named("Shop_Mapping"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("Mapping: name \"Shop_Mapping\" is invalid: must be a DNS-1123 subdomain");
    }

    @Test
    void rejects_hostname_with_a_port() {
        EmissaryMapping mapping = EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB));

        assertThatThrownBy(() -> mapping.withHostname("shop.example.com:8080"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Mapping shop: hostname \"shop.example.com:8080\" is invalid: must be a lower-case DNS name, "
                        + "\"*.\" and a DNS name, or \"*\" (no port). For example \"tgr.example.com\".");
    }

    @Test
    void rejects_a_per_try_timeout_longer_than_the_whole_timeout() {
        EmissaryMapping mapping = EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB)).withTimeout(Duration.ofSeconds(3));
        RetryPolicy retries = RetryPolicy.on(RetryPolicy.RetryOn.GATEWAY_ERROR, 2).withPerTryTimeout(Duration.ofSeconds(5));

        assertThatThrownBy(() -> mapping.withRetries(retries))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Mapping shop: retry per_try_timeout \"5s\" is invalid: must not exceed the Mapping's timeout 3s. "
                        + "Shorten the per-try timeout or lengthen the Mapping's timeout.");
    }

    @Test
    void rejects_timeouts_that_are_not_whole_positive_milliseconds() {
        EmissaryMapping mapping = EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB));

        assertThatThrownBy(() -> mapping.withTimeout(Duration.ZERO))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Mapping shop: timeout \"PT0S\" is invalid: must be positive. For example Duration.ofSeconds(3).");
        assertThatThrownBy(() -> mapping.withTimeout(Duration.ofNanos(1_500_000)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Mapping shop: timeout \"PT0.0015S\" is invalid: must be a whole number of milliseconds, at most 2147483647. "
                        + "For example Duration.ofMillis(1500).");
    }

    @Test
    void rejects_a_weight_above_100() {
        EmissaryMapping mapping = EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB));

        assertThatThrownBy(() -> mapping.withWeight(101))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Mapping shop: weight 101 is invalid: must be between 0 and 100 (a percentage). "
                        + "Split traffic with canary(backend, percent).");
    }

    @Test
    void rejects_retries_outside_1_to_10() {
        assertThatThrownBy(() -> RetryPolicy.on(RetryPolicy.RetryOn.CONNECT_FAILURE, 0))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("RetryPolicy: num_retries 0 is invalid: must be between 1 and 10. Leave retries out of the Mapping for no retries.");
    }

    @Test
    void rejects_cors_credentials_for_every_origin() {
        Cors anyOrigin = Cors.allowOrigins(Cors.ANY_ORIGIN);

        assertThatThrownBy(anyOrigin::allowCredentials)
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Cors: origins \"*\" cannot be combined with credentials (browsers refuse it). "
                        + "List the origins that may send credentials.");
    }

    @Test
    void rejects_cors_origin_with_a_path() {
        assertThatThrownBy(() -> Cors.allowOrigins("https://app.example.com/"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Cors: origin \"https://app.example.com/\" is invalid: must be \"*\" or scheme://host[:port] in lower case, "
                        + "without a path. For example \"https://app.example.com\".");
    }
}
