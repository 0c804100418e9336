package dev.kforge.dsl.check;

import static dev.kforge.dsl.testing.Rendering.demoStack;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretSource;
import dev.kforge.dsl.core.CustomObject;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.RawEdit;
import dev.kforge.dsl.core.Scope;
import dev.kforge.dsl.testing.Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Secret a controller writes for an object of the stack (a cert-manager Certificate's) is written by that object. */
class SecretWriterCheckTest {
    private static final Kind DNS_RECORD = new Kind("example.com/v1", "DnsRecord", Scope.NAMESPACED, 70, Names.Rule.DNS1123_SUBDOMAIN);

    /** A custom resource that does not say which Secrets its controller writes. */
    private record DnsRecord(Meta meta) implements CustomObject<DnsRecord> {
        @Override
        public Kind kind() {
            return DNS_RECORD;
        }

        @Override
        public DnsRecord withMeta(Meta meta) {
            return new DnsRecord(meta);
        }

        @Override
        public List<RawEdit<?>> rawEdits() {
            return List.of();
        }

        @Override
        public Map<String, Object> body(String namespace) {
            return Map.of();
        }
    }

    private final SecretDef tls = SecretDef.tls("shop-tls").withSource(SecretSource.writtenBy(Certificate.KIND, "shop"));

    private static List<String> problems(KubeObject<?>... objects) {
        Problems problems = new Problems();
        Checks.run(List.of(demoStack(objects).withPolicy(noPolicy())), problems);
        return problems.all().stream().map(p -> p.severity() + " " + p.format().replaceAll(" \\[at .*]$", "")).toList();
    }

    @Test
    void a_secret_written_by_the_certificate_that_names_it_passes() {
        assertThat(problems(tls, Certificate.of("shop", tls))).isEmpty();
    }

    @Test
    void refuses_a_kubernetes_kind_as_writer_as_none_writes_a_secret_of_its_own_accord() {
        // Since Kubernetes 1.24 no token Secret is created for a ServiceAccount: the token controller fills only one that is created.
        assertThatThrownBy(() -> SecretSource.writtenBy(Kind.SERVICE_ACCOUNT, "ci")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("SecretSource writtenBy ServiceAccount ci: kind \"ServiceAccount\" is invalid: must be a custom resource whose "
                        + "controller writes Secrets: no controller of Kubernetes writes one of its own accord, not even a ServiceAccount's "
                        + "token since 1.24 (the token controller only fills a Secret of type kubernetes.io/service-account-token that "
                        + "something else creates), so nothing would write it. Name the custom resource that writes it, such as your Kind "
                        + "of cert-manager.io/v1 Certificate; for a pod's token of the Kubernetes API, mount "
                        + "ProjectedSource.serviceAccountToken(audience, expiration), which the kubelet writes and renews.");
    }

    @Test
    void reports_a_writer_missing_from_the_stack() {
        assertThat(problems(tls)).containsExactly(
                "ERROR test/Secret shop-tls: is written by Certificate shop (SecretSource.writtenBy), which is not in the stack "
                        + "(Certificate shop). Add it to the stack with Stack.with(...), or name the object that writes the Secret.");
    }

    @Test
    void reports_a_certificate_writing_another_secret() {
        assertThat(problems(tls, Certificate.of("shop", SecretDef.tls("shop-cert")))).containsExactly(
                "ERROR test/Secret shop-tls: is written by Certificate shop (SecretSource.writtenBy), which writes other Secrets, "
                        + "so nothing writes this one and whatever reads it waits for it (writes: shop-cert). "
                        + "Build Certificate shop with this SecretDef, or name the object that writes the Secret.");
    }

    @Test
    void reports_a_custom_writer_that_does_not_say_what_it_writes() {
        SecretDef secret = SecretDef.opaque("zone-key", "key").withSource(SecretSource.writtenBy(DNS_RECORD, "zone"));
        assertThat(problems(secret, new DnsRecord(Meta.named(DNS_RECORD, "zone")))).containsExactly(
                "ERROR test/Secret zone-key: is written by DnsRecord zone (SecretSource.writtenBy), which does not say which Secrets "
                        + "its controller writes (writes: unknown). "
                        + "Make its type implement SecretWriter, whose writtenSecrets() returns the SecretDefs it writes.");
    }

    @Test
    void refuses_a_writer_without_a_kind_or_with_an_invalid_name() {
        assertThatThrownBy(() -> SecretSource.writtenBy(null, "shop")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("SecretSource writtenBy: the writer's kind is missing. Pass the Kind of the object whose controller writes "
                        + "the Secret, e.g. your Kind of cert-manager.io/v1 Certificate.");
        assertThatThrownBy(() -> SecretSource.writtenBy(Certificate.KIND, "Shop_TLS")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("SecretSource writtenBy Certificate: name \"Shop_TLS\" is invalid: must be a DNS-1123 subdomain");
    }
}
