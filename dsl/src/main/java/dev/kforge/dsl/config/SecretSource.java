package dev.kforge.dsl.config;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Names;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How a Secret's values reach the cluster. None of them puts a value in git.
 * <ul>
 *   <li>{@link FromEnvironment}: {@code make secrets ENV=...} builds the Secret from environment
 *       variables or a git-ignored {@code .env.<env>} file, outside {@code out/};</li>
 *   <li>{@link FromExternalStore}: an ExternalSecret (external-secrets.io/v1) in {@code out/}
 *       pulls the values from a secret store;</li>
 *   <li>{@link Sealed}: a SealedSecret (bitnami.com/v1alpha1) in {@code out/} carries values
 *       encrypted for the cluster's controller with {@code kubeseal};</li>
 *   <li>{@link WrittenBy}: a controller in the cluster writes them for an object of the stack
 *       (a cert-manager Certificate); nothing in {@code out/}.</li>
 * </ul>
 */
public sealed interface SecretSource {

    /**
     * Values from environment variables named after the keys ({@code CLIENT_ID};
     * {@code tls.crt} becomes {@code TLS_CRT}), with an optional prefix.
     */
    record FromEnvironment(String prefix) implements SecretSource {
        private static final Pattern PREFIX = Pattern.compile("([A-Z][A-Z0-9_]*)?");

        public FromEnvironment {
            if (!PREFIX.matcher(prefix).matches()) {
                throw InvalidDefinitionException.invalid("SecretSource", "environment variable prefix", prefix,
                        "must be upper case letters, digits and '_'", "For example \"GITHUB_\".");
            }
        }

        /** The variable that holds {@code key}'s value. */
        public String variableFor(String key) {
            return prefix + key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+", "");
        }
    }

    /**
     * Values pulled by the External Secrets Operator from a store.
     *
     * @param store           the SecretStore or ClusterSecretStore name, e.g. {@code vault-prod}
     * @param clusterStore    whether the store is a ClusterSecretStore
     * @param remoteKey       the remote secret holding the keys; default the Secret's name
     * @param refreshInterval how often values are refreshed (default 1 hour)
     */
    record FromExternalStore(String store, boolean clusterStore, Optional<String> remoteKey, Duration refreshInterval)
            implements SecretSource {
        public FromExternalStore {
            Names.require(Names.Rule.DNS1123_SUBDOMAIN, "SecretSource", "store", store);
            if (refreshInterval.isNegative() || refreshInterval.isZero()) {
                throw InvalidDefinitionException.invalid("SecretSource " + store, "refreshInterval", refreshInterval.toString(),
                        "must be positive", "For example Duration.ofHours(1).");
            }
        }

        /** A copy reading the keys from {@code key} in the store instead of the Secret's name. */
        public FromExternalStore withRemoteKey(String key) {
            if (key == null || key.isBlank()) {
                throw new InvalidDefinitionException("SecretSource " + store + ": remote key is empty. Give the path of the secret in the store.");
            }
            return new FromExternalStore(store, clusterStore, Optional.of(key), refreshInterval);
        }

        public FromExternalStore withRefreshInterval(Duration interval) {
            return new FromExternalStore(store, clusterStore, remoteKey, Given.optional("SecretSource " + store, "refreshInterval", interval));
        }
    }

    /**
     * Values encrypted with {@code kubeseal --raw} for one namespace and name, safe to commit. The Secret given this source
     * refuses a value of another shape than kubeseal's output, naming the Secret and the key.
     */
    record Sealed(SortedMap<String, String> encryptedData) implements SecretSource {
        public Sealed {
            TreeMap<String, String> copy = new TreeMap<>(encryptedData);
            copy.forEach((key, value) -> {
                if (value == null) {
                    throw new InvalidDefinitionException("SecretSource sealed: the value of key " + key + " is missing. "
                            + "Give kubeseal's output: kubeseal --raw --namespace <namespace> --name <secret> --from-file=<file>.");
                }
            });
            encryptedData = Collections.unmodifiableSortedMap(copy);
        }
    }

    /**
     * Values a controller in the cluster writes for a custom resource of the stack: the Secret a cert-manager {@code Certificate}
     * names in its {@code secretName}. Nothing reaches {@code out/} and {@code make secrets} skips it; the stack must hold the
     * object, which must be a {@link SecretWriter} listing it (checks of the stack). A Kubernetes kind is refused: none has a
     * controller that creates a Secret (since 1.24 not even a ServiceAccount's token Secret).
     *
     * @param kind the writer's kind, e.g. the project's own {@code Kind} of {@code cert-manager.io/v1 Certificate}
     * @param name the writer's name
     */
    record WrittenBy(Kind kind, String name) implements SecretSource {
        public WrittenBy {
            if (kind == null) {
                throw new InvalidDefinitionException("SecretSource writtenBy: the writer's kind is missing. Pass the Kind of the object "
                        + "whose controller writes the Secret, e.g. your Kind of cert-manager.io/v1 Certificate.");
            }
            Names.require(kind.nameRule(), "SecretSource writtenBy " + kind, "name", name);
            if (!kind.isCustomResource()) {
                throw InvalidDefinitionException.invalid("SecretSource writtenBy " + kind + " " + name, "kind", kind.toString(),
                        "must be a custom resource whose controller writes Secrets: no controller of Kubernetes writes one of its own "
                                + "accord, not even a ServiceAccount's token since 1.24 (the token controller only fills a Secret of type "
                                + "kubernetes.io/service-account-token that something else creates), so nothing would write it",
                        "Name the custom resource that writes it, such as your Kind of cert-manager.io/v1 Certificate; for a pod's token "
                                + "of the Kubernetes API, mount ProjectedSource.serviceAccountToken(audience, expiration), which the kubelet "
                                + "writes and renews.");
            }
        }

        /** How messages name the writer: {@code Certificate shop}. */
        public String describe() {
            return kind + " " + name;
        }
    }

    /** Values from environment variables named after the keys: the default. */
    static SecretSource environment() {
        return new FromEnvironment("");
    }

    /** Values from environment variables {@code <prefix><KEY>}. */
    static SecretSource environment(String prefix) {
        return new FromEnvironment(Given.value("SecretSource", "environment variable prefix", prefix));
    }

    /** An ExternalSecret reading from the ClusterSecretStore {@code store}, refreshed hourly. */
    static FromExternalStore clusterStore(String store) {
        return new FromExternalStore(store, true, Optional.empty(), Duration.ofHours(1));
    }

    /** An ExternalSecret reading from the namespace's SecretStore {@code store}, refreshed hourly. */
    static FromExternalStore namespaceStore(String store) {
        return new FromExternalStore(store, false, Optional.empty(), Duration.ofHours(1));
    }

    /** Values the controller of {@code kind} object {@code name} writes in the cluster, e.g. a cert-manager Certificate's. */
    static SecretSource writtenBy(Kind kind, String name) {
        return new WrittenBy(kind, name);
    }

    /** A SealedSecret with these kubeseal-encrypted values, one per declared key. */
    static SecretSource sealed(Map<String, String> encryptedData) {
        return new Sealed(new TreeMap<>(Given.value("SecretSource sealed", "encrypted data", encryptedData)));
    }
}
