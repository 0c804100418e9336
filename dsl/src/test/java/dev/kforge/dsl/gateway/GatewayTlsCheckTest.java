package dev.kforge.dsl.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.check.StackIndex;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.gateway.EmissaryListener.Protocol;
import dev.kforge.dsl.gateway.EmissaryListener.SecurityModel;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.testing.Rendering;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Host's certificate and insecure action fit the protocols of its gateway's Listeners. */
class GatewayTlsCheckTest {
    private static final NamespaceDef NAMESPACE = NamespaceDef.named("shop-prod");
    private static final GatewayInstallation GATEWAY = GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, NAMESPACE).withHttps();
    private static final SecretDef CERTIFICATE = SecretDef.tls("shop-tls");
    private static final EmissaryListener HTTP = EmissaryListener.named("http").on(GATEWAY.httpPort())
            .accepting(Protocol.HTTP, SecurityModel.XFP).servedBy(GATEWAY);
    private static final EmissaryListener HTTPS = EmissaryListener.named("https").on(GATEWAY.httpsPort())
            .accepting(Protocol.HTTPS, SecurityModel.XFP).servedBy(GATEWAY);
    private static final EmissaryHost TLS_HOST = EmissaryHost.named("shop").hostname("shop.example.com").withTls(CERTIFICATE).servedBy(GATEWAY);

    private static Stack stack(KubeObject<?>... objects) {
        return Stack.named("shop").environment("prod").namespace(NAMESPACE).with(GATEWAY.objects().toArray(KubeObject<?>[]::new))
                .with(CERTIFICATE).with(objects);
    }

    private static List<String> problems(KubeObject<?>... objects) {
        Stack stack = stack(objects);
        Problems problems = new Problems();
        new GatewayTlsCheck().check(stack, new StackIndex(stack), problems);
        return problems.all().stream().map(p -> p.severity() + " " + p.format().replaceAll(" \\[at .*]$", "")).toList();
    }

    @Test
    void reports_a_host_redirecting_to_https_that_no_listener_speaks() {
        assertThat(problems(HTTP, TLS_HOST)).containsExactly(
                "ERROR prod/Host shop: redirects cleartext requests for shop.example.com to HTTPS, which no Listener of its gateway speaks, "
                        + "so every client is sent to a port that does not answer (Listeners: http (HTTP on 8080)). Add "
                        + "EmissaryListener.named(\"https\").on(gateway.httpsPort()).accepting(Protocol.HTTPS, SecurityModel.XFP) on a gateway "
                        + "withHttps(), or route cleartext with withInsecureAction(InsecureAction.ROUTE).");
        assertThat(problems(HTTP, HTTPS, TLS_HOST)).isEmpty();
        assertThat(problems(HTTP, TLS_HOST.withInsecureAction(EmissaryHost.InsecureAction.ROUTE))).isEmpty();
        // No Listener at all is not this check's to judge.
        assertThat(problems(TLS_HOST)).isEmpty();
    }

    @Test
    void warns_of_a_host_without_tls_beside_an_https_listener() {
        EmissaryHost cleartext = EmissaryHost.named("internal").hostname("shop.internal.example.com").servedBy(GATEWAY);

        assertThat(problems(HTTP, HTTPS, TLS_HOST, cleartext)).containsExactly(
                "WARNING prod/Host internal: has no TLS secret beside an HTTPS Listener of its gateway, so https://shop.internal.example.com "
                        + "is not served: Emissary terminates TLS only for Hosts with a tlsSecret (its cleartext is routed) (Listeners: "
                        + "http (HTTP on 8080), https (HTTPS on 8443)). Give it a certificate, withTls(SecretDef.tls(..)), if its clients use HTTPS.");
        assertThat(problems(HTTP, cleartext)).isEmpty();
    }

    @Test
    void runs_with_every_check() {
        assertThat(Rendering.structuralProblems(stack(HTTP, TLS_HOST))).extracting(Problem::check)
                .contains(GatewayTlsCheck.REDIRECT_WITHOUT_HTTPS);
    }
}
