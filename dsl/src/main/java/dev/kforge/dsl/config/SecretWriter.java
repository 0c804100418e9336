package dev.kforge.dsl.config;

import java.util.List;

/**
 * An object of the stack whose controller writes Secrets in its namespace, such as a cert-manager {@code Certificate}
 * (the Secret its {@code secretName} names). A Secret declared with {@link SecretSource#writtenBy} of such an object must be
 * among {@link #writtenSecrets()}, so that a Certificate writing one Secret while an Ingress reads another is an error.
 */
public interface SecretWriter {

    /** The Secrets the object's controller writes. */
    List<SecretDef> writtenSecrets();
}
