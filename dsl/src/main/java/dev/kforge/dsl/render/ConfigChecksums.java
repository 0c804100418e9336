package dev.kforge.dsl.render;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretSource;
import dev.kforge.dsl.core.Annotations;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Sha256;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.EnvFromSource;
import dev.kforge.dsl.workload.EnvVarDef;
import dev.kforge.dsl.workload.ProjectedSource;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.Workload;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One checksum annotation on a pod template per ConfigMap and Secret its pods read, so that a
 * change of the config (or of a Secret's declared version) changes the template and
 * {@code kubectl apply} rolls exactly the pods that use it.
 */
final class ConfigChecksums {
    static final String PREFIX = "checksum.kforge.dev/";

    private ConfigChecksums() {
    }

    /** The annotations for {@code deployment}, computed from the stack's version of each object. */
    static Annotations of(Workload<?> deployment, Stack stack) {
        Map<String, KubeObject<?>> used = new LinkedHashMap<>();
        for (ContainerDef container : deployment.allContainers()) {
            for (EnvVarDef var : container.env()) {
                if (var instanceof EnvVarDef.FromConfigMap c) {
                    used.put("configmap/" + c.source().configMap().name(), c.source().configMap());
                } else if (var instanceof EnvVarDef.FromSecret s) {
                    used.put("secret/" + s.source().secret().name(), s.source().secret());
                }
            }
            for (EnvFromSource source : container.envFrom()) {
                if (source instanceof EnvFromSource.AllOfConfigMap c) {
                    used.put("configmap/" + c.configMap().name(), c.configMap());
                } else {
                    SecretDef secret = ((EnvFromSource.AllOfSecret) source).secret();
                    used.put("secret/" + secret.name(), secret);
                }
            }
        }
        for (VolumeDef volume : deployment.volumes()) {
            if (volume instanceof VolumeDef.FromConfigMap c) {
                used.put("configmap/" + c.configMap().name(), c.configMap());
            } else if (volume instanceof VolumeDef.FromSecret s) {
                used.put("secret/" + s.secret().name(), s.secret());
            } else if (volume instanceof VolumeDef.Projected projected) {
                for (ProjectedSource source : projected.sources()) {
                    if (source instanceof ProjectedSource.OfConfigMap c) {
                        used.put("configmap/" + c.configMap().name(), c.configMap());
                    } else if (source instanceof ProjectedSource.OfSecret s) {
                        used.put("secret/" + s.secret().name(), s.secret());
                    }
                }
            }
        }
        Annotations annotations = Annotations.EMPTY;
        for (KubeObject<?> referenced : used.values()) {
            KubeObject<?> current = stack.current(referenced);
            String type = current instanceof ConfigMapDef ? "configmap" : "secret";
            annotations = annotations.with(key(type, current.name()), checksum(current));
        }
        return annotations;
    }

    private static String key(String type, String name) {
        String part = type + "-" + name;
        if (part.length() > 63) {
            part = part.substring(0, 54) + "-" + Sha256.hex(name).substring(0, 8);
        }
        return PREFIX + part;
    }

    private static String checksum(KubeObject<?> object) {
        StringBuilder content = new StringBuilder();
        if (object instanceof ConfigMapDef config) {
            config.data().forEach((key, value) -> content.append(key).append('\0').append(value).append('\0'));
        } else {
            SecretDef secret = (SecretDef) object;
            content.append(secret.type().apiValue()).append('\0').append(secret.keys()).append('\0')
                    .append(secret.version()).append('\0').append(describe(secret.source()));
        }
        return Sha256.hex(content.toString()).substring(0, 16);
    }

    /**
     * What identifies the values of a source; never a value itself. The text is the records'
     * toString of kforge 1.1.0, spelled out so that checksums stay the same (and so that a record's
     * generated toString is not bootstrapped at render time).
     */
    private static String describe(SecretSource source) {
        if (source instanceof SecretSource.Sealed sealed) {
            return "sealed:" + sealed.encryptedData();
        }
        if (source instanceof SecretSource.FromEnvironment environment) {
            return "FromEnvironment[prefix=" + environment.prefix() + "]";
        }
        if (source instanceof SecretSource.WrittenBy writer) {
            return "writtenBy:" + writer.kind().apiVersion() + "/" + writer.describe();
        }
        SecretSource.FromExternalStore store = (SecretSource.FromExternalStore) source;
        return "FromExternalStore[store=" + store.store() + ", clusterStore=" + store.clusterStore() + ", remoteKey=" + store.remoteKey()
                + ", refreshInterval=" + store.refreshInterval() + "]";
    }
}
