package dev.kforge.dsl.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.StatefulSetDef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceDefTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final Port METRICS = Port.tcp("metrics", 9090);
    private final DeploymentDef app = DeploymentDef.named("app")
            .running(ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0")).withPort(HTTP));
    private final ServiceDef service = ServiceDef.named("web").selecting(app);

    @Test
    void defaults_to_cluster_ip_and_names_the_port_after_its_target() {
        ServiceDef withPort = service.withPort(ServicePort.of(80, HTTP));

        assertThat(withPort.type()).isEqualTo(ServiceType.CLUSTER_IP);
        assertThat(withPort.ports()).singleElement().satisfies(port -> {
            assertThat(port.name()).isEqualTo("http");
            assertThat(port.port()).isEqualTo(80);
            assertThat(port.nodePort()).isEmpty();
        });
    }

    @Test
    void gives_the_address_of_one_of_its_ports_without_the_number_typed_again() {
        ServicePort web = ServicePort.of(80, HTTP);
        ServiceDef withPort = service.withPort(web);

        assertThat(withPort.address(web)).isEqualTo("web:80");
        assertThatThrownBy(() -> withPort.address(ServicePort.to(METRICS))).isInstanceOf(InvalidDefinitionException.class).hasMessage(
                "Service web: port \"metrics (9090 -> metrics/9090)\" is not a port of this Service. Ports: [http (80 -> http/8080)]. Add it with withPort first.");
        assertThatThrownBy(() -> withPort.address(null)).hasMessageContaining("address port is missing (null)");
    }

    @Test
    void gives_the_host_names_the_cluster_dns_answers_for_the_service_and_a_statefulsets_pods() {
        Port postgres = Port.tcp("postgres", 5432);
        StatefulSetDef db = StatefulSetDef.named("ledger-db").running(ContainerDef.named("db").image(Image.of("postgres", "16.4")).withPort(postgres))
                .withReplicas(3);
        ServiceDef headless = ServiceDef.named("ledger-db-pods").selecting(db).withType(ServiceType.HEADLESS).withPort(ServicePort.to(postgres));

        assertThat(service.host()).isEqualTo("web");
        assertThat(headless.podHost(db, 0)).isEqualTo("ledger-db-0.ledger-db-pods");
        assertThat(headless.podHost(db, 2)).isEqualTo("ledger-db-2.ledger-db-pods");
        assertThatThrownBy(() -> headless.podHost(db, 3)).isInstanceOf(InvalidDefinitionException.class).hasMessage(
                "Service ledger-db-pods: podHost ordinal 3 names no pod: StatefulSet ledger-db runs 3 pods, 0 to 2. Name a pod it runs.");
        assertThatThrownBy(() -> headless.podHost(db.withReplicas(1), 1)).hasMessageContaining("runs 1 pod, 0.");
        assertThatThrownBy(() -> headless.podHost(db, -1)).hasMessageContaining("podHost ordinal -1 is invalid: must not be negative");
        // Only a headless Service selecting the StatefulSet gives its pods names.
        String needsHeadless = "needs a headless Service selecting StatefulSet ledger-db: only that gives its pods DNS names";
        assertThatThrownBy(() -> ServiceDef.named("ledger-db").selecting(db).withPort(ServicePort.to(postgres)).podHost(db, 0))
                .hasMessage("Service ledger-db: podHost \"ledger-db-0\" " + needsHeadless
                        + ". Take the pod's host from ServiceDef.named(..).selecting(statefulSet).withType(ServiceType.HEADLESS).");
        StatefulSetDef other = StatefulSetDef.named("cache").running(ContainerDef.named("cache").image(Image.of("redis", "7.2.4")));
        assertThatThrownBy(() -> headless.podHost(other, 0)).hasMessageContaining("needs a headless Service selecting StatefulSet cache");
        assertThatThrownBy(() -> ServiceDef.named("web").selecting(app).withType(ServiceType.HEADLESS).podHost(db, 0)).hasMessageContaining(needsHeadless);
        assertThatThrownBy(() -> headless.podHost(null, 0)).hasMessageContaining("podHost statefulSet is missing (null)");
    }

    @Test
    void rejects_service_whose_target_port_is_undeclared() {
        assertThatThrownBy(() -> service.withPort(ServicePort.to(METRICS)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service web: targetPort \"metrics (9090/TCP)\" is not declared by Deployment app. "
                        + "Declared: [http (8080/TCP)]. Target one of them, or declare the port on a container.");
    }

    @Test
    void rejects_target_port_with_the_declared_name_but_another_number() {
        assertThatThrownBy(() -> service.withPort(ServicePort.to(Port.tcp("http", 9000))))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service web: targetPort \"http (9000/TCP)\" is not declared by Deployment app. "
                        + "Declared: [http (8080/TCP)]. Target one of them, or declare the port on a container.");
    }

    @Test
    void rejects_external_pods_port_they_do_not_expose() {
        ServiceDef gateway = ServiceDef.named("gw").selecting(PodSelection.ExternalPods.labelled(Labels.of("service", "ambassador"), HTTP));

        assertThatThrownBy(() -> gateway.withPort(ServicePort.to(METRICS)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service gw: targetPort \"metrics (9090/TCP)\" is not declared by pods {service=ambassador}. "
                        + "Declared: [http (8080/TCP)]. Target one of them, or declare the port on a container.");
    }

    @Test
    void rejects_external_pods_without_selector() {
        assertThatThrownBy(() -> PodSelection.ExternalPods.labelled(Labels.EMPTY, HTTP))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ExternalPods: the selector is empty, which would select no pods. Give the labels the pods carry.");
    }

    @Test
    void rejects_service_port_0() {
        assertThatThrownBy(() -> ServicePort.of(0, HTTP))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ServicePort http: port 0 is invalid: must be between 1 and 65535.");
    }

    @Test
    void rejects_node_port_29999() {
        assertThatThrownBy(() -> ServicePort.to(HTTP).withNodePort(29999))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ServicePort http: nodePort 29999 is invalid: must be between 30000 and 32767. Leave it unset to let the cluster choose.");
    }

    @Test
    void rejects_node_port_32768() {
        assertThatThrownBy(() -> ServicePort.to(HTTP).withNodePort(32768))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ServicePort http: nodePort 32768 is invalid: must be between 30000 and 32767. Leave it unset to let the cluster choose.");
    }

    @Test
    void accepts_node_port_bounds() {
        assertThat(ServicePort.to(HTTP).withNodePort(30000).nodePort()).contains(30000);
        assertThat(ServicePort.to(HTTP).withNodePort(32767).nodePort()).contains(32767);
    }

    @Test
    void rejects_service_port_name_in_upper_case() {
        assertThatThrownBy(() -> ServicePort.to(HTTP).named("Web"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ServicePort 8080: name \"Web\" is invalid: must be a DNS-1123 label (lowercase letters, digits and '-', "
                        + "starting and ending with a letter or digit, at most 63 characters). Try \"web\".");
        // Longer than a container port's name may be, as the API server allows a Service's.
        assertThat(ServicePort.to(HTTP).named("notifier-http-api").name()).isEqualTo("notifier-http-api");
    }

    @Test
    void rejects_node_port_on_a_cluster_ip_service() {
        assertThatThrownBy(() -> service.withPort(ServicePort.to(HTTP).withNodePort(30080)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service web: nodePort 30080 needs type NodePort or LoadBalancer, not ClusterIP. "
                        + "Call withType first, or drop the nodePort.");
    }

    @Test
    void rejects_a_node_port_two_ports_of_one_protocol_share_as_the_api_server_does() {
        ServiceDef nodePort = ServiceDef.named("web").selecting(app.withPod(app.pod().withSidecar(
                        ContainerDef.named("metrics").image(Image.of("prom/exporter", "1.0.0")).withPort(METRICS))))
                .withType(ServiceType.NODE_PORT).withPort(ServicePort.to(HTTP).withNodePort(30080));

        assertThatThrownBy(() -> nodePort.withPort(ServicePort.to(METRICS).withNodePort(30080)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service web: nodePort 30080 is already the nodePort of port http (8080 -> http/8080), "
                        + "and a node port serves one Service port of a protocol. Give it another nodePort, or leave it unset to let the cluster choose.");
    }

    @Test
    void rejects_switching_a_node_port_service_with_node_ports_back_to_cluster_ip() {
        ServiceDef nodePort = service.withType(ServiceType.NODE_PORT).withPort(ServicePort.to(HTTP).withNodePort(30080));

        assertThatThrownBy(() -> nodePort.withType(ServiceType.CLUSTER_IP))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service web: type \"ClusterIP\" cannot carry nodePorts. Remove the nodePort or use NodePort or LoadBalancer.");
    }

    @Test
    void accepts_switching_node_ports_to_a_load_balancer() {
        ServiceDef nodePort = service.withType(ServiceType.NODE_PORT).withPort(ServicePort.to(HTTP).withNodePort(30080));

        assertThat(nodePort.withType(ServiceType.loadBalancer(ServiceType.ExternalTrafficPolicy.CLUSTER)).type().apiValue())
                .isEqualTo("LoadBalancer");
    }

    @Test
    void a_node_port_service_keeps_its_node_ports_with_either_external_traffic_policy_and_refuses_a_missing_one() {
        ServiceDef nodePort = service.withType(ServiceType.nodePort(ServiceType.ExternalTrafficPolicy.LOCAL))
                .withPort(ServicePort.to(HTTP).withNodePort(30080));

        assertThat(nodePort.type()).isEqualTo(new ServiceType.NodePort(Optional.of(ServiceType.ExternalTrafficPolicy.LOCAL)));
        assertThat(nodePort.withType(ServiceType.NODE_PORT).ports()).hasSize(1);
        assertThat(ServiceType.NODE_PORT).isEqualTo(new ServiceType.NodePort(Optional.empty()));
        assertThatThrownBy(() -> ServiceType.nodePort(null))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("NodePort: externalTrafficPolicy is missing. Use CLUSTER or LOCAL, or ServiceType.NODE_PORT for the cluster's default.");
        assertThatThrownBy(() -> new ServiceType.NodePort(null))
                .hasMessage("NodePort: externalTrafficPolicy is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
    }

    @Test
    void internal_traffic_policy_needs_a_virtual_ip() {
        assertThatThrownBy(() -> service.withType(ServiceType.HEADLESS).withInternalTrafficPolicy(InternalTrafficPolicy.LOCAL))
                .hasMessage("Service web: internalTrafficPolicy \"Local\" has no effect on a headless Service, whose clients reach the pods' "
                        + "own addresses: neither has a virtual IP for kube-proxy to route. Drop withInternalTrafficPolicy.");
        assertThatThrownBy(() -> ServiceDef.named("db").externalName("db.example.com").withInternalTrafficPolicy(InternalTrafficPolicy.CLUSTER))
                .hasMessage("Service db: internalTrafficPolicy \"Cluster\" has no effect on an ExternalName Service, a DNS alias: neither has a "
                        + "virtual IP for kube-proxy to route. Drop withInternalTrafficPolicy.");
        assertThatThrownBy(() -> service.withInternalTrafficPolicy(InternalTrafficPolicy.LOCAL).withType(ServiceType.HEADLESS))
                .hasMessage("Service web: type \"headless\" cannot go with internalTrafficPolicy Local: a headless Service has no "
                        + "virtual IP for kube-proxy to route. Drop withInternalTrafficPolicy, or keep a type with a cluster IP.");
        assertThatThrownBy(() -> service.withInternalTrafficPolicy(null)).isInstanceOf(InvalidDefinitionException.class);
    }

    @Test
    void rejects_a_headless_service_port_whose_number_differs_from_its_target() {
        // No virtual IP translates ports: clients resolve the pods' addresses and dial web:80 on them, where nothing listens.
        String refused = "Service web: port \"http (80 -> http/8080)\" is invalid: must have its target's number 8080 on a headless Service, "
                + "which has no virtual IP to translate ports: its clients dial the pods' own addresses on the port they name, and nothing "
                + "listens on 80. ";
        assertThatThrownBy(() -> service.withType(ServiceType.HEADLESS).withPort(ServicePort.of(80, HTTP)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage(refused + "Use ServicePort.to(http), whose number is the container's.");
        assertThatThrownBy(() -> service.withPort(ServicePort.of(80, HTTP)).withType(ServiceType.HEADLESS))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage(refused + "Use ServicePort.to(http), whose number is the container's, or keep a type with a cluster IP.");
        ServiceDef external = ServiceDef.named("web").selecting(PodSelection.ExternalPods.labelled(Labels.EMPTY.with("app", "web"), HTTP))
                .withType(ServiceType.HEADLESS);
        assertThatThrownBy(() -> external.withPort(ServicePort.of(80, HTTP))).hasMessageStartingWith(refused);
        assertThat(service.withType(ServiceType.HEADLESS).withPort(ServicePort.to(HTTP).named("web")).ports()).singleElement()
                .satisfies(port -> assertThat(port.port()).isEqualTo(8080));
    }

    @Test
    void rejects_switching_an_external_name_service_to_another_type() {
        ServiceDef alias = ServiceDef.named("db").externalName("db.example.com");

        assertThatThrownBy(() -> alias.withType(ServiceType.CLUSTER_IP))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service db: type \"ClusterIP\" cannot be switched to or from ExternalName. "
                        + "Use ServiceDef.named(..).externalName(host) for an alias.");
    }

    @Test
    void rejects_switching_a_selecting_service_to_external_name() {
        assertThatThrownBy(() -> service.withType(ServiceType.externalName("db.example.com")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service web: type \"ExternalName\" cannot be switched to or from ExternalName. "
                        + "Use ServiceDef.named(..).externalName(host) for an alias.");
    }

    @Test
    void rejects_ports_on_an_external_name_service() {
        ServiceDef alias = ServiceDef.named("db").externalName("db.example.com");

        assertThatThrownBy(() -> alias.withPort(ServicePort.to(HTTP)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service db: port 8080 is not allowed on an ExternalName Service. An ExternalName Service only aliases a host name.");
    }

    @Test
    void rejects_external_name_that_is_not_a_dns_name() {
        assertThatThrownBy(() -> ServiceDef.named("db").externalName("DB.example.com"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service db: host \"DB.example.com\" is invalid: must be a DNS-1123 subdomain (lowercase letters, digits, '-' "
                        + "and '.', starting and ending with a letter or digit, at most 253 characters). Try \"db.example.com\".");
    }

    @Test
    void rejects_an_external_name_written_as_a_url_or_with_a_port_naming_its_host() {
        // A DNS alias takes the host alone: the scheme, user, port and path are the client's to write.
        assertThatThrownBy(() -> ServiceDef.named("orders-db").externalName("postgres://app@orders-db.db.example.net:5432/orders"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service orders-db: host \"postgres://app@orders-db.db.example.net:5432/orders\" is invalid: must be a host name "
                        + "alone, which DNS answers for with a CNAME. Give \"orders-db.db.example.net\"; the port and path go to the "
                        + "clients' settings.");
        assertThatThrownBy(() -> ServiceDef.named("orders-db").externalName("orders-db.db.example.net:5432"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("Give \"orders-db.db.example.net\";");
    }

    @Test
    void an_external_name_refusal_shows_no_password_and_suggests_a_host_the_api_takes() {
        // The message goes to terminals and CI logs: a password in the URL is not repeated there.
        assertThatThrownBy(() -> ServiceDef.named("orders-db").externalName("postgres://app:s3cret-pass@orders-db.db.example.net:5432/orders"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service orders-db: host \"postgres://app:<redacted>@orders-db.db.example.net:5432/orders\" is invalid: must be a "
                        + "host name alone, which DNS answers for with a CNAME. Give \"orders-db.db.example.net\"; the port and path go to the "
                        + "clients' settings.");
        // Host names are lower case in the API: the host suggested is one it takes.
        assertThatThrownBy(() -> ServiceDef.named("orders-db").externalName("DB.example.com:5432"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("Give \"db.example.com\";");
    }

    @Test
    void rejects_an_external_name_that_is_an_ip_address() {
        // A CNAME names a host: an address there is read as a name of digits that does not exist, and IPv6 was cut at its first ':'.
        for (String address : List.of("10.0.0.5", "10.0.0.5:5432", "2001:db8::1", "[2001:db8::1]:5432", "postgres://[2001:db8::1]/orders")) {
            assertThatThrownBy(() -> ServiceDef.named("orders-db").externalName(address))
                    .isInstanceOf(InvalidDefinitionException.class)
                    .hasMessage("Service orders-db: host \"" + address + "\" is invalid: must be a host name, not an IP address: DNS answers "
                            + "for an ExternalName with a CNAME, which names a host, and the address would be looked up as a name of digits "
                            + "that does not exist. Give the host name of the address, or leave the Service out and give the clients the "
                            + "address.");
        }
    }

    @Test
    void rejects_an_external_name_that_is_a_clouds_instance_metadata_server() {
        // An Ingress or a client routed there reaches, from a pod, what hands out the node's cloud credentials.
        assertThatThrownBy(() -> ServiceDef.named("meta").externalName("metadata.google.internal"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service meta: host \"metadata.google.internal\" is invalid: must not be a cloud's instance metadata server "
                        + "(Google Cloud's): an Ingress or a client routed to this Service would reach it from inside the cluster, where it "
                        + "hands out the credentials of the node's cloud identity. Alias a service outside the cluster; a pod that needs "
                        + "cloud credentials gets its own through the cloud's workload identity.");
        for (String host : List.of("metadata", "instance-data", "instance-data.ec2.internal", "instance-data.eu-west-1.compute.internal")) {
            assertThatThrownBy(() -> ServiceDef.named("meta").externalName(host))
                    .isInstanceOf(InvalidDefinitionException.class)
                    .hasMessageContaining("host \"" + host + "\" is invalid: must not be a cloud's instance metadata server (");
        }
        // Wildcard DNS services answer a name holding an address with that address.
        for (String host : List.of("169.254.169.254.nip.io", "metadata.169-254-169-254.sslip.io", "a9fea9fe.nip.io", "fd00-ec2--254.sslip.io")) {
            assertThatThrownBy(() -> ServiceDef.named("meta").externalName(host))
                    .isInstanceOf(InvalidDefinitionException.class)
                    .hasMessageContaining("host \"" + host + "\" is invalid: must not be a cloud's instance metadata server (a name "
                            + "holding its link-local address, which a wildcard DNS service answers with that address)");
        }
    }

    @Test
    void rejects_an_external_name_that_is_the_clusters_api_server() {
        for (String host : List.of("kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local")) {
            assertThatThrownBy(() -> ServiceDef.named("api").externalName(host))
                    .isInstanceOf(InvalidDefinitionException.class)
                    .hasMessage("Service api: host \"" + host + "\" is invalid: must not be the cluster's API server: an Ingress routed "
                            + "to this Service would open the Kubernetes API to whoever reaches the Ingress, and a client would send it "
                            + "credentials meant for another host. A pod that calls the API names kubernetes.default.svc itself, with its "
                            + "ServiceAccount's token.");
        }
    }

    @Test
    void keeps_external_names_that_only_resemble_those_hosts() {
        for (String host : List.of("metadata.example.com", "kubernetes.io", "kubernetes.example.com", "db.169.254.example.com",
                "instance-data.example.com", "api.eu-west-1.compute.amazonaws.com")) {
            assertThat(ServiceDef.named("ext").externalName(host).type()).isEqualTo(ServiceType.externalName(host));
        }
    }

    @Test
    void rejects_two_ports_with_the_same_name() {
        ServiceDef withHttp = service.withPort(ServicePort.to(HTTP));

        assertThatThrownBy(() -> withHttp.withPort(ServicePort.of(81, HTTP)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service web: port \"http (81 -> http/8080)\" clashes with http (8080 -> http/8080). "
                        + "Give each port its own name: ServicePort.named(\"admin\") renames this one.");
    }

    @Test
    void rejects_two_ports_with_the_same_number_and_protocol_naming_the_number() {
        Port admin = Port.tcp("admin", 9000);
        ServiceDef both = ServiceDef.named("web").selecting(DeploymentDef.named("app")
                .running(ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0")).withPort(HTTP).withPort(admin).withPort(Port.udp("dns", 5353))))
                .withPort(ServicePort.of(80, HTTP));

        assertThatThrownBy(() -> both.withPort(ServicePort.of(80, admin)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service web: port \"admin (80 -> admin/9000)\" uses number 80/TCP, which port http (80 -> http/8080) already has: "
                        + "the API server refuses two ports of one number and protocol. Give it another number, e.g. ServicePort.of(9000, admin).");
        assertThat(both.withPort(ServicePort.of(80, Port.udp("dns", 5353))).ports()).hasSize(2);
    }

    @Test
    void the_number_a_clash_hint_suggests_is_free() {
        // ServicePort.to(metrics) would take 9090, which the first port has: the hint must not suggest that clash again.
        Port metrics = Port.tcp("metrics", 9090);
        ServiceDef taken = ServiceDef.named("web").selecting(DeploymentDef.named("app")
                .running(ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0")).withPort(HTTP).withPort(metrics)))
                .withPort(ServicePort.of(9090, HTTP)).withPort(ServicePort.of(9091, HTTP).named("alt"));

        assertThatThrownBy(() -> taken.withPort(ServicePort.to(metrics)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service web: port \"metrics (9090 -> metrics/9090)\" uses number 9090/TCP, which port http (9090 -> http/8080) already has: "
                        + "the API server refuses two ports of one number and protocol. Give it another number, e.g. ServicePort.of(9092, metrics).");
        assertThat(taken.withPort(ServicePort.of(9092, metrics)).ports()).hasSize(3);
    }

    @Test
    void a_backend_for_http_routing_is_a_tcp_port() {
        Port stats = Port.udp("stats", 8125);
        Port signalling = Port.sctp("sig", 3868);
        ServiceDef both = ServiceDef.named("web").selecting(DeploymentDef.named("app")
                .running(ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0")).withPort(HTTP).withPort(stats).withPort(signalling)))
                .withPort(ServicePort.to(HTTP)).withPort(ServicePort.to(stats)).withPort(ServicePort.to(signalling));

        assertThatThrownBy(() -> both.backend(ServicePort.to(stats)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service web: backend port \"stats (8125 -> stats/8125)\" is invalid: must be a TCP port: Ingress controllers and "
                        + "API gateways proxy HTTP over TCP, so a request routed to a UDP port never reaches the pods. Route to a TCP port "
                        + "of the Service (ports: [http (8080 -> http/8080), stats (8125 -> stats/8125), sig (3868 -> sig/3868)]), "
                        + "and let clients reach stats through the Service itself.");
        assertThatThrownBy(() -> both.backend(ServicePort.to(signalling))).hasMessageContaining("a request routed to an SCTP port never");
        assertThat(both.backend(ServicePort.to(HTTP)).port()).isEqualTo(ServicePort.to(HTTP));
    }

    @Test
    void external_ips_are_ipv4_or_ipv6_addresses_in_canonical_form() {
        assertThat(service.withExternalIp("80.11.12.10").withExternalIp("2001:db8::10").externalIps()).containsExactly("80.11.12.10", "2001:db8::10");
        assertThatThrownBy(() -> service.withExternalIp("300.1.1.1"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service web: externalIP \"300.1.1.1\" is not an IP address. "
                        + "Write an IPv4 address as four numbers (80.11.12.10) or an IPv6 one as hexadecimal groups (2001:db8::10).");
        for (String invalid : new String[] {"80.11.12", "80.11.12.010", "80.11.12.10/32", "2001:db8::10::1", "example.com", ""}) {
            assertThatThrownBy(() -> service.withExternalIp(invalid)).as(invalid).hasMessageContaining("is not an IP address");
        }
        assertThatThrownBy(() -> service.withExternalIp(null)).hasMessageContaining("externalIP null is not an IP address");
        assertThatThrownBy(() -> service.withExternalIp("2001:DB8:0::10")).hasMessage("Service web: externalIP \"2001:DB8:0::10\" is not in"
                + " canonical form, which the API server warns about. Write it as 2001:db8::10 (lower case, without leading zeros, the longest run of zero groups as ::).");
    }

    @Test
    void external_ips_the_api_server_keeps_from_services_are_refused() {
        assertThatThrownBy(() -> service.withExternalIp("::ffff:a00:1")).hasMessage("Service web: externalIP \"::ffff:a00:1\" is an IPv4-mapped "
                + "IPv6 address, which the API server refuses. Write the IPv4 address it means: 10.0.0.1.");
        assertThatThrownBy(() -> service.withExternalIp("127.0.0.1")).hasMessage("Service web: externalIP \"127.0.0.1\" is in the loopback "
                + "range (127.0.0.0/8, ::1/128), which the API server refuses for an external IP. Use an address that reaches the cluster's nodes.");
        for (String special : new String[] {"0.0.0.0", "::", "::1", "127.255.0.1", "169.254.169.254", "fe80::1", "febf::1", "224.0.0.251", "ff02::1", "ff12::2"}) {
            assertThatThrownBy(() -> service.withExternalIp(special)).as(special).hasMessageContaining("which the API server refuses for an external IP");
        }
        assertThat(service.withExternalIp("224.0.1.1").withExternalIp("fec0::1").withExternalIp("ff05::1").withExternalIp("128.0.0.1").externalIps())
                .hasSize(4);
    }

    @Test
    void rejects_backend_for_a_port_the_service_lacks() {
        ServiceDef withHttp = service.withPort(ServicePort.to(HTTP));

        assertThatThrownBy(() -> withHttp.backend(ServicePort.of(80, HTTP)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service web: port \"http (80 -> http/8080)\" is not a port of this Service. "
                        + "Ports: [http (8080 -> http/8080)]. Add it with withPort first.");
    }

    @Test
    void backend_address_is_service_name_and_port_number() {
        ServicePort web = ServicePort.of(80, HTTP);

        assertThat(service.withPort(web).backend(web).address()).isEqualTo("web:80");
    }

    @Test
    void says_when_the_selected_deployment_declares_no_ports_at_all() {
        DeploymentDef portless = DeploymentDef.named("worker").running(ContainerDef.named("worker").image(Image.of("eon01/tgr", "1.1.0")));

        assertThatThrownBy(() -> ServiceDef.named("web").selecting(portless).withPort(ServicePort.to(HTTP)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service web: targetPort \"http (8080/TCP)\" is not declared by Deployment worker. It declares no ports: "
                        + "declare http (8080/TCP) on its container with ContainerDef.withPort, then target it.");
    }
}
