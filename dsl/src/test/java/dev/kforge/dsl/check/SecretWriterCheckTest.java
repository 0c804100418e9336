package dev.kforge.dsl.check;

import static dev.kforge.dsl.testing.Rendering.demoStack;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretSource;
import dev.kforge.dsl.config.SecretWriter;
import dev.kforge.dsl.core.CustomObject;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.RawEdit;
import dev.kforge.dsl.core.Scope;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Secret a controller writes for an object of the stack (a cert-manager Certificate's) is written by that object. */
class SecretWriterCheckTest {
    private static final Kind CERTIFICATE = new Kind("cert-manager.io/v1", "Certificate", Scope.NAMESPACED, 35, Names.Rule.DNS1123_SUBDOMAIN);
    private static final Kind DNS_RECORD = new Kind("example.com/v1", "DnsRecord", Scope.NAMESPACED, 70, Names.Rule.DNS1123_SUBDOMAIN);

    /** A project's own custom resource, as the README's Extending section has it. */
    private record Certificate(Meta meta, SecretDef secret) implements CustomObject<Certificate>, SecretWriter {
        static Certificate of(String name, SecretDef secret) {
            return new Certificate(Meta.named(CERTIFICATE, name), secret);
        }

        @Override
        public Kind kind() {
            return CERTIFICATE;
        }

        @Override
        public Certificate withMeta(Meta meta) {
            return new Certificate(meta, secret);
        }

        @Override
        public List<RawEdit<?>> rawEdits() {
            return List.of();
        }

        @Override
        public Map<String, Object> body(String namespace) {
            return Map.of("spec", Map.of("secretName", secret.name()));
        }

        @Override
        public List<SecretDef> writtenSecrets() {
            return List.of(secret);
        }
    }

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

    private final SecretDef tls = SecretDef.tls("shop-tls").withSource(SecretSource.writtenBy(CERTIFICATE, "shop"));

    private static List<String> problems(KubeObject<?>... objects) {
        Problems problems = new Problems();
        Checks.run(List.of(demoStack(objects).withPolicy(noPolicy())), problems);
        return problems.all().stream().map(p -> p.severity() + " " + p.format().replaceAll(" \\[at .*]$", "")).toList();
    }

    @Test
    void a_secret_written_by_the_certificate_that_names_it_passes() {
        assertThat(problems(tls, Certificate.of("shop", tls))).isEmpty();
        // A built-in writer (the token controller writes a ServiceAccount's token Secret) needs only to be in the stack.
        SecretDef token = SecretDef.opaque("ci-token", "token").withSource(SecretSource.writtenBy(Kind.SERVICE_ACCOUNT, "ci"));
        assertThat(problems(token, ServiceAccountDef.named("ci"))).isEmpty();
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
        assertThatThrownBy(() -> SecretSource.writtenBy(CERTIFICATE, "Shop_TLS")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("SecretSource writtenBy Certificate: name \"Shop_TLS\" is invalid: must be a DNS-1123 subdomain");
    }
}
