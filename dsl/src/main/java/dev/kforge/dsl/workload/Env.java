package dev.kforge.dsl.workload;

import dev.kforge.dsl.config.ConfigMapKey;
import dev.kforge.dsl.config.SecretKey;
import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Names;

/** Factories for environment variables; the overloads of {@code from} take only typed sources. */
public final class Env {
    private Env() {
    }

    /** A literal value, e.g. {@code value("HOST", "0.0.0.0")}. */
    public static EnvVarDef value(String name, String value) {
        if (value == null) {
            throw new InvalidDefinitionException("Env " + name + ": value is missing. Give it a string (it may be empty).");
        }
        return new EnvVarDef.Literal(check(name), value);
    }

    /** The value of a ConfigMap key: {@code from("PORT", config.key("PORT"))}. */
    public static EnvVarDef from(String name, ConfigMapKey key) {
        return new EnvVarDef.FromConfigMap(check(name), Given.value("Env " + name, "source", key));
    }

    /** The value of a Secret key: {@code from("CLIENT_SECRET", github.key("CLIENT_SECRET"))}. */
    public static EnvVarDef from(String name, SecretKey key) {
        return new EnvVarDef.FromSecret(check(name), Given.value("Env " + name, "source", key));
    }

    /** A pod field: {@code from("POD_NAME", PodField.NAME)}. */
    public static EnvVarDef from(String name, PodField field) {
        Given.value("Env " + name, "pod field", field);
        if (!field.usableInEnv()) {
            throw InvalidDefinitionException.invalid("Env " + name, "fieldRef", field.path(),
                    "works only as a file in a downwardAPI volume", "Use Volumes.downwardApi(...) or PodField.label(key).");
        }
        return new EnvVarDef.FromPodField(check(name), field);
    }

    /** A resource request or limit: {@code from("CPU_REQUEST", ResourceField.cpuRequest(Cpu.millis(1)))}. */
    public static EnvVarDef from(String name, ResourceField field) {
        return new EnvVarDef.FromResource(check(name), Given.value("Env " + name, "resource field", field));
    }

    private static String check(String name) {
        return Names.requireEnvVarName("Env", name);
    }
}
