package dev.kforge.dsl.check;

import static dev.kforge.dsl.testing.Rendering.demoStack;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.IngressPath;
import dev.kforge.dsl.network.IngressRule;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.PortRange;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A NetworkPolicy must isolate and admit Deployments of the stack, leave its Services reachable and its pods able to resolve names. */
class NetworkPolicyChecksTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final Port METRICS = Port.tcp("metrics", 9090);

    private static DeploymentDef deployment(String name) {
        return DeploymentDef.named(name).running(ContainerDef.named(name).image(Image.of("example/" + name, "1.0.0"))
                .withPort(HTTP).withPort(METRICS));
    }

    /** The structural problems (policy checks off) of a stack of {@code objects}, with severity, without origins. */
    private static List<String> problems(KubeObject<?>... objects) {
        Problems problems = new Problems();
        Checks.run(List.of(demoStack(objects).withPolicy(noPolicy())), problems);
        return problems.all().stream().map(p -> p.severity() + " " + p.format().replaceAll(" \\[at .*]$", "")).toList();
    }

    @Test
    void a_service_whose_ports_the_policy_admits_passes() {
        DeploymentDef api = deployment("api");
        DeploymentDef proxy = deployment("proxy");
        ServiceDef service = ServiceDef.named("api").selecting(api).withPort(ServicePort.of(80, HTTP));
        assertThat(problems(api, proxy, service,
                NetworkPolicyDef.named("api").isolating(api).allowingFrom(NetworkPeer.podsOf(proxy), HTTP),
                NetworkPolicyDef.named("proxy").isolating(proxy).allowingFrom(NetworkPeer.anywhere())
                        .isolatingEgress().allowingDns().allowingTo(NetworkPeer.podsOf(api), HTTP))).isEmpty();
    }

    @Test
    void reports_a_policy_of_or_for_a_deployment_not_in_the_stack() {
        DeploymentDef api = deployment("api");
        assertThat(problems(NetworkPolicyDef.named("api").isolating(api).allowingFrom(NetworkPeer.podsOf(deployment("proxy")), HTTP)))
                .containsExactly(
                        "ERROR test/NetworkPolicy api: isolates Deployment api, which is not in the stack (api). "
                                + "Add the Deployment to the stack, or name one that is.",
                        "ERROR test/NetworkPolicy api: admits the pods of Deployment proxy, which is not in the stack (proxy). "
                                + "Add the Deployment to the stack, or name one that is.");
    }

    @Test
    void reports_each_service_port_that_no_allowance_admits() {
        DeploymentDef api = deployment("api");
        ServiceDef service = ServiceDef.named("api").selecting(api)
                .withPort(ServicePort.of(80, HTTP))
                .withPort(ServicePort.of(9090, METRICS));
        assertThat(problems(api, service, NetworkPolicyDef.named("api").isolating(api))).containsExactly(
                "ERROR test/Service api: port http reaches no pod: NetworkPolicy api isolates Deployment api and admits no traffic to 8080/TCP "
                        + "(admitted: nothing). Admit the Service's clients with allowingFrom(<peer>, http port) on NetworkPolicy api.",
                "ERROR test/Service api: port metrics reaches no pod: NetworkPolicy api isolates Deployment api and admits no traffic to 9090/TCP "
                        + "(admitted: nothing). Admit the Service's clients with allowingFrom(<peer>, metrics port) on NetworkPolicy api.");
        // A Service of pods no policy isolates is reachable, whatever the policies of other Deployments say.
        DeploymentDef open = deployment("open");
        assertThat(problems(api, open, ServiceDef.named("open").selecting(open).withPort(ServicePort.of(80, HTTP)),
                NetworkPolicyDef.named("api").isolating(api))).isEmpty();
        // Several policies isolating one Deployment add up.
        assertThat(problems(api, service,
                NetworkPolicyDef.named("api").isolating(api).allowingFrom(NetworkPeer.namespace("ingress-nginx"), HTTP),
                NetworkPolicyDef.named("api-metrics").isolating(api).allowingFrom(NetworkPeer.namespace("monitoring"), METRICS))).isEmpty();
        assertThat(problems(api, service, NetworkPolicyDef.named("api").isolating(api).allowingFrom(NetworkPeer.sameNamespace(), HTTP)))
                .containsExactly("ERROR test/Service api: port metrics reaches no pod: NetworkPolicy api isolates Deployment api and admits "
                        + "no traffic to 9090/TCP (admitted: pods of the namespace on 8080/TCP). "
                        + "Admit the Service's clients with allowingFrom(<peer>, metrics port) on NetworkPolicy api.");
    }

    @Test
    void warns_when_an_ingress_routes_to_pods_that_admit_no_one_from_outside_the_namespace() {
        DeploymentDef api = deployment("api");
        DeploymentDef proxy = deployment("proxy");
        ServicePort web = ServicePort.of(80, HTTP);
        ServiceDef service = ServiceDef.named("api").selecting(api).withPort(web);
        IngressDef ingress = IngressDef.named("api").withRule(IngressRule.host("api.example.com").withPath(IngressPath.prefix("/", service.backend(web))));
        assertThat(problems(api, proxy, service, ingress, NetworkPolicyDef.named("api").isolating(api).allowingFrom(NetworkPeer.podsOf(proxy), HTTP)))
                .containsExactly("WARNING test/Ingress api: routes to Service api port http, but NetworkPolicy api admits no traffic from outside "
                        + "namespace demo-test to 8080/TCP, so the Ingress controller (in a namespace of its own) cannot reach the pods "
                        + "(admitted: pods of Deployment proxy on 8080/TCP). "
                        + "Admit the controller's namespace: allowingFrom(NetworkPeer.namespace(\"ingress-nginx\"), http port).");
        // Two paths (or hosts) to one Service port are one route for the controller: one warning, not one per path.
        IngressDef twoPaths = IngressDef.named("api").withRule(IngressRule.host("api.example.com")
                .withPath(IngressPath.prefix("/", service.backend(web))).withPath(IngressPath.prefix("/v2", service.backend(web))));
        assertThat(problems(api, proxy, service, twoPaths, NetworkPolicyDef.named("api").isolating(api)
                .allowingFrom(NetworkPeer.podsOf(proxy), HTTP))).singleElement().asString().startsWith("WARNING test/Ingress api: routes to Service api port http");
        assertThat(problems(api, service, ingress, NetworkPolicyDef.named("api").isolating(api)
                .allowingFrom(NetworkPeer.namespace("ingress-nginx"), HTTP))).isEmpty();
        // A controller on the nodes' network comes from addresses.
        assertThat(problems(api, service, ingress, NetworkPolicyDef.named("api").isolating(api)
                .allowingFrom(NetworkPeer.cidr("10.0.0.0/8"), HTTP))).isEmpty();
        // The controller's namespace admitted to another port only does not count.
        assertThat(problems(api, service.withPort(ServicePort.of(9090, METRICS)), ingress, NetworkPolicyDef.named("api").isolating(api)
                .allowingFrom(NetworkPeer.sameNamespace(), HTTP)
                .allowingFrom(NetworkPeer.namespace("ingress-nginx"), METRICS))).singleElement().asString().startsWith("WARNING test/Ingress api");
        // A range of the controller's namespace holding the routed port admits it; one of another protocol does not.
        assertThat(problems(api, service, ingress, NetworkPolicyDef.named("api").isolating(api)
                .allowingFrom(NetworkPeer.namespace("ingress-nginx"), PortRange.tcp(8000, 9999)))).isEmpty();
        assertThat(problems(api, service.withPort(ServicePort.of(9090, METRICS)), ingress, NetworkPolicyDef.named("api").isolating(api)
                .allowingFrom(NetworkPeer.sameNamespace())
                .allowingFrom(NetworkPeer.namespace("ingress-nginx"), PortRange.tcp(9000, 9999)))).singleElement().asString()
                .contains("(admitted: pods of the namespace on every port; pods of namespace ingress-nginx on 9000-9999/TCP)");
    }

    @Test
    void anyone_takes_in_the_ingress_controller_the_dns_the_api_server_and_the_pods_of_the_stack() {
        ServiceAccountDef account = ServiceAccountDef.named("api");
        DeploymentDef api = deployment("api").withApiAccessAs(account);
        DeploymentDef proxy = deployment("proxy");
        ServicePort web = ServicePort.of(80, HTTP);
        ServiceDef service = ServiceDef.named("api").selecting(api).withPort(web);
        IngressDef ingress = IngressDef.named("api").withRule(IngressRule.host("api.example.com").withPath(IngressPath.prefix("/", service.backend(web))));
        // The proxy sends to the api's pods, which admit anyone on that port; the api resolves names and calls the API server.
        assertThat(problems(api, proxy, account, service, ingress,
                NetworkPolicyDef.named("api").isolating(api).allowingFrom(NetworkPeer.anyone(), HTTP)
                        .isolatingEgress().allowingTo(NetworkPeer.anyone(), Port.udp("dns", 53), Port.tcp("https", 443)),
                NetworkPolicyDef.named("proxy").isolating(proxy).isolatingEgress().allowingDns().allowingTo(NetworkPeer.podsOf(api), HTTP)))
                .isEmpty();
        // Anyone on another port admits none of them there.
        assertThat(problems(api, proxy, account, service, ingress,
                NetworkPolicyDef.named("api").isolating(api).allowingFrom(NetworkPeer.anyone(), METRICS)
                        .isolatingEgress().allowingTo(NetworkPeer.anyone(), Port.tcp("https", 443)),
                NetworkPolicyDef.named("proxy").isolating(proxy).isolatingEgress().allowingDns().allowingTo(NetworkPeer.podsOf(api), HTTP)))
                .extracting(line -> line.substring(0, line.indexOf(':', line.indexOf('/'))))
                .containsExactlyInAnyOrder("ERROR test/Service api", "WARNING test/Ingress api", "ERROR test/NetworkPolicy api",
                        "WARNING test/NetworkPolicy api");
    }

    @Test
    void warns_when_isolated_outgoing_traffic_cannot_reach_the_clusters_dns() {
        DeploymentDef api = deployment("api");
        assertThat(problems(api, NetworkPolicyDef.named("api").isolating(api).isolatingEgress()
                .allowingTo(NetworkPeer.internet(), Port.tcp("https", 443)))).containsExactly(
                "WARNING test/NetworkPolicy api: isolates the outgoing traffic of Deployment api without admitting the cluster's DNS, so its "
                        + "pods cannot resolve any name (addresses 0.0.0.0/0 except 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 on 443/TCP). "
                        + "Add allowingDns() (the cluster's DNS pods, port 53 on UDP and TCP).");
        // Every port of some other addresses, or port 53 of a public resolver, is not the cluster's DNS.
        assertThat(problems(api, NetworkPolicyDef.named("api").isolating(api).isolatingEgress()
                .allowingTo(NetworkPeer.cidr("203.0.113.0/24")))).hasSize(1);
        assertThat(problems(api, NetworkPolicyDef.named("api").isolating(api).isolatingEgress()
                .allowingTo(NetworkPeer.cidr("8.8.8.8/32"), Port.udp("dns", 53)))).hasSize(1);
        // Every address on every port, or the DNS pods by namespace alone, are.
        assertThat(problems(api, NetworkPolicyDef.named("api").isolating(api).isolatingEgress().allowingTo(NetworkPeer.anywhere()))).isEmpty();
        // Every IPv6 address alone does not reach a DNS Service with an IPv4 address, as on IPv4-only and most dual-stack clusters.
        assertThat(problems(api, NetworkPolicyDef.named("api").isolating(api).isolatingEgress().allowingTo(NetworkPeer.anywhereIpv6()))).hasSize(1);
        assertThat(problems(api, NetworkPolicyDef.named("api").isolating(api).isolatingEgress()
                .allowingTo(NetworkPeer.namespace("kube-system"), Port.udp("dns", 53)))).isEmpty();
    }

    @Test
    void pods_whose_outgoing_traffic_is_denied_altogether_need_no_dns() {
        // A cache or a database that connects nowhere: egress isolated with no allowance resolves no name and needs none.
        DeploymentDef cache = deployment("cache");
        assertThat(problems(cache, NetworkPolicyDef.named("cache").isolating(cache).allowingFrom(NetworkPeer.sameNamespace(), HTTP)
                .isolatingEgress())).isEmpty();
        // Over all its policies: one sending somewhere asks for DNS again.
        assertThat(problems(cache, NetworkPolicyDef.named("cache").isolating(cache).isolatingEgress(),
                NetworkPolicyDef.named("cache-out").isolating(cache).isolatingEgress().allowingTo(NetworkPeer.cidr("203.0.113.0/24"))))
                .singleElement().asString().contains("cannot resolve any name (addresses 203.0.113.0/24 on every port)");
    }

    @Test
    void warns_when_isolated_outgoing_traffic_of_pods_calling_the_kubernetes_api_reaches_no_address() {
        ServiceAccountDef account = ServiceAccountDef.named("api");
        DeploymentDef api = deployment("api").withApiAccessAs(account);
        DeploymentDef db = deployment("db");
        NetworkPolicyDef toDbOnly = NetworkPolicyDef.named("api").isolating(api).isolatingEgress().allowingDns()
                .allowingTo(NetworkPeer.podsOf(db), HTTP);
        assertThat(problems(api, db, account, toDbOnly)).containsExactly(
                "WARNING test/NetworkPolicy api: isolates the outgoing traffic of Deployment api, whose pods call the Kubernetes API "
                        + "(withApiAccessAs), without admitting any address range, so they cannot reach the API server, which a "
                        + "NetworkPolicy matches by its addresses only (sends to: pods {k8s-app=kube-dns} of namespace kube-system on 53/UDP, "
                        + "53/TCP; pods of Deployment db on 8080/TCP). Add allowingTo(NetworkPeer.cidr(\"<address>/32\"), "
                        + "Port.tcp(\"apiserver\", <port>)) for each address and port of kubectl get endpointslices -n default "
                        + "-l kubernetes.io/service-name=kubernetes.");
        // An address range may hold the API server's address: it counts, from any of the workload's policies.
        assertThat(problems(api, db, account, toDbOnly,
                NetworkPolicyDef.named("api-server").isolating(api).isolatingEgress().allowingTo(NetworkPeer.cidr("10.0.0.1/32"))))
                .isEmpty();
        // Pods without an API token, or with outgoing traffic left open, are not concerned.
        assertThat(problems(deployment("api"), db, NetworkPolicyDef.named("api").isolating(deployment("api")).isolatingEgress().allowingDns()
                .allowingTo(NetworkPeer.podsOf(db), HTTP))).isEmpty();
        assertThat(problems(api, db, account, NetworkPolicyDef.named("api").isolating(api).allowingFrom(NetworkPeer.sameNamespace())))
                .isEmpty();
    }

    @Test
    void judges_dns_over_all_the_policies_of_a_deployment() {
        DeploymentDef api = deployment("api");
        assertThat(problems(api,
                NetworkPolicyDef.named("api-egress").isolating(api).isolatingEgress().allowingTo(NetworkPeer.internet(), Port.tcp("https", 443)),
                NetworkPolicyDef.named("api-dns").isolating(api).isolatingEgress().allowingDns())).isEmpty();
    }

    @Test
    void reports_ports_the_pods_an_allowance_is_about_do_not_declare() {
        DeploymentDef api = deployment("api");
        DeploymentDef apiWithoutMetrics = DeploymentDef.named("api").running(ContainerDef.named("api")
                .image(Image.of("example/api", "1.0.0")).withPort(HTTP));
        DeploymentDef db = DeploymentDef.named("db").running(ContainerDef.named("db").image(Image.of("example/db", "1.0.0"))
                .withPort(Port.tcp("postgres", 5432)));
        NetworkPolicyDef builtFromTheOldCopy = NetworkPolicyDef.named("api").isolating(api)
                .allowingFrom(NetworkPeer.namespace("monitoring"), METRICS)
                .isolatingEgress().allowingDns().allowingTo(NetworkPeer.podsOf(db), Port.tcp("pg", 5433));
        assertThat(problems(apiWithoutMetrics, db, builtFromTheOldCopy)).containsExactly(
                "ERROR test/NetworkPolicy api: admits port metrics (9090/TCP) of Deployment api, which no container of it declares "
                        + "(declared: [http (8080/TCP)]). Name a port its containers declare, from the Deployment the stack holds.",
                "ERROR test/NetworkPolicy api: sends to port pg (5433/TCP) of Deployment db, which no container of it declares "
                        + "(declared: [postgres (5432/TCP)]). Name a port its containers declare, from the Deployment the stack holds.");
    }
    @Test
    void egress_to_a_port_the_pods_do_not_declare_is_not_blamed_on_their_policy() {
        // The Service's port instead of the container's: the sender's policy is wrong, which the declared-port check says; the
        // database's policy admits the worker where it listens and is not told to admit a port nothing listens on.
        Port postgres = Port.tcp("postgres", 5432);
        DeploymentDef worker = deployment("worker");
        DeploymentDef db = DeploymentDef.named("db").running(ContainerDef.named("db").image(Image.of("example/db", "1.0.0")).withPort(postgres));
        assertThat(problems(worker, db,
                NetworkPolicyDef.named("worker").isolating(worker).allowingFrom(NetworkPeer.sameNamespace(), HTTP)
                        .isolatingEgress().allowingDns().allowingTo(NetworkPeer.podsOf(db), Port.tcp("postgres", 80)),
                NetworkPolicyDef.named("db").isolating(db).allowingFrom(NetworkPeer.podsOf(worker), postgres)))
                .noneMatch(problem -> problem.startsWith("ERROR test/NetworkPolicy db"))
                .anyMatch(problem -> problem.startsWith("ERROR test/NetworkPolicy worker: sends to port postgres (80/TCP) of Deployment db, "
                        + "which no container of it declares"));
    }

    @Test
    void reports_traffic_one_policy_sends_to_pods_whose_own_policies_do_not_admit_it() {
        Port postgres = Port.tcp("postgres", 5432);
        DeploymentDef worker = deployment("worker");
        DeploymentDef migrate = deployment("migrate");
        DeploymentDef db = DeploymentDef.named("db").running(ContainerDef.named("db").image(Image.of("example/db", "1.0.0")).withPort(postgres));
        NetworkPolicyDef workerPolicy = NetworkPolicyDef.named("worker").isolating(worker).allowingFrom(NetworkPeer.sameNamespace(), HTTP)
                .isolatingEgress().allowingDns().allowingTo(NetworkPeer.podsOf(db), postgres);
        // The database admits another workload than the one that sends to it: the worker's connections time out.
        assertThat(problems(worker, migrate, db, workerPolicy,
                NetworkPolicyDef.named("db").isolating(db).allowingFrom(NetworkPeer.podsOf(migrate), postgres))).containsExactly(
                "ERROR test/NetworkPolicy db: admits no traffic from the pods of Deployment worker to 5432/TCP of Deployment db, which "
                        + "NetworkPolicy worker sends there, so their connections time out (admitted: pods of Deployment migrate on 5432/TCP). "
                        + "Add allowingFrom(NetworkPeer.podsOf(<Deployment worker>), postgres port) to NetworkPolicy db, "
                        + "or send the traffic to the pods meant in NetworkPolicy worker.");
        // Admitted by workload, by the whole namespace, or by its pods' labels, it passes; policies of the database add up.
        assertThat(problems(worker, migrate, db, workerPolicy,
                NetworkPolicyDef.named("db").isolating(db).allowingFrom(NetworkPeer.podsOf(migrate), postgres),
                NetworkPolicyDef.named("db-worker").isolating(db).allowingFrom(NetworkPeer.podsOf(worker), postgres))).isEmpty();
        assertThat(problems(worker, db, workerPolicy, NetworkPolicyDef.named("db").isolating(db).allowingFrom(NetworkPeer.sameNamespace())))
                .isEmpty();
        assertThat(problems(worker, db, workerPolicy, NetworkPolicyDef.named("db").isolating(db)
                .allowingFrom(NetworkPeer.namespace("demo-test").pods("app.kubernetes.io/name", "worker"), postgres))).isEmpty();
        // A database no policy isolates admits everyone.
        assertThat(problems(worker, db, workerPolicy)).isEmpty();
    }

    @Test
    void warns_of_traffic_a_policy_admits_from_pods_whose_own_policies_do_not_send_it() {
        Port postgres = Port.tcp("postgres", 5432);
        DeploymentDef worker = deployment("worker");
        DeploymentDef db = DeploymentDef.named("db").running(ContainerDef.named("db").image(Image.of("example/db", "1.0.0")).withPort(postgres));
        NetworkPolicyDef dbPolicy = NetworkPolicyDef.named("db").isolating(db).allowingFrom(NetworkPeer.podsOf(worker), postgres);
        // The worker's outgoing traffic is isolated and reaches the DNS only: the database admits it in vain. An allowance says who
        // may connect, not who does: a worker that never connects there (an allowance left from an older version) loses nothing,
        // so this is a warning, not an error that would stop every render.
        assertThat(problems(worker, db, dbPolicy, NetworkPolicyDef.named("worker").isolating(worker).allowingFrom(NetworkPeer.sameNamespace(), HTTP)
                .isolatingEgress().allowingDns())).containsExactly(
                "WARNING test/NetworkPolicy worker: isolates the outgoing traffic of Deployment worker without sending to 5432/TCP of "
                        + "Deployment db, which NetworkPolicy db admits it to, so its connections there, if it makes any, time out "
                        + "(sends to: pods {k8s-app=kube-dns} of namespace kube-system on 53/UDP, 53/TCP). Add "
                        + "allowingTo(NetworkPeer.podsOf(<Deployment db>), postgres port) to NetworkPolicy worker, or admit the pods meant in "
                        + "NetworkPolicy db; if Deployment worker never connects there, drop that allowance (replies need none).");
        // Admitting the other end "for the replies", as the API does by itself, does not stop the render.
        DeploymentDef api = deployment("api");
        assertThat(problems(api, db,
                NetworkPolicyDef.named("api").isolating(api).allowingFrom(NetworkPeer.sameNamespace(), HTTP).allowingFrom(NetworkPeer.podsOf(db))
                        .isolatingEgress().allowingDns().allowingTo(NetworkPeer.podsOf(db), postgres),
                NetworkPolicyDef.named("db").isolating(db).allowingFrom(NetworkPeer.podsOf(api), postgres).isolatingEgress().allowingDns()))
                .singleElement().asString().startsWith("WARNING test/NetworkPolicy db: isolates the outgoing traffic of Deployment db "
                        + "without sending to any port of Deployment api");
        // Sent there by workload or to the whole namespace, it passes; outgoing traffic left open reaches everything.
        assertThat(problems(worker, db, dbPolicy, NetworkPolicyDef.named("worker").isolating(worker).allowingFrom(NetworkPeer.sameNamespace(), HTTP)
                .isolatingEgress().allowingDns().allowingTo(NetworkPeer.podsOf(db), postgres))).isEmpty();
        assertThat(problems(worker, db, dbPolicy, NetworkPolicyDef.named("worker").isolating(worker).allowingFrom(NetworkPeer.sameNamespace(), HTTP)
                .isolatingEgress().allowingDns().allowingTo(NetworkPeer.sameNamespace()))).isEmpty();
        assertThat(problems(worker, db, dbPolicy, NetworkPolicyDef.named("worker").isolating(worker).allowingFrom(NetworkPeer.sameNamespace(), HTTP)))
                .isEmpty();
    }

    @Test
    void a_declared_port_inside_an_ingress_range_is_admitted() {
        DeploymentDef api = deployment("api");
        ServiceDef service = ServiceDef.named("api").selecting(api).withPort(ServicePort.of(80, HTTP)).withPort(ServicePort.of(9090, METRICS));
        assertThat(problems(api, service, NetworkPolicyDef.named("api").isolating(api).allowingFrom(NetworkPeer.sameNamespace(), PortRange.tcp(8000, 9999))))
                .isEmpty();
        assertThat(problems(api, service, NetworkPolicyDef.named("api").isolating(api).allowingFrom(NetworkPeer.sameNamespace(), PortRange.tcp(8000, 8999))))
                .containsExactly("ERROR test/Service api: port metrics reaches no pod: NetworkPolicy api isolates Deployment api and admits "
                        + "no traffic to 9090/TCP (admitted: pods of the namespace on 8000-8999/TCP). "
                        + "Admit the Service's clients with allowingFrom(<peer>, metrics port) on NetworkPolicy api.");
    }

    @Test
    void an_egress_range_to_pods_of_the_stack_reaches_their_declared_ports_inside_it() {
        DeploymentDef worker = deployment("worker");
        DeploymentDef api = deployment("api");
        NetworkPolicyDef workerPolicy = NetworkPolicyDef.named("worker").isolating(worker).allowingFrom(NetworkPeer.sameNamespace(), HTTP)
                .isolatingEgress().allowingDns().allowingTo(NetworkPeer.podsOf(api), PortRange.tcp(8000, 9999));
        // Both of the api's ports are in the range; its policy admits one of them only.
        assertThat(problems(worker, api, workerPolicy, NetworkPolicyDef.named("api").isolating(api).allowingFrom(NetworkPeer.podsOf(worker), HTTP)))
                .containsExactly("ERROR test/NetworkPolicy api: admits no traffic from the pods of Deployment worker to 9090/TCP of "
                        + "Deployment api, which NetworkPolicy worker sends there, so their connections time out "
                        + "(admitted: pods of Deployment worker on 8080/TCP). Add allowingFrom(NetworkPeer.podsOf(<Deployment worker>), "
                        + "metrics port) to NetworkPolicy api, or send the traffic to the pods meant in NetworkPolicy worker.");
        assertThat(problems(worker, api, workerPolicy, NetworkPolicyDef.named("api").isolating(api)
                .allowingFrom(NetworkPeer.podsOf(worker), PortRange.tcp(8080, 9090)))).isEmpty();
        // An ingress range is judged on the ports it holds too: the worker's egress must reach them.
        assertThat(problems(worker, api, NetworkPolicyDef.named("worker").isolating(worker).allowingFrom(NetworkPeer.sameNamespace(), HTTP)
                        .isolatingEgress().allowingDns().allowingTo(NetworkPeer.podsOf(api), HTTP),
                NetworkPolicyDef.named("api").isolating(api).allowingFrom(NetworkPeer.podsOf(worker), PortRange.tcp(8080, 9090))))
                .singleElement().asString().startsWith("WARNING test/NetworkPolicy worker: isolates the outgoing traffic of Deployment worker "
                        + "without sending to 9090/TCP of Deployment api");
    }

    @Test
    void reports_a_range_that_holds_no_port_the_pods_it_is_about_declare() {
        DeploymentDef api = deployment("api");
        DeploymentDef db = DeploymentDef.named("db").running(ContainerDef.named("db").image(Image.of("example/db", "1.0.0"))
                .withPort(Port.tcp("postgres", 5432)));
        DeploymentDef apiWithoutPorts = DeploymentDef.named("api").running(ContainerDef.named("api").image(Image.of("example/api", "1.0.0"))
                .withPort(Port.tcp("admin", 7000)));
        NetworkPolicyDef policy = NetworkPolicyDef.named("api").isolating(api).allowingFrom(NetworkPeer.sameNamespace(), PortRange.tcp(8000, 9999))
                .isolatingEgress().allowingDns().allowingTo(NetworkPeer.podsOf(db), PortRange.udp(5000, 6000));
        assertThat(problems(apiWithoutPorts, db, policy)).containsExactly(
                "ERROR test/NetworkPolicy api: admits range 8000-9999/TCP of Deployment api, which holds no port a container of it declares "
                        + "(declared: [admin (7000/TCP)]). Name a range holding a port its containers declare, from the Deployment the stack holds.",
                "ERROR test/NetworkPolicy api: sends to range 5000-6000/UDP of Deployment db, which holds no port a container of it declares "
                        + "(declared: [postgres (5432/TCP)]). Name a range holding a port its containers declare, from the Deployment the stack holds.");
        // A range to addresses is not checked against any pods.
        assertThat(problems(api, NetworkPolicyDef.named("api").isolating(api).allowingFrom(NetworkPeer.sameNamespace(), HTTP).isolatingEgress()
                .allowingDns().allowingTo(NetworkPeer.cidr("203.0.113.0/24"), PortRange.tcp(30000, 32767)))).isEmpty();
    }

    @Test
    void a_range_holding_port_53_over_udp_reaches_the_clusters_dns() {
        DeploymentDef api = deployment("api");
        assertThat(problems(api, NetworkPolicyDef.named("api").isolating(api).isolatingEgress()
                .allowingTo(NetworkPeer.namespace("kube-system"), PortRange.udp(1, 1024)))).isEmpty();
        assertThat(problems(api, NetworkPolicyDef.named("api").isolating(api).isolatingEgress()
                .allowingTo(NetworkPeer.namespace("kube-system"), PortRange.tcp(1, 1024)))).singleElement().asString()
                .contains("(pods of namespace kube-system on 1-1024/TCP)");
    }
}
