package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Workload;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workload whose env, command or args name a Service's host with a port ({@code REDIS_ADDR=redis:6380}, a URL,
 * {@code nc -z redis 6380}) connects to that port of the Service's virtual IP, which forwards only the Service's ports: any
 * other port fails, though every object looks right on its own. The host is the Service's name or its namespaced names; env
 * values are literals and ConfigMap values, and {@link CommandValues} says what is read of commands and args. A headless
 * Service's name resolves to its pods, which may listen on ports no Service names, and an ExternalName's to a host
 * elsewhere: neither is judged. A warning, as a value may name a host the workload never calls.
 */
final class ServicePortClientCheck implements StackCheck {
    static final String ID = "service-port-client";

    /**
     * A host name followed by ':' and a port number, not inside a longer name or number, nor: an image reference (a tag goes on
     * after its digits, "7.2", "7-alpine"; a repository path, "library/redis", is '/' after no other '/', unlike a URL's "//"),
     * a URL's user and password (before '@'), or groups of an IPv6 address (after '[' or ':', before ':').
     */
    private static final Pattern HOST_PORT = Pattern.compile(
            "(?<![A-Za-z0-9._:\\[-])(?<![^/]/)([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):([0-9]{1,5})(?![A-Za-z0-9._@:-])");

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<ServiceDef> services = index.all(ServiceDef.class).stream().filter(ServicePortClientCheck::hasVirtualIp).toList();
        if (services.isEmpty()) {
            return;
        }
        String namespace = stack.namespace().name();
        for (Workload<?> client : index.workloads()) {
            for (HeldValue value : index.heldValues(client)) {
                if (value.text().indexOf(':') < 0) {
                    continue;
                }
                Matcher hostPort = HOST_PORT.matcher(value.text());
                while (hostPort.find()) {
                    String host = hostPort.group(1);
                    int port = Integer.parseInt(hostPort.group(2));
                    for (ServiceDef service : services) {
                        if (isHostOf(host, service, namespace) && service.ports().stream().noneMatch(servicePort -> servicePort.port() == port)) {
                            report(stack, problems, client, value, service, port);
                        }
                    }
                }
            }
        }
    }

    private static boolean hasVirtualIp(ServiceDef service) {
        return !service.ports().isEmpty() && !(service.type() instanceof ServiceType.Headless) && !(service.type() instanceof ServiceType.ExternalName);
    }

    /**
     * The Service's name, or its name in the namespace: {@code redis}, {@code redis.<ns>}, {@code redis.<ns>.svc[.cluster.local]},
     * in any case ({@code REDIS:6380}): DNS names are case-insensitive.
     */
    private static boolean isHostOf(String host, ServiceDef service, String namespace) {
        String name = service.name();
        if (!host.regionMatches(true, 0, name, 0, name.length())) {
            return false;
        }
        String namespaced = name + "." + namespace;
        return host.equalsIgnoreCase(name) || host.equalsIgnoreCase(namespaced) || host.equalsIgnoreCase(namespaced + ".svc")
                || host.equalsIgnoreCase(namespaced + ".svc.cluster.local");
    }

    private static void report(Stack stack, Problems problems, Workload<?> client, HeldValue value, ServiceDef service, int port) {
        String ports = String.join(", ", service.ports().stream().map(ServicePortClientCheck::describe).toList());
        problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), client,
                value.where() + " names port " + port + " of " + service.describe() + ", which has no such port, so its connections fail",
                value.shown() + "; ports of " + service.describe() + ": " + ports,
                "Name one of its ports, " + service.name() + ".address(<ServicePort>), or add a ServicePort of " + port
                        + " to " + service.describe() + "."));
    }

    private static String describe(ServicePort port) {
        return port.port() + "/" + port.target().protocol();
    }
}
