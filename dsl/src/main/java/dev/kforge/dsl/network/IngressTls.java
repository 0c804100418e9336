package dev.kforge.dsl.network;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretType;
import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.List;

/** TLS for some hosts of an Ingress, with a {@code kubernetes.io/tls} Secret of the same namespace. */
public record IngressTls(List<String> hosts, SecretDef secret) {
    public IngressTls {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new InvalidDefinitionException("IngressTls: no hosts. Name the hosts the certificate covers.");
        }
        if (secret.type() != SecretType.TLS) {
            throw InvalidDefinitionException.invalid("IngressTls", "secret", secret.name(),
                    "must be a " + SecretType.TLS.apiValue() + " Secret, not " + secret.type().apiValue(),
                    "Declare it with SecretDef.tls(\"" + secret.name() + "\").");
        }
    }
}
