package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workload whose env, command or args name a Service's host with a port ({@code REDIS_ADDR=redis:6380}, a URL,
 * {@code nc -z redis 6380}) connects to that port of the Service's virtual IP, which forwards only the Service's ports: any
 * other port fails, though every object looks right on its own. The host is the Service's name or its namespaced names; env
 * values are literals and ConfigMap values, and {@link CommandValues} says what is read of commands and args. A headless
 * Service's name resolves to its pods' addresses, so a connection reaches any port a container of the pods declares, named by
 * the Service or not; one of pods defined elsewhere, and an ExternalName, whose name resolves to a host elsewhere, are not
 * judged. A warning, as a value may name a host the workload never calls.
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

    /** A Service whose ports are known, and where a connection to its name arrives: its virtual IP, or its pods (headless). */
    private record Target(ServiceDef service, Optional<Workload<?>> pods) {
        boolean serves(int port) {
            return pods.isPresent() ? pods.get().allContainers().stream().anyMatch(container -> container.ports().stream()
                    .anyMatch(declared -> declared.number() == port)) : service.ports().stream().anyMatch(servicePort -> servicePort.port() == port);
        }

        /** {@code 6379/TCP, 9121/TCP}: the ports the Service forwards, or those the pods declare. */
        String ports() {
            return String.join(", ", pods.isPresent()
                    ? pods.get().allContainers().stream().flatMap(container -> container.ports().stream()).map(port -> port.number() + "/" + port.protocol()).toList()
                    : service.ports().stream().map(port -> port.port() + "/" + port.target().protocol()).toList());
        }
    }

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<Target> services = targets(index);
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
                    for (Target target : services) {
                        if (isHostOf(host, target.service(), namespace) && !target.serves(port)) {
                            report(stack, problems, client, value, target, port);
                        }
                    }
                }
            }
        }
    }

    /** The Services with a virtual IP and ports, and the headless ones selecting a workload of the stack. */
    private static List<Target> targets(StackIndex index) {
        List<Target> targets = new ArrayList<>();
        for (ServiceDef service : index.all(ServiceDef.class)) {
            if (service.type() instanceof ServiceType.Headless) {
                if (service.selection().orElse(null) instanceof PodSelection.OfWorkload selected) {
                    NetworkPathCheck.stackVersion(index, selected.workload()).ifPresent(pods -> targets.add(new Target(service, Optional.of(pods))));
                }
            } else if (!service.ports().isEmpty() && !(service.type() instanceof ServiceType.ExternalName)) {
                targets.add(new Target(service, Optional.empty()));
            }
        }
        return targets;
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

    private static void report(Stack stack, Problems problems, Workload<?> client, HeldValue value, Target target, int port) {
        ServiceDef service = target.service();
        String where = value.where() + " names port " + port + " of ";
        if (target.pods().isPresent()) {
            String pods = target.pods().get().describe();
            problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), client,
                    where + "headless " + service.describe() + ", whose pods (" + pods + ") declare no such port, so its connections fail",
                    value.shown() + "; ports of " + pods + ": " + target.ports(),
                    "Name one of their ports, " + service.name() + ".address(<ServicePort>), or declare port " + port + " on a container of "
                            + pods + " (withPort)."));
            return;
        }
        problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), client,
                where + service.describe() + ", which has no such port, so its connections fail",
                value.shown() + "; ports of " + service.describe() + ": " + target.ports(),
                "Name one of its ports, " + service.name() + ".address(<ServicePort>), or add a ServicePort of " + port
                        + " to " + service.describe() + "."));
    }
}
