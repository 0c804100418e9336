package dev.kforge.dsl.gateway;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.check.StackCheck;
import dev.kforge.dsl.check.StackIndex;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.gateway.EmissaryListener.Protocol;
import dev.kforge.dsl.stack.Stack;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Host's TLS fits the Listeners of its gateway. Emissary terminates TLS only for Hosts with a {@code tlsSecret} and routes
 * the others' cleartext alone (Emissary docs, Cleartext support), on the Listeners' ports. So, for a gateway with Listeners:
 * <ul>
 *   <li>a Host with a certificate that redirects cleartext to HTTPS while no Listener speaks HTTPS sends every client to a
 *       port that does not answer (an error);</li>
 *   <li>a Host without one, beside an HTTPS Listener, is not served over HTTPS: its cleartext is (a warning).</li>
 * </ul>
 */
public final class GatewayTlsCheck implements StackCheck {
    public static final String REDIRECT_WITHOUT_HTTPS = "gateway-redirect-without-https";
    public static final String HOST_WITHOUT_TLS = "gateway-host-without-tls";
    private static final Set<Protocol> TLS_PROTOCOLS = Set.of(Protocol.HTTPS, Protocol.HTTPSPROXY);

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<EmissaryListener> listeners = index.all(EmissaryListener.class);
        for (EmissaryHost host : index.all(EmissaryHost.class)) {
            List<EmissaryListener> gatewayListeners = listeners.stream()
                    .filter(listener -> AmbassadorId.sameGateway(listener.ambassadorId(), host.ambassadorId()))
                    .toList();
            if (gatewayListeners.isEmpty()) {
                continue;
            }
            boolean https = gatewayListeners.stream().anyMatch(listener -> TLS_PROTOCOLS.contains(listener.protocol()));
            String actual = "Listeners: " + gatewayListeners.stream()
                    .map(listener -> listener.name() + " (" + listener.protocol() + " on " + listener.port().number() + ")")
                    .collect(Collectors.joining(", "));
            if (host.tlsSecret().isPresent() && host.insecureAction() == EmissaryHost.InsecureAction.REDIRECT && !https) {
                problems.add(Problem.of(REDIRECT_WITHOUT_HTTPS, Severity.ERROR, stack.describe(), host,
                        "redirects cleartext requests for " + host.hostname() + " to HTTPS, which no Listener of its gateway speaks, so "
                                + "every client is sent to a port that does not answer", actual,
                        "Add EmissaryListener.named(\"https\").on(gateway.httpsPort()).accepting(Protocol.HTTPS, SecurityModel.XFP) "
                                + "on a gateway withHttps(), or route cleartext with withInsecureAction(InsecureAction.ROUTE)."));
            } else if (host.tlsSecret().isEmpty() && https) {
                problems.add(Problem.of(HOST_WITHOUT_TLS, Severity.WARNING, stack.describe(), host,
                        "has no TLS secret beside an HTTPS Listener of its gateway, so https://" + host.hostname() + " is not served: "
                                + "Emissary terminates TLS only for Hosts with a tlsSecret (its cleartext is routed)", actual,
                        "Give it a certificate, withTls(SecretDef.tls(..)), if its clients use HTTPS."));
            }
        }
    }
}
