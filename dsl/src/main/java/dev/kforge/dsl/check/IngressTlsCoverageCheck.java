package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.IngressRule;
import dev.kforge.dsl.network.IngressTls;
import dev.kforge.dsl.stack.Stack;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An Ingress with TLS whose other rule hosts have none: ingress-nginx redirects to HTTPS only the hosts a TLS section names, so
 * such a host is served over plain HTTP, and over HTTPS with the controller's default (self-signed) certificate. Usually a host
 * added to the rules and forgotten in {@code withTls}; a warning, since plain HTTP may be meant. TLS for the host in another
 * Ingress of the same class counts: ingress-nginx merges the Ingresses of a host into one server.
 */
final class IngressTlsCoverageCheck implements StackCheck {
    static final String INGRESS_TLS = "ingress-tls";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<IngressDef> ingresses = index.all(IngressDef.class);
        for (IngressDef ingress : ingresses) {
            if (ingress.tls().isEmpty()) {
                continue;
            }
            Set<String> secured = tlsHosts(ingresses, ingress.ingressClassName());
            List<String> plain = ingress.rules().stream().map(IngressRule::host)
                    .filter(host -> !host.equals(IngressRule.ANY_HOST) && !secured.contains(host)).toList();
            if (plain.isEmpty()) {
                continue;
            }
            List<String> tlsHosts = ingress.tls().stream().flatMap(tls -> tls.hosts().stream()).toList();
            problems.add(Problem.of(INGRESS_TLS, Severity.WARNING, stack.describe(), ingress, "serves " + (plain.size() == 1 ? "a host" : "hosts")
                    + " without TLS beside its TLS hosts (" + String.join(", ", tlsHosts) + "): ingress-nginx serves "
                    + (plain.size() == 1 ? "it" : "them") + " over plain HTTP, without the redirect to HTTPS, and over HTTPS with its default "
                    + "certificate, which clients refuse", String.join(", ", plain), "Add " + (plain.size() == 1 ? "the host" : "them")
                    + " to withTls(secret, ...) with a certificate that covers " + (plain.size() == 1 ? "it" : "them")
                    + "; if plain HTTP is meant, route " + (plain.size() == 1 ? "it" : "them") + " from an Ingress without TLS."));
        }
    }

    /** The hosts some Ingress of {@code ingressClass} serves over TLS. */
    private static Set<String> tlsHosts(List<IngressDef> ingresses, Optional<String> ingressClass) {
        return ingresses.stream().filter(other -> other.ingressClassName().equals(ingressClass))
                .flatMap(other -> other.tls().stream()).map(IngressTls::hosts).flatMap(List::stream).collect(Collectors.toSet());
    }
}
