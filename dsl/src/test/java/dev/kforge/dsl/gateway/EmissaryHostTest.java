package dev.kforge.dsl.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.InvalidDefinitionException;
import org.junit.jupiter.api.Test;

/** The Emissary 3 Host: host name, TLS secret, what cleartext requests get. */
class EmissaryHostTest {

    @Test
    void renders_a_host_with_its_tls_secret_redirecting_cleartext() {
        SecretDef certificate = SecretDef.tls("shop-tls");
        EmissaryHost host = EmissaryHost.named("shop").hostname("shop.example.com").withTls(certificate)
                .withAmbassadorId(AmbassadorId.of("shop-prod"));

        assertThat(EmissaryMappingTest.render("70-host-shop.yaml", host, certificate)).isEqualTo("""
                apiVersion: getambassador.io/v3alpha1
                kind: Host
                metadata:
                  name: shop
                  namespace: shop-prod
                  labels:
                    app.kubernetes.io/instance: shop-prod
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/part-of: shop
                    kforge.dev/environment: prod
                spec:
                  ambassador_id:
                  - shop-prod
                  hostname: shop.example.com
                  requestPolicy:
                    insecure:
                      action: Redirect
                  tlsSecret:
                    name: shop-tls
                """);
    }

    @Test
    void a_host_without_tls_routes_cleartext_and_switches_certificate_automation_off() {
        EmissaryHost host = EmissaryHost.named("shop").hostname("shop.example.com");

        assertThat(host.insecureAction()).isEqualTo(EmissaryHost.InsecureAction.ROUTE);
        assertThat(EmissaryMappingTest.render("70-host-shop.yaml", host)).endsWith("""
                spec:
                  acmeProvider:
                    authority: none
                  hostname: shop.example.com
                  requestPolicy:
                    insecure:
                      action: Route
                """);
    }

    @Test
    void the_insecure_action_can_be_chosen() {
        EmissaryHost host = EmissaryHost.named("shop").hostname("*.example.com").withTls(SecretDef.tls("wildcard-tls"))
                .withInsecureAction(EmissaryHost.InsecureAction.REJECT);

        assertThat(host.body("shop-prod").toString()).contains("action=Reject").contains("hostname=*.example.com");
    }

    @Test
    void rejects_a_tls_secret_that_is_not_of_type_tls() {
        EmissaryHost host = EmissaryHost.named("shop").hostname("shop.example.com");

        assertThatThrownBy(() -> host.withTls(SecretDef.opaque("shop-keys", "KEY")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Host shop: tlsSecret \"shop-keys\" is invalid: must be a kubernetes.io/tls Secret, not Opaque. "
                        + "Declare it with SecretDef.tls(\"shop-keys\").");
    }

    @Test
    void rejects_a_hostname_with_upper_case_letters() {
        assertThatThrownBy(() -> EmissaryHost.named("shop").hostname("Shop.example.com"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Host shop: hostname \"Shop.example.com\" is invalid: must be a lower-case DNS name, "
                        + "\"*.\" and a DNS name, or \"*\" (no port). For example \"tgr.example.com\".");
    }
}
