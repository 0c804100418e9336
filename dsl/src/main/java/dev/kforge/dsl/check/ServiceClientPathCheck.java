package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workload whose env, command or args name a Service's host ({@code DB_HOST=forge-db}, {@code forge-db-0.forge-db}, a URL,
 * {@code host:port}, an init container's {@code nc -z forge-db 5432}) connects to that Service's pods, and the NetworkPolicies
 * isolating those pods do not admit it on any of the Service's ports, or its own isolated outgoing traffic goes to none of
 * them: every connection times out (an init container waits forever), and no policy looks wrong on its own. Env values are
 * literals and ConfigMap values (a key or envFrom); {@link CommandValues} says what is read of commands and args. A warning:
 * a value may name a host the workload never calls. A path one side's policy names is NetworkPathCheck's.
 */
final class ServiceClientPathCheck implements StackCheck {
    static final String ID = "network-policy-client";

    /** A host name as it appears in a value: labels of letters, digits and '-', joined by dots. */
    static final Pattern HOST_TOKEN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");

    /** A Service of a workload of the stack, whether NetworkPolicies isolate that workload, and the host names that reach it. */
    private record Target(ServiceDef service, Workload<?> server, boolean isolated, Set<String> namespaced, Optional<Pattern> podHost) {
        static Target of(ServiceDef service, Workload<?> server, boolean isolated, String namespace) {
            String name = service.name() + "." + namespace;
            Optional<Pattern> pod = server instanceof StatefulSetDef ? Optional.of(Pattern.compile(Pattern.quote(server.name()) + "-[0-9]+\\."
                    + Pattern.quote(service.name()) + "(\\." + Pattern.quote(namespace) + "(\\.svc(\\.cluster\\.local)?)?)?")) : Optional.empty();
            return new Target(service, server, isolated, Set.of(name, name + ".svc", name + ".svc.cluster.local"), pod);
        }
    }

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<NetworkPolicyDef> policies = index.all(NetworkPolicyDef.class);
        if (policies.isEmpty()) {
            return;
        }
        List<Target> targets = new ArrayList<>();
        for (ServiceDef service : index.all(ServiceDef.class)) {
            if (!service.ports().isEmpty() && service.selection().orElse(null) instanceof PodSelection.OfWorkload selected) {
                NetworkPathCheck.stackVersion(index, selected.workload()).ifPresent(server -> targets.add(
                        Target.of(service, server, !NetworkPolicyDef.isolating(policies, server).isEmpty(), stack.namespace().name())));
            }
        }
        for (Workload<?> client : index.workloads()) {
            List<HeldValue> values = index.heldValues(client);
            if (values.isEmpty()) {
                continue;
            }
            List<NetworkPolicyDef> egress = NetworkPolicyDef.isolatingEgress(policies, client);
            for (Target target : targets) {
                if (!target.isolated() && egress.isEmpty()
                        || target.server().kind() == client.kind() && target.server().name().equals(client.name())) {
                    continue;
                }
                for (HeldValue value : values) { // loops, not streams: every workload and target of every render passes here
                    if (names(value, target)) {
                        checkSent(stack, problems, policies, egress, client, target, value);
                        break;
                    }
                }
            }
        }
    }

    /** The client's isolated outgoing traffic must go to one of the Service's ports, unless the server's policies name the client. */
    private static void checkSent(Stack stack, Problems problems, List<NetworkPolicyDef> policies, List<NetworkPolicyDef> egress,
                                  Workload<?> client, Target target, HeldValue value) {
        Workload<?> server = target.server();
        if (egress.isEmpty() || names(allowances(NetworkPolicyDef.isolating(policies, server), true), client)) {
            checkAdmitted(stack, problems, policies, client, target, value);
            return;
        }
        List<NetworkPolicyDef.Allowance> sent = allowances(egress, false);
        if (!reachesAPort(sent, server, target.service(), stack)) {
            problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), egress.get(0), "isolates the outgoing traffic of " + client.describe()
                            + " without sending to " + describe(target) + ", which " + value.where() + " names (" + value.shown()
                            + "), so its connections time out", "sends to: " + NetworkPathCheck.describe(sent),
                    "Add allowingTo(NetworkPeer.podsOf(<" + server.describe() + ">), " + target.service().ports().get(0).target().name()
                            + " port) to " + egress.get(0).describe() + ", or " + value.dropHint() + " if " + client.describe() + " never connects there."));
            return;
        }
        checkAdmitted(stack, problems, policies, client, target, value);
    }

    private static void checkAdmitted(Stack stack, Problems problems, List<NetworkPolicyDef> policies, Workload<?> client, Target target,
                                      HeldValue value) {
        Workload<?> server = target.server();
        List<NetworkPolicyDef> isolating = NetworkPolicyDef.isolating(policies, server);
        // A path the client's egress names is NetworkPathCheck's to judge
        if (!target.isolated() || names(allowances(NetworkPolicyDef.isolating(policies, client), false), server)) {
            return;
        }
        List<NetworkPolicyDef.Allowance> allowances = allowances(isolating, true);
        if (reachesAPort(allowances, client, target.service(), stack)) {
            return;
        }
        problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), isolating.get(0), "admits no traffic from the pods of " + client.describe()
                        + " to " + describe(target) + ", which " + value.where() + " names (" + value.shown()
                        + "), so its connections time out", "admitted: " + NetworkPathCheck.describe(allowances),
                "Add allowingFrom(NetworkPeer.podsOf(<" + client.describe() + ">), " + target.service().ports().get(0).target().name() + " port) to "
                        + isolating.get(0).describe() + ", or " + value.dropHint() + " if " + client.describe() + " never connects there."));
    }

    private static List<NetworkPolicyDef.Allowance> allowances(List<NetworkPolicyDef> policies, boolean ingress) {
        return policies.stream().flatMap(policy -> (ingress ? policy.ingress() : policy.egress()).stream()).toList();
    }

    /** Whether one of {@code allowances} names the pods of {@code workload}. */
    private static boolean names(List<NetworkPolicyDef.Allowance> allowances, Workload<?> workload) {
        return allowances.stream().anyMatch(allowance -> allowance.peer() instanceof NetworkPeer.PodsOf pods
                && pods.workload().kind() == workload.kind() && pods.workload().name().equals(workload.name()));
    }

    /** Whether {@code allowances} take in the pods of {@code other} on one of the Service's target ports. */
    private static boolean reachesAPort(List<NetworkPolicyDef.Allowance> allowances, Workload<?> other, ServiceDef service, Stack stack) {
        return service.ports().stream().anyMatch(port -> NetworkPathCheck.reaches(allowances, other, port.target(), stack));
    }

    /** {@code Service forge-db (5432/TCP of StatefulSet forge-db)}. */
    private static String describe(Target target) {
        String ports = String.join(", ", target.service().ports().stream().map(port -> port.target().number() + "/" + port.target().protocol()).toList());
        return target.service().describe() + " (" + ports + " of " + target.server().describe() + ")";
    }

    /**
     * Whether {@code held} names the target's Service: its namespaced names or a StatefulSet pod's anywhere in the value;
     * its bare name as a host's whole value, before ':' and a port (not an image's tag), or after "://" or '@' (a URL).
     */
    private static boolean names(HeldValue held, Target target) {
        String name = target.service().name();
        String value = held.text();
        if (!value.contains(name) || !held.namesConnections()) {
            return false;
        }
        Matcher token = HOST_TOKEN.matcher(value);
        while (token.find()) {
            String host = token.group();
            if (target.namespaced().contains(host) || target.podHost().map(pod -> pod.matcher(host).matches()).orElse(false)) {
                return true;
            }
            if (host.equals(name) && (value.equals(name) && held.isHost() || beforePort(value, token.start(), token.end())
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
    static boolean beforePort(String value, int start, int end) {
        int digits = end + 1;
        while (digits < value.length() && Character.isDigit(value.charAt(digits))) {
            digits++;
        }
        // A tag goes on after its digits ("16.4", "16-alpine"); a port does not
        boolean tag = digits < value.length() && (Character.isLetter(value.charAt(digits)) || ".-_".indexOf(value.charAt(digits)) >= 0);
        return value.startsWith(":", end) && digits > end + 1 && !tag && !value.startsWith("/", start - 1);
    }
}
