package dev.kforge.dsl.workload;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.Names;

/** Every key of a ConfigMap or Secret as env vars ({@code envFrom}), optionally prefixed. */
public sealed interface EnvFromSource {

    /** The prefix added to every key; empty for none. */
    String prefix();

    record AllOfConfigMap(ConfigMapDef configMap, String prefix) implements EnvFromSource {
        public AllOfConfigMap {
            Given.value("EnvFrom", "configMap", configMap);
        }
    }

    record AllOfSecret(SecretDef secret, String prefix) implements EnvFromSource {
        public AllOfSecret {
            Given.value("EnvFrom", "secret", secret);
        }
    }

    static EnvFromSource configMap(ConfigMapDef configMap) {
        return new AllOfConfigMap(configMap, "");
    }

    static EnvFromSource secret(SecretDef secret) {
        return new AllOfSecret(secret, "");
    }

    /** A copy whose keys get {@code prefix} in front, e.g. {@code "GITHUB_"}. */
    default EnvFromSource withPrefix(String prefix) {
        Names.requireEnvVarName("EnvFrom", prefix);
        if (this instanceof AllOfConfigMap c) {
            return new AllOfConfigMap(c.configMap(), prefix);
        }
        return new AllOfSecret(((AllOfSecret) this).secret(), prefix);
    }
}
