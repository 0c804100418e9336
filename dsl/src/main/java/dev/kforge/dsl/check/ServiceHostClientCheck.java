package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.core.Spelling;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Workload;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * A workload whose env, command or args name a host of its own namespace that no Service of the stack has: cluster DNS has no
 * such name, so every connection fails, and every object looks right on its own. Two forms are judged, where the intent is
 * plain: a name in the namespace ({@code shop-cahce.shop-dev.svc.cluster.local}, {@code .svc}, a StatefulSet pod's
 * {@code db-0.shop-db.shop-dev.svc}, or {@code shop-cahce.shop-dev} where the namespace is no public top-level domain), and a
 * bare name one or two letters from a Service of the stack ({@code shop-bd:5432}, {@code DB_HOST=shpo-db}). Any other bare name
 * may be a Service that another tool creates, and is not judged. The same values as {@link ServiceClientPathCheck}'s are read.
 * A warning: a value may name a host the workload never calls.
 */
final class ServiceHostClientCheck implements StackCheck {
    static final String ID = "service-host-client";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<String> services = index.all(ServiceDef.class).stream().map(ServiceDef::name).toList();
        String namespace = stack.namespace().name();
        NamespacedHosts namespaced = new NamespacedHosts(namespace, !TopLevelDomains.isPublic(namespace));
        for (Workload<?> client : index.workloads()) {
            for (HeldValue value : index.heldValues(client)) { // loops, not streams: every value of every render passes here
                if (value.namesConnections()) {
                    check(stack, problems, client, value, namespaced, services);
                }
            }
        }
    }

    private static void check(Stack stack, Problems problems, Workload<?> client, HeldValue held, NamespacedHosts namespaced,
                              List<String> services) {
        String value = held.text();
        if (value.indexOf('.') < 0 && value.indexOf(':') < 0 && !held.isHost()) {
            return; // no namespaced name, no port, no URL and no host variable: most values of every render
        }
        Matcher token = ServiceClientPathCheck.HOST_TOKEN.matcher(value);
        while (token.find()) {
            String host = token.group();
            Optional<String> service = host.indexOf('.') < 0
                    ? (isConnection(held, value, token.start(), token.end()) ? Optional.of(host) : Optional.empty())
                    : namespaced.serviceOf(host);
            if (service.isEmpty() || contains(services, service.get())) {
                continue;
            }
            Optional<String> meant = Spelling.closest(service.get(), services);
            if (host.indexOf('.') < 0 && meant.isEmpty()) {
                continue; // a bare name far from every Service: perhaps one another tool creates
            }
            report(stack, problems, client, held, host, service.get(), meant, namespaced.namespace(), services);
            return;
        }
    }

    /** Where a bare name is a host: a host variable's whole value, before ':' and a port, or after "://" or '@' (a URL). */
    private static boolean isConnection(HeldValue held, String value, int start, int end) {
        return value.length() == end - start && held.isHost() || ServiceClientPathCheck.beforePort(value, start, end)
                || value.startsWith("://", start - 3) || value.startsWith("@", start - 1);
    }

    private static boolean contains(List<String> services, String name) {
        for (String service : services) {
            if (service.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static void report(Stack stack, Problems problems, Workload<?> client, HeldValue held, String host, String service,
                               Optional<String> meant, String namespace, List<String> services) {
        String known = services.isEmpty() ? "none" : String.join(", ", services);
        problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), client,
                held.where() + " names host " + host + ", but the stack has no Service " + service + " in namespace " + namespace
                        + ": cluster DNS has no such name, so its connections fail",
                held.shown() + "; Services of the stack: " + known,
                meant.map(name -> "Did you mean " + name + "? Write its name with service.host(), ").orElse("Write a Service's name with service.host(), ")
                        + "add Service " + service + " to the stack, or " + held.dropHint() + " if " + client.describe() + " never connects there."));
    }

    /** The host names of Services in one namespace: {@code <service>.<namespace>.svc[.cluster.local]}, and a pod's under them. */
    private record NamespacedHosts(String namespace, boolean bareNamespace) {
        /**
         * The Service a name of this namespace names: the label before the namespace, in {@code <service>.<namespace>.svc},
         * {@code .svc.cluster.local}, {@code <pod>.<service>.<namespace>.svc...}, or {@code <service>.<namespace>} where the
         * namespace is not also a public domain ({@code web.dev} is a site). None for a name of another namespace or outside.
         */
        Optional<String> serviceOf(String host) {
            String lower = host.toLowerCase(Locale.ROOT);
            String suffix = "." + namespace;
            int end = lower.endsWith(suffix + ".svc.cluster.local") ? lower.length() - (suffix + ".svc.cluster.local").length()
                    : lower.endsWith(suffix + ".svc") ? lower.length() - (suffix + ".svc").length()
                    : bareNamespace && lower.endsWith(suffix) ? lower.length() - suffix.length() : -1;
            if (end <= 0) {
                return Optional.empty();
            }
            return Optional.of(lower.substring(lower.lastIndexOf('.', end - 1) + 1, end));
        }
    }
}
