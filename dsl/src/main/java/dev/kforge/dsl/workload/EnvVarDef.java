package dev.kforge.dsl.workload;

import dev.kforge.dsl.config.ConfigMapKey;
import dev.kforge.dsl.config.SecretKey;

/** One environment variable of a container; build it with {@link Env}. */
public sealed interface EnvVarDef {

    String name();

    /** A literal value. Secret-looking names are flagged by the policy checks. */
    record Literal(String name, String value) implements EnvVarDef {
    }

    /** The value of a declared ConfigMap key. */
    record FromConfigMap(String name, ConfigMapKey source) implements EnvVarDef {
    }

    /** The value of a declared Secret key; the value itself never passes through the renderer. */
    record FromSecret(String name, SecretKey source) implements EnvVarDef {
    }

    /** A pod field through the Downward API. */
    record FromPodField(String name, PodField field) implements EnvVarDef {
    }

    /** A resource request or limit of this container through the Downward API. */
    record FromResource(String name, ResourceField field) implements EnvVarDef {
    }
}
