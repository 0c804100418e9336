package dev.kforge.dsl.testing;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretWriter;
import dev.kforge.dsl.core.CustomObject;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.RawEdit;
import dev.kforge.dsl.core.Scope;
import java.util.List;
import java.util.Map;

/** A cert-manager Certificate as a project defines it (the README's Extending section): a custom resource writing one Secret. */
public record Certificate(Meta meta, SecretDef secret) implements CustomObject<Certificate>, SecretWriter {
    public static final Kind KIND = new Kind("cert-manager.io/v1", "Certificate", Scope.NAMESPACED, 35, Names.Rule.DNS1123_SUBDOMAIN);

    public static Certificate of(String name, SecretDef secret) {
        return new Certificate(Meta.named(KIND, name), secret);
    }

    @Override
    public Kind kind() {
        return KIND;
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
