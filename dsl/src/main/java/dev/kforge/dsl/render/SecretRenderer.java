package dev.kforge.dsl.render;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretSource;
import dev.kforge.dsl.core.Annotations;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Secret's values never pass through the renderer. What is written depends on its source:
 * nothing for values from the environment ({@code make secrets} creates those outside out/), an
 * ExternalSecret for a secret store, a SealedSecret for encrypted values.
 */
final class SecretRenderer implements ObjectRenderer<SecretDef> {
    @Override
    public Class<SecretDef> sourceType() {
        return SecretDef.class;
    }

    @Override
    public Optional<HasMetadata> render(SecretDef secret, Stack stack) {
        SecretSource source = secret.source();
        if (source instanceof SecretSource.FromExternalStore store) {
            CustomResource external = resource(Kind.EXTERNAL_SECRET, secret, stack, Map.of("spec", externalSecretSpec(secret, store)));
            // Otherwise the operator fetches rotated values at its next refresh, up to refreshInterval after the pods rolled with
            // the old ones. The first version writes nothing, so that declaring the default changes no output.
            if (!secret.version().equals(SecretDef.FIRST_VERSION)) {
                Map<String, String> annotations = new TreeMap<>(Optional.ofNullable(external.getMetadata().getAnnotations()).orElse(Map.of()));
                annotations.put(Annotations.SECRET_VERSION, secret.version());
                external.getMetadata().setAnnotations(new LinkedHashMap<>(annotations));
            }
            return Optional.of(external);
        }
        if (source instanceof SecretSource.Sealed sealed) {
            return Optional.of(resource(Kind.SEALED_SECRET, secret, stack, Map.of("spec", sealedSecretSpec(secret, sealed, stack))));
        }
        return Optional.empty();
    }

    private static Map<String, Object> externalSecretSpec(SecretDef secret, SecretSource.FromExternalStore store) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("refreshInterval", store.refreshInterval().getSeconds() + "s");
        spec.put("secretStoreRef", Map.of("name", store.store(), "kind", store.clusterStore() ? "ClusterSecretStore" : "SecretStore"));
        spec.put("target", Map.of(
                "name", secret.name(),
                "creationPolicy", "Owner",
                "template", Map.of("type", secret.type().apiValue())));
        List<Map<String, Object>> data = new ArrayList<>();
        String remoteKey = store.remoteKey().orElse(secret.name());
        for (String key : secret.keys()) {
            data.add(Map.of("secretKey", key, "remoteRef", Map.of("key", remoteKey, "property", key)));
        }
        spec.put("data", data);
        return spec;
    }

    private static Map<String, Object> sealedSecretSpec(SecretDef secret, SecretSource.Sealed sealed, Stack stack) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("encryptedData", new LinkedHashMap<>(sealed.encryptedData()));
        spec.put("template", Map.of(
                "metadata", Map.of("name", secret.name(), "namespace", stack.namespace().name()),
                "type", secret.type().apiValue()));
        return spec;
    }

    private static CustomResource resource(Kind kind, SecretDef secret, Stack stack, Map<String, Object> body) {
        CustomResource resource = new CustomResource();
        resource.setApiVersion(kind.apiVersion());
        resource.setKind(kind.kind());
        resource.setMetadata(Metadata.of(secret, stack));
        resource.setAdditionalProperties(body);
        return resource;
    }
}
