package dev.kforge.dsl.config;

import java.util.List;

/** The type of a Secret, with the keys that type requires. */
public enum SecretType {
    /** Arbitrary keys. */
    OPAQUE("Opaque", List.of()),
    /** Registry credentials for imagePullSecrets. */
    DOCKER_CONFIG_JSON("kubernetes.io/dockerconfigjson", List.of(".dockerconfigjson")),
    /** A TLS certificate and key, e.g. for an Ingress. */
    TLS("kubernetes.io/tls", List.of("tls.crt", "tls.key"));

    private final String apiValue;
    private final List<String> requiredKeys;

    SecretType(String apiValue, List<String> requiredKeys) {
        this.apiValue = apiValue;
        this.requiredKeys = requiredKeys;
    }

    /** The value of the Secret's {@code type} field. */
    public String apiValue() {
        return apiValue;
    }

    public List<String> requiredKeys() {
        return requiredKeys;
    }
}
