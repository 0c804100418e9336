package dev.kforge.dsl.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.check.StackIndex;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.PortRange;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.PodField;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.Port;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cross-object rules of the Emissary resources, reported together with exact messages. */
class GatewayReferencesCheckTest {
    private static final Port HTTP = Port.tcp("http", 5000);
    private static final ServicePort WEB = ServicePort.to(HTTP);
    private static final NamespaceDef NAMESPACE = NamespaceDef.named("shop-prod");
    private static final GatewayInstallation GATEWAY = GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, NAMESPACE);
    private static final DeploymentDef SHOP_APP = app("shop");
    private static final DeploymentDef NEXT_APP = app("shop-next");
    private static final ServiceDef SHOP = ServiceDef.named("shop").selecting(SHOP_APP).withPort(WEB);
    private static final ServiceDef SHOP_NEXT = ServiceDef.named("shop-next").selecting(NEXT_APP).withPort(WEB);
    private static final EmissaryMapping ROUTE = EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB))
            .withHostname("shop.example.com").servedBy(GATEWAY);

    private static DeploymentDef app(String name) {
        return DeploymentDef.named(name).running(ContainerDef.named("app").image(Image.of("example/shop", "1.0.0")).withPort(HTTP));
    }

    /** A stack with the gateway, both apps and their Services, plus {@code objects}. */
    private static Stack stack(KubeObject<?>... objects) {
        return Stack.named("shop").environment("prod").namespace(NAMESPACE)
                .with(GATEWAY.objects().toArray(KubeObject<?>[]::new))
                .with(SHOP_APP, NEXT_APP, SHOP, SHOP_NEXT)
                .with(objects);
    }

    /** A stack with a gateway of the annotation form, both apps, and {@code services} (annotated by AmbassadorMapping or by hand). */
    private static Stack annotationStack(ServiceDef... services) {
        return Stack.named("shop").environment("prod").namespace(NAMESPACE)
                .with(GatewayInstallation.forRouting(RoutingForm.ANNOTATION, NAMESPACE).objects().toArray(KubeObject<?>[]::new))
                .with(SHOP_APP, NEXT_APP).with(services);
    }

    /** The errors of the gateway check, formatted without the source location. */
    private static List<String> problems(Stack stack) {
        Problems problems = new Problems();
        new GatewayReferencesCheck().check(stack, new StackIndex(stack), problems);
        new GatewayRouteAdmissionCheck().check(stack, new StackIndex(stack), problems);
        assertThat(problems.warnings()).allSatisfy(problem -> assertThat(problem.check()).isEqualTo(GatewayReferencesCheck.NO_ROUTE));
        return problems.errors().stream().map(Problem::format).map(line -> line.replaceAll(" \\[at .*]$", "")).toList();
    }

    @Test
    void warns_about_a_gateway_that_routes_nothing() {
        // The annotation was added to a copy of the Service, and the stack got the Service without it.
        GatewayInstallation annotations = GatewayInstallation.forRouting(RoutingForm.ANNOTATION, NAMESPACE);
        Stack stack = Stack.named("shop").environment("prod").namespace(NAMESPACE)
                .with(annotations.objects().toArray(KubeObject<?>[]::new)).with(SHOP_APP, SHOP);
        Problems problems = new Problems();

        new GatewayReferencesCheck().check(stack, new StackIndex(stack), problems);

        assertThat(problems.all()).extracting(problem -> problem.format().replaceAll(" \\[at .*]$", "")).containsExactly(
                "prod/Deployment ambassador: is a gateway with no route (no Mapping, no Service with a getambassador.io/config "
                        + "annotation). Add the Mapping to the stack, or the Service that AmbassadorMapping.addTo(...) returned "
                        + "(not the one before it).");
        assertThat(problems.all()).singleElement().extracting(Problem::severity).isEqualTo(Severity.WARNING);
    }

    @Test
    void a_complete_gateway_with_listener_host_and_canary_has_no_problem() {
        SecretDef certificate = SecretDef.tls("shop-tls");
        CanaryRoute canary = ROUTE.canary(SHOP_NEXT.backend(WEB), 10);

        List<String> found = problems(stack(certificate,
                EmissaryListener.named("http").on(GATEWAY.httpPort())
                        .accepting(EmissaryListener.Protocol.HTTP, EmissaryListener.SecurityModel.XFP).servedBy(GATEWAY),
                EmissaryHost.named("shop").hostname("shop.example.com").withTls(certificate).servedBy(GATEWAY),
                canary.primary(), canary.canary()));

        assertThat(found).isEmpty();
    }

    @Test
    void reports_a_route_to_isolated_pods_that_do_not_admit_the_gateway() {
        NetworkPolicyDef ingressOnly = NetworkPolicyDef.named("shop").isolating(SHOP_APP)
                .allowingFrom(NetworkPeer.namespace("ingress-nginx"), HTTP)
                // An address range is for addresses outside the cluster: it does not count for pods.
                .allowingFrom(NetworkPeer.anywhere(), HTTP);
        assertThat(problems(stack(ROUTE, ingressOnly))).containsExactly(
                "prod/Mapping shop: routes to Service shop port http, but NetworkPolicy shop admits no traffic from the pods of gateway "
                        + "Deployment ambassador to 5000/TCP, so every request through the gateway times out (admitted: pods of namespace "
                        + "ingress-nginx on 5000/TCP; addresses 0.0.0.0/0 on 5000/TCP). "
                        + "Add allowingFrom(gateway.pods(), http port) to NetworkPolicy shop (an address range does not reliably match pods).");

        assertThat(problems(stack(ROUTE, NetworkPolicyDef.named("shop").isolating(SHOP_APP).allowingFrom(GATEWAY.pods(), HTTP)))).isEmpty();
        assertThat(problems(stack(ROUTE, NetworkPolicyDef.named("shop").isolating(SHOP_APP).allowingFrom(NetworkPeer.sameNamespace())))).isEmpty();
        assertThat(problems(stack(ROUTE, NetworkPolicyDef.named("shop").isolating(SHOP_APP)
                .allowingFrom(NetworkPeer.namespace("shop-prod").pods("app.kubernetes.io/component", "gateway"), HTTP)))).isEmpty();
        assertThat(problems(stack(ROUTE, NetworkPolicyDef.named("shop").isolating(SHOP_APP)
                .allowingFrom(NetworkPeer.namespace("shop-prod").pods("app.kubernetes.io/component", "api"), HTTP)))).hasSize(1);
        // A range of the gateway's pods holding the routed port admits it; one of another protocol does not.
        assertThat(problems(stack(ROUTE, NetworkPolicyDef.named("shop").isolating(SHOP_APP).allowingFrom(GATEWAY.pods(), PortRange.tcp(5000, 5100)))))
                .isEmpty();
        assertThat(problems(stack(ROUTE, NetworkPolicyDef.named("shop").isolating(SHOP_APP).allowingFrom(GATEWAY.pods(), HTTP)
                .allowingFrom(NetworkPeer.anywhere(), PortRange.tcp(4000, 6000))))).isEmpty();
    }

    @Test
    void only_the_gateways_serving_a_mappings_id_must_be_admitted() {
        DeploymentDef internal = DeploymentDef.named("internal-gateway").running(ContainerDef.named("gateway")
                .image(Image.of("example/gateway", "1.0.0")).withPort(Port.tcp("http", 8080))
                .withEnv(Env.from("AMBASSADOR_NAMESPACE", PodField.NAMESPACE), Env.value("AMBASSADOR_ID", "internal")));
        NetworkPolicyDef admitsTheServingGateway = NetworkPolicyDef.named("shop").isolating(SHOP_APP).allowingFrom(GATEWAY.pods(), HTTP);
        assertThat(problems(stack(ROUTE, admitsTheServingGateway, internal))).isEmpty();
        EmissaryMapping internalRoute = EmissaryMapping.named("shop-internal").prefix("/internal/").to(SHOP.backend(WEB))
                .withAmbassadorId(AmbassadorId.of("internal"));
        assertThat(problems(stack(ROUTE, internalRoute, admitsTheServingGateway, internal))).singleElement().asString()
                .contains("Mapping shop-internal: routes to Service shop port http").contains("gateway Deployment internal-gateway");
    }

    @Test
    void reports_an_annotation_route_to_isolated_pods_that_do_not_admit_the_gateway() {
        GatewayInstallation annotations = GatewayInstallation.forRouting(RoutingForm.ANNOTATION, NAMESPACE);
        ServiceDef routed = AmbassadorMapping.named("shop_mapping").prefix("/").addTo(SHOP.backend(WEB));
        Stack stack = Stack.named("shop").environment("prod").namespace(NAMESPACE)
                .with(annotations.objects().toArray(KubeObject<?>[]::new))
                .with(SHOP_APP, routed, NetworkPolicyDef.named("shop").isolating(SHOP_APP));
        assertThat(problems(stack)).containsExactly(
                "prod/Service shop: routes to Service shop port http, but NetworkPolicy shop admits no traffic from the pods of gateway "
                        + "Deployment ambassador to 5000/TCP, so every request through the gateway times out (admitted: nothing). "
                        + "Add allowingFrom(gateway.pods(), http port) to NetworkPolicy shop.");
    }

    @Test
    void reads_the_routes_of_hand_written_mapping_annotations() {
        ServiceDef twoPorts = ServiceDef.named("shop").selecting(SHOP_APP).withPort(ServicePort.of(80, HTTP))
                .withPort(ServicePort.of(8080, HTTP).named("alt"));
        assertThat(GatewayRouteAdmissionCheck.annotatedRoutes(twoPorts, "---\nname: a\nservice: shop\n", "shop-prod"))
                .extracting(ServicePort::port).containsExactly(80);
        assertThat(GatewayRouteAdmissionCheck.annotatedRoutes(twoPorts, "name: a\nservice: shop.shop-prod:8080", "shop-prod"))
                .extracting(ServicePort::port).containsExactly(8080);
        assertThat(GatewayRouteAdmissionCheck.annotatedRoutes(twoPorts, "  service: \"http://shop:80\"\n", "shop-prod"))
                .extracting(ServicePort::port).containsExactly(80);
        assertThat(GatewayRouteAdmissionCheck.annotatedRoutes(twoPorts, "service: shop.other-namespace:80\nservice: web:80\nservice: shop:81", "shop-prod"))
                .isEmpty();
    }

    @Test
    void reports_a_canary_whose_weights_do_not_add_up_to_100() {
        CanaryRoute canary = ROUTE.canary(SHOP_NEXT.backend(WEB), 10);

        // The canary Mapping was left out of the stack: 90% of the traffic has a route, 10% none.
        assertThat(problems(stack(canary.primary()))).containsExactly(
                "prod/Mapping shop: the weights of the Mappings for prefix / on host shop.example.com add up to 90, not 100 (shop=90). "
                        + "Split a route with primary.canary(backend, percent), which sets both weights, and add both Mappings to the stack.");
    }

    @Test
    void reports_two_canaries_of_one_route_that_add_up_to_more_than_100() {
        CanaryRoute canary = ROUTE.canary(SHOP_NEXT.backend(WEB), 10);
        EmissaryMapping another = EmissaryMapping.named("shop-canary-2").prefix("/").to(SHOP_NEXT.backend(WEB))
                .withHostname("shop.example.com").withWeight(20).servedBy(GATEWAY);

        assertThat(problems(stack(canary.primary(), canary.canary(), another))).containsExactly(
                "prod/Mapping shop: the weights of the Mappings for prefix / on host shop.example.com add up to 120, not 100 "
                        + "(shop=90, shop-canary=10, shop-canary-2=20). "
                        + "Split a route with primary.canary(backend, percent), which sets both weights, and add both Mappings to the stack.");
    }

    @Test
    void reports_weights_that_leave_nothing_for_an_unweighted_mapping_of_the_route() {
        EmissaryMapping all = ROUTE.withWeight(100);
        EmissaryMapping other = EmissaryMapping.named("shop-b").prefix("/").to(SHOP_NEXT.backend(WEB))
                .withHostname("shop.example.com").servedBy(GATEWAY);

        assertThat(problems(stack(all, other))).containsExactly(
                "prod/Mapping shop: the weights of the Mappings for prefix / on host shop.example.com add up to 100, "
                        + "leaving nothing for the Mappings without a weight (shop=100, shop-b=unset). "
                        + "Lower the weights below 100 in all, or give every Mapping of the route a weight.");
    }


    @Test
    void reports_weights_over_100_beside_an_unweighted_mapping_as_leaving_it_nothing() {
        // Emissary refuses the route, and it has no shares to judge the canary's capacity by: one problem, this one.
        CanaryRoute canary = ROUTE.canary(SHOP_NEXT.backend(WEB), 20);
        EmissaryMapping weighted = EmissaryMapping.named("shop-c").prefix("/").to(SHOP_NEXT.backend(WEB))
                .withHostname("shop.example.com").withWeight(30).servedBy(GATEWAY);
        EmissaryMapping other = EmissaryMapping.named("shop-b").prefix("/").to(SHOP_NEXT.backend(WEB))
                .withHostname("shop.example.com").servedBy(GATEWAY);

        assertThat(problems(stack(canary.primary(), canary.canary(), weighted, other))).containsExactly(
                "prod/Mapping shop: the weights of the Mappings for prefix / on host shop.example.com add up to 130, "
                        + "leaving nothing for the Mappings without a weight (shop=80, shop-canary=20, shop-c=30, shop-b=unset). "
                        + "Lower the weights below 100 in all, or give every Mapping of the route a weight.");
    }
    @Test
    void mappings_of_one_prefix_read_by_two_gateways_are_two_routes() {
        // Each gateway reads only the Mappings of its ambassador_id, so neither splits its traffic with the other's.
        EmissaryMapping blue = ROUTE.withAmbassadorId(AmbassadorId.of("blue"));
        EmissaryMapping green = EmissaryMapping.named("shop-green").prefix("/").to(SHOP_NEXT.backend(WEB))
                .withHostname("shop.example.com").withAmbassadorId(AmbassadorId.of("green"));

        assertThat(problems(stack(blue, green))).noneMatch(problem -> problem.contains("no Mapping of the route has a weight"))
                .anyMatch(problem -> problem.startsWith("prod/Mapping shop-green: carries ambassador_id green"));
    }

    @Test
    void reports_two_unweighted_mappings_of_one_route() {
        EmissaryMapping duplicate = EmissaryMapping.named("shop-dup").prefix("/").to(SHOP_NEXT.backend(WEB))
                .withHostname("shop.example.com").servedBy(GATEWAY);

        assertThat(problems(stack(ROUTE, duplicate))).containsExactly(
                "prod/Mapping shop-dup: routes prefix / on host shop.example.com as Mapping shop does, and no Mapping of the route has a weight "
                        + "(shop, shop-dup). Emissary would share the traffic between them. Route a prefix once per host, or split it "
                        + "on purpose with primary.canary(backend, percent).");
    }

    @Test
    void reports_two_services_whose_annotations_route_one_prefix_without_weights() {
        // Ambassador 1.x groups the annotations' Mappings by prefix and host as it does resources, and splits the route 50/50.
        ServiceDef shop = AmbassadorMapping.named("shop_mapping").prefix("/").addTo(SHOP.backend(WEB));
        ServiceDef next = AmbassadorMapping.named("next_mapping").prefix("/").addTo(SHOP_NEXT.backend(WEB));
        ServiceDef api = AmbassadorMapping.named("api_mapping").prefix("/api/").addTo(SHOP_NEXT.backend(WEB));
        assertThat(problems(annotationStack(shop, next))).containsExactly(
                "prod/Service shop-next: routes prefix / on host * as Service shop does, and no Mapping of the route has a weight "
                        + "(shop_mapping of Service shop, next_mapping of Service shop-next). Ambassador would share the traffic between "
                        + "them. Give their annotations' Mappings weights that add up to 100, or route different prefixes.");
        assertThat(problems(annotationStack(shop, api))).isEmpty();
    }

    @Test
    void weighs_the_mappings_of_annotations_written_by_hand_as_those_of_resources() {
        ServiceDef shop = SHOP.withAnnotation(AmbassadorMapping.ANNOTATION,
                "---\napiVersion: ambassador/v1\nkind: Mapping\nname: shop_mapping\nprefix: /\nservice: shop:5000\nweight: 90\n");
        ServiceDef next = SHOP_NEXT.withAnnotation(AmbassadorMapping.ANNOTATION,
                "---\napiVersion: ambassador/v1\nkind: Mapping\nname: next_mapping\nprefix: /\nservice: shop-next:5000\nweight: \"5\"\n");
        assertThat(problems(annotationStack(shop, next))).containsExactly(
                "prod/Service shop: the weights of the Mappings for prefix / on host * add up to 95, not 100 "
                        + "(shop_mapping of Service shop=90, next_mapping of Service shop-next=5). "
                        + "Make the weights of the annotations' Mappings add up to 100.");
    }

    /** A gateway of the stack whose AMBASSADOR_ID is {@code id}, as one installed beside kforge's own. */
    private static DeploymentDef gatewayServing(String id) {
        return DeploymentDef.named(id + "-gateway").running(ContainerDef.named("gateway")
                .image(Image.of("example/gateway", "1.0.0")).withPort(Port.tcp("http", 8080))
                .withEnv(Env.from("AMBASSADOR_NAMESPACE", PodField.NAMESPACE), Env.value("AMBASSADOR_ID", id)));
    }

    /** {@code service} with one hand-written Mapping of {@code prefix} to it, plus {@code extra} top-level lines. */
    private static ServiceDef annotated(ServiceDef service, String mapping, String prefix, String extra) {
        return service.withAnnotation(AmbassadorMapping.ANNOTATION, "---\napiVersion: ambassador/v1\nkind: Mapping\nname: " + mapping
                + "\nprefix: " + prefix + "\nservice: " + service.name() + ":5000\n" + extra);
    }

    @Test
    void annotations_mappings_of_one_prefix_read_by_two_gateways_are_two_routes() {
        // Ambassador 1.x reads only the annotations' Mappings of its own ambassador_id, as Emissary does resources.
        ServiceDef shop = annotated(SHOP, "shop_mapping", "/", "");
        ServiceDef internal = annotated(SHOP_NEXT, "internal_mapping", "/", "ambassador_id: [ \"internal\" ]\n");
        ServiceDef both = annotated(SHOP_NEXT, "both_mapping", "/", "ambassador_id:\n- default\n- internal # both gateways\n");

        assertThat(problems(annotationStack(shop, internal).with(gatewayServing("internal")))).isEmpty();
        // A Mapping read by both gateways shares the route of each: one split, reported once.
        assertThat(problems(annotationStack(shop, both).with(gatewayServing("internal")))).containsExactly(
                "prod/Service shop-next: routes prefix / on host * as Service shop does, and no Mapping of the route has a weight "
                        + "(shop_mapping of Service shop, both_mapping of Service shop-next). Ambassador would share the traffic between "
                        + "them. Give their annotations' Mappings weights that add up to 100, or route different prefixes.");
    }

    @Test
    void reports_an_annotations_mapping_whose_ambassador_id_no_gateway_serves() {
        ServiceDef green = annotated(SHOP, "shop_mapping", "/", "ambassador_id: green\n");
        ServiceDef greenOrDefault = annotated(SHOP, "shop_mapping", "/", "ambassador_id: ['green', 'default']\n");

        assertThat(problems(annotationStack(green))).containsExactly(
                "prod/Service shop: its getambassador.io/config annotation's Mapping shop_mapping carries ambassador_id green, which no "
                        + "gateway of the stack serves, so it is ignored (gateways serve: [default]). Give it an ambassador_id a gateway "
                        + "of the stack serves, or none for the gateway without an AMBASSADOR_ID.");
        assertThat(problems(annotationStack(greenOrDefault))).isEmpty();
    }

    @Test
    void only_the_gateways_serving_an_annotations_mapping_must_be_admitted() {
        NetworkPolicyDef admitsTheDefaultGateway = NetworkPolicyDef.named("shop").isolating(SHOP_APP)
                .allowingFrom(GatewayInstallation.forRouting(RoutingForm.ANNOTATION, NAMESPACE).pods(), HTTP);
        ServiceDef internalOnly = annotated(SHOP, "shop_mapping", "/", "ambassador_id: internal\n");

        assertThat(problems(annotationStack(annotated(SHOP, "shop_mapping", "/", ""))
                .with(admitsTheDefaultGateway, gatewayServing("internal")))).isEmpty();
        assertThat(problems(annotationStack(internalOnly).with(admitsTheDefaultGateway, gatewayServing("internal"))))
                .singleElement().asString()
                .startsWith("prod/Service shop: routes to Service shop port http, but NetworkPolicy shop admits no traffic from the pods of "
                        + "gateway Deployment internal-gateway to 5000/TCP");
    }

    @Test
    void mappings_of_other_prefixes_or_hosts_are_separate_routes() {
        EmissaryMapping api = EmissaryMapping.named("shop-api").prefix("/api/").to(SHOP_NEXT.backend(WEB))
                .withHostname("shop.example.com").servedBy(GATEWAY);
        EmissaryMapping otherHost = EmissaryMapping.named("shop-admin").prefix("/").to(SHOP_NEXT.backend(WEB))
                .withHostname("admin.example.com").servedBy(GATEWAY);

        assertThat(problems(stack(ROUTE, api, otherHost))).isEmpty();
    }

    @Test
    void reports_a_mapping_to_a_service_that_is_not_in_the_stack() {
        ServiceDef legacy = ServiceDef.named("legacy").selecting(PodSelection.ExternalPods.labelled(
                dev.kforge.dsl.core.Labels.of("app", "legacy"), HTTP)).withPort(WEB);
        EmissaryMapping mapping = EmissaryMapping.named("legacy").prefix("/legacy/").to(legacy.backend(WEB)).servedBy(GATEWAY);

        assertThat(problems(stack(mapping))).containsExactly(
                "prod/Mapping legacy: routes to Service legacy, which is not in the stack (legacy:5000). Add the Service to the stack.");
    }

    @Test
    void reports_a_prefix_without_a_trailing_slash_that_the_default_rewrite_replaces() {
        EmissaryMapping api = EmissaryMapping.named("shop-api").prefix("/api").to(SHOP.backend(WEB)).servedBy(GATEWAY);

        assertThat(problems(stack(api))).containsExactly(
                "prod/Mapping shop-api: has a prefix without a trailing '/', which the default rewrite \"/\" replaces: /api/items reaches "
                        + "Service shop as //items, and /apix matches too, as /x (prefix /api). Write prefix(\"/api/\"), or keep the request "
                        + "path with withOriginalPath(), or give withRewrite(..).");
        assertThat(problems(stack(api.withOriginalPath()))).isEmpty();
        assertThat(problems(stack(api.withRewrite("/v1")))).isEmpty();
        assertThat(problems(stack(EmissaryMapping.named("shop-api").prefix("/api/").to(SHOP.backend(WEB)).servedBy(GATEWAY)))).isEmpty();
    }

    @Test
    void reports_a_mapping_to_a_port_the_stacks_version_of_the_service_lacks() {
        ServicePort metrics = ServicePort.of(9000, HTTP).named("metrics");
        ServiceDef withMetrics = SHOP.withPort(metrics);
        EmissaryMapping mapping = EmissaryMapping.named("shop-metrics").prefix("/metrics/").to(withMetrics.backend(metrics)).servedBy(GATEWAY);

        assertThat(problems(stack(mapping))).containsExactly(
                "prod/Mapping shop-metrics: routes to port metrics that Service shop does not have (shop:9000). "
                        + "Ports: [http (5000 -> http/5000)].");
    }

    @Test
    void reports_a_host_whose_tls_secret_is_not_in_the_stack() {
        EmissaryHost host = EmissaryHost.named("shop").hostname("shop.example.com").withTls(SecretDef.tls("shop-tls")).servedBy(GATEWAY);

        assertThat(problems(stack(host))).containsExactly(
                "prod/Host shop: tlsSecret uses Secret shop-tls, which is not in the stack (shop-tls). Add it to the stack with Stack.with(...).");
    }

    @Test
    void reports_a_host_whose_tls_secret_the_stack_declares_with_another_type() {
        EmissaryHost host = EmissaryHost.named("shop").hostname("shop.example.com").withTls(SecretDef.tls("shop-tls")).servedBy(GATEWAY);

        assertThat(problems(stack(host, SecretDef.opaque("shop-tls", "CERT")))).containsExactly(
                "prod/Host shop: tlsSecret uses Secret shop-tls, which the stack declares as Opaque (shop-tls). "
                        + "Declare it with SecretDef.tls(\"shop-tls\").");
    }

    @Test
    void reports_a_listener_on_a_port_no_deployment_declares() {
        EmissaryListener listener = EmissaryListener.named("alt").on(Port.tcp("alt", 9090))
                .accepting(EmissaryListener.Protocol.HTTP, EmissaryListener.SecurityModel.XFP).servedBy(GATEWAY);

        assertThat(problems(stack(listener))).containsExactly(
                "prod/Listener alt: listens on port alt (9090/TCP) that no Deployment of the stack declares "
                        + "(declared: [http (8080/TCP), https (8443/TCP), admin (8877/TCP), http (5000/TCP), http (5000/TCP)]). "
                        + "Listen on a port of the gateway, e.g. gateway.httpPort(), and add the gateway to the stack.");
    }

    @Test
    void reports_a_listener_on_a_port_no_service_sends_traffic_to() {
        // The gateway serves HTTP only: its entry Service has no 443 -> https.
        EmissaryListener https = EmissaryListener.named("https").on(GATEWAY.httpsPort())
                .accepting(EmissaryListener.Protocol.HTTPS, EmissaryListener.SecurityModel.XFP).servedBy(GATEWAY);

        assertThat(problems(stack(ROUTE, https))).containsExactly(
                "prod/Listener https: listens on port https (8443/TCP) of Deployment ambassador, which no Service of the stack sends traffic "
                        + "to, so no request reaches it (ambassador [http (80 -> http/8080)]; ambassador-admin [admin (8877 -> admin/8877)]). "
                        + "Expose it with a Service port (gateway.withHttps() adds 443 -> https to the gateway's entry Service), or listen on "
                        + "a port a Service sends to, e.g. gateway.httpPort().");

        GatewayInstallation withHttps = GATEWAY.withHttps();
        Stack exposed = Stack.named("shop").environment("prod").namespace(NAMESPACE)
                .with(withHttps.objects().toArray(KubeObject<?>[]::new)).with(SHOP_APP, NEXT_APP, SHOP, SHOP_NEXT, ROUTE, https);
        assertThat(problems(exposed)).isEmpty();
    }

    @Test
    void reports_a_listener_on_a_port_of_another_workload_than_the_gateway() {
        EmissaryListener onTheApp = EmissaryListener.named("app").on(HTTP)
                .accepting(EmissaryListener.Protocol.HTTP, EmissaryListener.SecurityModel.XFP).servedBy(GATEWAY);

        assertThat(problems(stack(ROUTE, onTheApp))).containsExactly(
                "prod/Listener app: listens on port http (5000/TCP) of Deployment shop, not of a gateway, while a Listener opens the port "
                        + "in the gateway's pods, where no Service sends traffic to it (gateways: [Deployment ambassador]). Listen on a port "
                        + "of the gateway, e.g. gateway.httpPort().");
    }

    @Test
    void reports_two_listeners_of_a_gateway_on_one_port() {
        EmissaryListener http = EmissaryListener.named("http").on(GATEWAY.httpPort())
                .accepting(EmissaryListener.Protocol.HTTP, EmissaryListener.SecurityModel.XFP).servedBy(GATEWAY);
        EmissaryListener https = EmissaryListener.named("https").on(GATEWAY.httpPort())
                .accepting(EmissaryListener.Protocol.HTTPS, EmissaryListener.SecurityModel.XFP).servedBy(GATEWAY);
        EmissaryListener otherGateway = EmissaryListener.named("other").on(GATEWAY.httpPort())
                .accepting(EmissaryListener.Protocol.HTTP, EmissaryListener.SecurityModel.XFP).withAmbassadorId(AmbassadorId.of("other"));
        EmissaryListener secure = EmissaryListener.named("secure").on(GATEWAY.httpsPort())
                .accepting(EmissaryListener.Protocol.HTTPS, EmissaryListener.SecurityModel.XFP).servedBy(GATEWAY);

        assertThat(problems(stack(ROUTE, http, https, otherGateway, secure)).stream()
                .filter(p -> !p.contains("ambassador_id") && !p.contains("no Service of the stack sends traffic"))).containsExactly(
                "prod/Listener https: listens on port 8080/TCP, as Listener http of the same gateway does, and the gateway's Envoy takes "
                        + "one listener per address and port (it refuses a duplicate), so one of them does not serve (http (8080/TCP)). Give each Listener of a gateway its own port, "
                        + "e.g. gateway.httpsPort() for HTTPS.");
    }

    @Test
    void reports_resources_the_stacks_gateway_would_ignore_for_their_ambassador_id() {
        EmissaryMapping unmarked = EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB));
        EmissaryHost otherGateway = EmissaryHost.named("shop").hostname("shop.example.com").withAmbassadorId(AmbassadorId.of("shop-dev"));

        assertThat(problems(stack(unmarked, otherGateway))).containsExactly(
                "prod/Host shop: carries ambassador_id shop-dev, which no gateway of the stack serves, so it is ignored "
                        + "(gateways serve: [shop-prod]). Mark it with servedBy(gateway).",
                "prod/Mapping shop: carries ambassador_id default, which no gateway of the stack serves, so it is ignored "
                        + "(gateways serve: [shop-prod]). Mark it with servedBy(gateway).");
    }

    @Test
    void without_a_gateway_in_the_stack_ambassador_ids_are_not_checked() {
        Stack withoutGateway = Stack.named("shop").environment("prod").namespace(NAMESPACE)
                .with(SHOP_APP, SHOP, EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB)));

        assertThat(problems(withoutGateway)).isEmpty();
    }

    @Test
    void reports_every_problem_of_the_stack_at_once() {
        CanaryRoute canary = ROUTE.canary(SHOP_NEXT.backend(WEB), 10);
        EmissaryHost host = EmissaryHost.named("shop").hostname("shop.example.com").withTls(SecretDef.tls("shop-tls")).servedBy(GATEWAY);
        Stack stack = Stack.named("shop").environment("prod").namespace(NAMESPACE)
                .with(GATEWAY.objects().toArray(KubeObject<?>[]::new))
                .with(SHOP_APP, SHOP, canary.primary(), canary.canary(), host);

        assertThat(problems(stack)).extracting(line -> line.substring(0, line.indexOf(':')))
                .containsExactly("prod/Mapping shop-canary", "prod/Host shop");
    }
}
