package dev.kforge.dsl.config;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.RawEdit;
import dev.kforge.dsl.core.Spelling;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A Secret the workloads need: its name, type and the keys it must have, never its values.
 * Values reach the cluster outside git; declaring the keys here lets every reference be checked.
 *
 * @param type    the Secret type; its required keys are always declared
 * @param keys    the keys the Secret must have, sorted
 * @param source  how the values reach the cluster; default {@link SecretSource#environment()}
 * @param version bumped by hand when the values change, so the pods that use the Secret roll (and, from a store, the External
 *                Secrets Operator fetches the values at once); default {@link #FIRST_VERSION}
 */
public record SecretDef(Meta meta, SecretType type, SortedSet<String> keys, SecretSource source, String version)
        implements KubeObject<SecretDef> {
    /** The version a Secret is declared with until its values are first rotated. */
    public static final String FIRST_VERSION = "1";

    public SecretDef {
        Given.value(Kind.SECRET + " " + meta.name(), "type", type);
        Given.value(Kind.SECRET + " " + meta.name(), "source", source);
        TreeSet<String> copy = new TreeSet<>(type.requiredKeys());
        copy.addAll(keys);
        keys = Collections.unmodifiableSortedSet(copy);
        if (version == null || version.isBlank()) {
            throw new InvalidDefinitionException(Kind.SECRET + " " + meta.name() + ": version is empty. Use \"1\" and bump it when the values change.");
        }
        if (source instanceof SecretSource.Sealed sealed && !sealed.encryptedData().keySet().equals(keys)) {
            throw InvalidDefinitionException.invalid(Kind.SECRET + " " + meta.name(), "sealed keys", sealed.encryptedData().keySet().toString(),
                    "must be exactly the declared keys " + keys, "Seal one value per declared key.");
        }
        if (source instanceof SecretSource.Sealed sealed) {
            requireKubesealOutput(meta.name(), sealed);
        }
    }

    /** Refuses values that kubeseal did not write, naming their keys and never the values, which may be plaintext. */
    private static void requireKubesealOutput(String name, SecretSource.Sealed sealed) {
        List<String> problems = new ArrayList<>();
        sealed.encryptedData().forEach((key, value) -> KubesealOutput.problem(value)
                .ifPresent(problem -> problems.add("the sealed value of key " + key + " is not kubeseal output: " + problem)));
        if (!problems.isEmpty()) {
            throw InvalidDefinitionException.of(Kind.SECRET + " " + name, String.join("; ", problems)
                    + ". A value only base64-encoded would reach git readable by anyone: seal it with kubeseal --raw --namespace <namespace>"
                    + " --name " + name + " --from-file=<file holding the value> (README, Secrets: sealing a value).");
        }
    }

    /** An Opaque Secret with the given keys, e.g. {@code opaque("tgr-github", "CLIENT_ID", "CLIENT_SECRET")}. */
    public static SecretDef opaque(String name, String... keys) {
        Meta meta = Meta.named(Kind.SECRET, name);
        TreeSet<String> declared = new TreeSet<>();
        for (String key : Given.all(Kind.SECRET + " " + name, "keys", keys)) {
            Names.requireConfigKey(Kind.SECRET + " " + name, key);
            if (!declared.add(key)) {
                throw InvalidDefinitionException.invalid(Kind.SECRET + " " + name, "key", key, "is declared twice", "Keep one.");
            }
        }
        if (declared.isEmpty()) {
            throw new InvalidDefinitionException(Kind.SECRET + " " + name + ": no keys declared. Name the keys the workloads read, e.g. opaque(\"" + name + "\", \"PASSWORD\").");
        }
        return new SecretDef(meta, SecretType.OPAQUE, declared, SecretSource.environment(), FIRST_VERSION);
    }

    /** Registry credentials ({@code kubernetes.io/dockerconfigjson}) for imagePullSecrets. */
    public static SecretDef registryCredentials(String name) {
        return new SecretDef(Meta.named(Kind.SECRET, name), SecretType.DOCKER_CONFIG_JSON, new TreeSet<>(), SecretSource.environment(), FIRST_VERSION);
    }

    /** A TLS Secret ({@code kubernetes.io/tls}), e.g. for an Ingress. */
    public static SecretDef tls(String name) {
        return new SecretDef(Meta.named(Kind.SECRET, name), SecretType.TLS, new TreeSet<>(), SecretSource.environment(), FIRST_VERSION);
    }

    @Override
    public Kind kind() {
        return Kind.SECRET;
    }

    @Override
    public SecretDef withMeta(Meta meta) {
        return new SecretDef(Given.value(describe(), "meta", meta), type, keys, source, version);
    }

    /** A copy whose values reach the cluster through {@code source}. */
    public SecretDef withSource(SecretSource source) {
        return new SecretDef(meta, type, keys, source, version);
    }

    /** A copy with another declared version; bump it when the values change so that the pods roll. */
    public SecretDef withVersion(String version) {
        return new SecretDef(meta, type, keys, source, version);
    }

    /** Secrets have no raw edits: their values never pass through the renderer. */
    @Override
    public List<RawEdit<?>> rawEdits() {
        return List.of();
    }

    /** A reference to one declared key, for env vars and volume items. */
    public SecretKey key(String key) {
        if (!keys.contains(Given.value(describe(), "key", key))) {
            throw InvalidDefinitionException.invalid(describe(), "key", key, "is not declared",
                    Spelling.closest(key, keys).map(meant -> "Did you mean \"" + meant + "\"? ").orElse("")
                            + "Declared keys: " + keys + ". Declare it where the Secret is defined.");
        }
        return new SecretKey(this, key);
    }
}
