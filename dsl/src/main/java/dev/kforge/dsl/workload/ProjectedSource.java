package dev.kforge.dsl.workload;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.ConfigMapKey;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretKey;
import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Lists;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link Volumes#projected projected volume} writes into its one directory: the keys of a ConfigMap or Secret, pod
 * fields, or a token of the pod's ServiceAccount for another service (Vault, a cloud's identity federation).
 */
public sealed interface ProjectedSource {

    /** The relative paths of the files it writes, to refuse two sources writing one file. */
    List<String> paths();

    /** Every key of {@code configMap} as a file; narrow with {@code withItem}. */
    static OfConfigMap configMap(ConfigMapDef configMap) {
        return new OfConfigMap(configMap, List.of());
    }

    /** Every key of {@code secret} as a file; narrow with {@code withItem}. */
    static OfSecret secret(SecretDef secret) {
        return new OfSecret(secret, List.of());
    }

    /** Pod metadata as files; add them with {@code withFile}. */
    static OfDownwardApi downwardApi() {
        return new OfDownwardApi(List.of());
    }

    /**
     * A token of the pod's ServiceAccount for {@code audience} (the service that reads it, e.g. {@code "vault"}), valid for
     * {@code expiration} (10 minutes to 24 hours) and renewed by the kubelet before it ends, in the file {@code token};
     * move it with {@code atPath}. A token for the API server is an API credential: pods get one with
     * {@code withApiAccessAs(account)}, which the checks weigh against the account's roles.
     */
    static ServiceAccountToken serviceAccountToken(String audience, Duration expiration) {
        return new ServiceAccountToken("token", audience, expiration);
    }

    /** The keys of a ConfigMap as files: every key under its own name, or the items. */
    record OfConfigMap(ConfigMapDef configMap, List<VolumeDef.KeyFile<ConfigMapKey>> items) implements ProjectedSource {
        public OfConfigMap {
            Given.value("Projected source", "configMap", configMap);
            items = Given.all(subject(configMap), "items", items);
        }

        public OfConfigMap withItem(ConfigMapKey key, String path) {
            return new OfConfigMap(configMap, Lists.append(items, VolumeFiles.file(subject(configMap), "key", key, path, Optional.empty())));
        }

        /** A copy projecting {@code key} at {@code path} with its own {@code mode}. */
        public OfConfigMap withItem(ConfigMapKey key, String path, FileMode mode) {
            String subject = subject(configMap);
            return new OfConfigMap(configMap, Lists.append(items, VolumeFiles.file(subject, "key", key, path, VolumeFiles.mode(subject, mode))));
        }

        @Override
        public List<String> paths() {
            return items.isEmpty() ? List.copyOf(configMap.data().keySet()) : items.stream().map(VolumeDef.KeyFile::path).toList();
        }

        private static String subject(ConfigMapDef configMap) {
            return "Projected " + configMap.describe();
        }
    }

    /** The keys of a Secret as files: every declared key under its own name, or the items. */
    record OfSecret(SecretDef secret, List<VolumeDef.KeyFile<SecretKey>> items) implements ProjectedSource {
        public OfSecret {
            Given.value("Projected source", "secret", secret);
            items = Given.all(subject(secret), "items", items);
        }

        public OfSecret withItem(SecretKey key, String path) {
            return new OfSecret(secret, Lists.append(items, VolumeFiles.file(subject(secret), "key", key, path, Optional.empty())));
        }

        /** A copy projecting {@code key} at {@code path} with its own {@code mode}, e.g. {@code FileMode.of("0400")}. */
        public OfSecret withItem(SecretKey key, String path, FileMode mode) {
            String subject = subject(secret);
            return new OfSecret(secret, Lists.append(items, VolumeFiles.file(subject, "key", key, path, VolumeFiles.mode(subject, mode))));
        }

        @Override
        public List<String> paths() {
            return items.isEmpty() ? List.copyOf(secret.keys()) : items.stream().map(VolumeDef.KeyFile::path).toList();
        }

        private static String subject(SecretDef secret) {
            return "Projected " + secret.describe();
        }
    }

    /** Pod metadata fields as files. */
    record OfDownwardApi(List<VolumeDef.KeyFile<PodField>> files) implements ProjectedSource {
        private static final String SUBJECT = "Projected downwardAPI";

        public OfDownwardApi {
            files = Given.all(SUBJECT, "files", files);
        }

        public OfDownwardApi withFile(String path, PodField field) {
            return new OfDownwardApi(Lists.append(files, VolumeFiles.file(SUBJECT, "field", VolumeFiles.metadataField(SUBJECT, field), path,
                    Optional.empty())));
        }

        public OfDownwardApi withFile(String path, PodField field, FileMode mode) {
            return new OfDownwardApi(Lists.append(files, VolumeFiles.file(SUBJECT, "field", VolumeFiles.metadataField(SUBJECT, field), path,
                    VolumeFiles.mode(SUBJECT, mode))));
        }

        @Override
        public List<String> paths() {
            return files.stream().map(VolumeDef.KeyFile::path).toList();
        }
    }

    /**
     * A token of the pod's ServiceAccount.
     *
     * @param path       the file, relative to the mount; default {@code token}
     * @param audience   who accepts it (the token's {@code aud}); never the API server's
     * @param expiration how long it is valid, 10 minutes to 24 hours; the kubelet renews it at 80% of that
     */
    record ServiceAccountToken(String path, String audience, Duration expiration) implements ProjectedSource {
        private static final String SUBJECT = "Projected serviceAccountToken";
        private static final Duration SHORTEST = Duration.ofMinutes(10);
        private static final Duration LONGEST = Duration.ofHours(24);

        public ServiceAccountToken {
            VolumeFiles.relativePath(SUBJECT, path);
            if (audience == null || audience.isBlank() || audience.chars().anyMatch(Character::isWhitespace)) {
                throw InvalidDefinitionException.invalid(SUBJECT, "audience", audience, "must name the service that reads the token, "
                        + "without white space", "For example \"vault\" or \"sts.amazonaws.com\".");
            }
            if (audience.contains("kubernetes.default.svc")) {
                throw InvalidDefinitionException.invalid(SUBJECT, "audience", audience, "is the API server's: a token for it is an API "
                                + "credential, which the checks would not weigh against the account's roles",
                        "Give the pods API access with withApiAccessAs(account), and bind the account the roles it needs.");
            }
            Given.value(SUBJECT, "expiration", expiration);
            if (expiration.compareTo(SHORTEST) < 0 || expiration.compareTo(LONGEST) > 0 || expiration.getNano() != 0) {
                throw InvalidDefinitionException.invalid(SUBJECT, "expiration", expiration.getSeconds() + " s" + (expiration.getNano() != 0
                                ? " and " + expiration.getNano() + " ns" : ""), "must be whole seconds from 600 (10 minutes, the API server's "
                                + "least) to 86400 (24 hours): a longer-lived token stays usable longer once it leaks",
                        "For example Duration.ofHours(1), the Kubernetes default.");
            }
        }

        /** A copy written to the file {@code path}, relative to the mount, e.g. {@code "vault/token"}. */
        public ServiceAccountToken atPath(String path) {
            return new ServiceAccountToken(path, audience, expiration);
        }

        @Override
        public List<String> paths() {
            return List.of(path);
        }
    }
}
