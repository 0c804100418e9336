package dev.kforge.dsl.check;

import dev.kforge.dsl.check.EnvValues.Variable;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workload whose env names a Service's host ({@code DB_HOST=forge-db}, {@code forge-db-0.forge-db}, a URL or
 * {@code host:port}) connects to that Service's pods, and the NetworkPolicies isolating those pods do not admit it on any
 * of the Service's ports: every connection times out, and no policy looks wrong on its own. Env values are literals and
 * ConfigMap values (a key or envFrom). A warning: a variable may name a host the workload never calls. A path the
 * client's own egress names is NetworkPathCheck's.
 */
final class ServiceClientPathCheck implements StackCheck {
    static final String ID = "network-policy-client";

    /** A host name as it appears in a value: labels of letters, digits and '-', joined by dots. */
    private static final Pattern HOST_TOKEN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");
    /** The last word of a variable holding a host name, whose whole value may be a bare Service name. */
    private static final Set<String> HOST_WORDS = Set.of("HOST", "HOSTNAME", "HOSTS", "ADDR", "ADDRESS", "SERVER", "ENDPOINT", "URL", "URI", "DSN");

    /** A Service of a workload of the stack that NetworkPolicies isolate, and the host names that reach it. */
    private record Target(ServiceDef service, Workload<?> server, Set<String> namespaced, Optional<Pattern> podHost) {
        static Target of(ServiceDef service, Workload<?> server, String namespace) {
            String name = service.name() + "." + namespace;
            Optional<Pattern> pod = server instanceof StatefulSetDef ? Optional.of(Pattern.compile(Pattern.quote(server.name()) + "-[0-9]+\\."
                    + Pattern.quote(service.name()) + "(\\." + Pattern.quote(namespace) + "(\\.svc(\\.cluster\\.local)?)?)?")) : Optional.empty();
            return new Target(service, server, Set.of(name, name + ".svc", name + ".svc.cluster.local"), pod);
        }
    }

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<NetworkPolicyDef> policies = index.all(NetworkPolicyDef.class);
        List<Target> targets = new ArrayList<>();
        for (ServiceDef service : index.all(ServiceDef.class)) {
            if (!service.ports().isEmpty() && service.selection().orElse(null) instanceof PodSelection.OfWorkload selected) {
                NetworkPathCheck.stackVersion(index, selected.workload()).filter(server -> !NetworkPolicyDef.isolating(policies, server).isEmpty())
                        .ifPresent(server -> targets.add(Target.of(service, server, stack.namespace().name())));
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        for (Workload<?> client : index.workloads()) {
            List<Variable> variables = index.envValues(client);
            if (variables.isEmpty()) {
                continue;
            }
            for (Target target : targets) {
                if (target.server().kind() == client.kind() && target.server().name().equals(client.name())) {
                    continue;
                }
                for (Variable variable : variables) { // loops, not streams: every workload and target of every render passes here
                    if (names(variable, target)) {
                        checkAdmitted(stack, problems, policies, client, target, variable);
                        break;
                    }
                }
            }
        }
    }

    private static void checkAdmitted(Stack stack, Problems problems, List<NetworkPolicyDef> policies, Workload<?> client, Target target,
                                      Variable variable) {
        ServiceDef service = target.service();
        Workload<?> server = target.server();
        List<NetworkPolicyDef> isolating = NetworkPolicyDef.isolating(policies, server);
        boolean egressNamesServer = NetworkPolicyDef.isolating(policies, client).stream().flatMap(policy -> policy.egress().stream())
                .anyMatch(allowance -> allowance.peer() instanceof NetworkPeer.PodsOf pods && pods.workload().kind() == server.kind()
                        && pods.workload().name().equals(server.name()));
        if (egressNamesServer) {
            return;
        }
        List<NetworkPolicyDef.Allowance> allowances = isolating.stream().flatMap(policy -> policy.ingress().stream()).toList();
        if (service.ports().stream().anyMatch(port -> NetworkPathCheck.reaches(allowances, client, port.target(), stack))) {
            return;
        }
        String ports = String.join(", ", service.ports().stream().map(port -> port.target().number() + "/" + port.target().protocol()).toList());
        ServicePort first = service.ports().get(0);
        problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), isolating.get(0), "admits no traffic from the pods of " + client.describe()
                        + " to " + service.describe() + " (" + ports + " of " + server.describe() + "), which " + variable.where() + " names ("
                        + variable.value() + "), so its connections time out", "admitted: " + NetworkPathCheck.describe(allowances),
                "Add allowingFrom(NetworkPeer.podsOf(<" + client.describe() + ">), " + first.target().name() + " port) to "
                        + isolating.get(0).describe() + ", or drop the variable if " + client.describe() + " never connects there."));
    }

    /**
     * Whether {@code variable} names the target's Service: its namespaced names or a StatefulSet pod's anywhere in the value;
     * its bare name as a host variable's whole value, before ':' and a port (not an image's tag), or after "://" or '@' (a URL).
     */
    private static boolean names(Variable variable, Target target) {
        String name = target.service().name();
        String value = variable.value();
        // NO_PROXY lists the hosts a workload would reach without its proxy, if it reaches them at all
        if (!value.contains(name) || variable.name().equalsIgnoreCase("NO_PROXY")) {
            return false;
        }
        Matcher token = HOST_TOKEN.matcher(value);
        while (token.find()) {
            String host = token.group();
            if (target.namespaced().contains(host) || target.podHost().map(pod -> pod.matcher(host).matches()).orElse(false)) {
                return true;
            }
            if (host.equals(name) && (value.equals(name) && isHostVariable(variable.name()) || beforePort(value, token.start(), token.end())
                    || value.startsWith("://", token.start() - 3) || value.startsWith("@", token.start() - 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the name from {@code start} to {@code end} of {@code value} is followed by ':' and a port: digits that no tag
     * character continues, and no repository path before it, so that an image reference ({@code forge-db:16.4},
     * {@code forge-db:16-alpine}, {@code registry.example.com/library/forge-db:16}) is no connection.
     */
    private static boolean beforePort(String value, int start, int end) {
        int digits = end + 1;
        while (digits < value.length() && Character.isDigit(value.charAt(digits))) {
            digits++;
        }
        // A tag goes on after its digits ("16.4", "16-alpine"); a port does not
        boolean tag = digits < value.length() && (Character.isLetter(value.charAt(digits)) || ".-_".indexOf(value.charAt(digits)) >= 0);
        return value.startsWith(":", end) && digits > end + 1 && !tag && !value.startsWith("/", start - 1);
    }

    private static boolean isHostVariable(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return HOST_WORDS.contains(upper.substring(upper.lastIndexOf('_') + 1));
    }
}
