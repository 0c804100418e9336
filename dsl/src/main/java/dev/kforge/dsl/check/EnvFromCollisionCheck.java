package dev.kforge.dsl.check;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.EnvFromSource;
import dev.kforge.dsl.workload.EnvVarDef;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A variable that two envFrom sources of a container set (two ConfigMaps sharing {@code PORT}): the later source wins; or that
 * an envFrom source and the container's own env set: the container's own wins. Neither says so. Only keys the stack knows are
 * compared: its ConfigMaps' and the declared keys of Secrets, with the sources' prefixes.
 */
final class EnvFromCollisionCheck implements StackCheck {
    static final String ID = "env-from-collision";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (Workload<?> workload : index.workloads()) {
            for (ContainerDef container : workload.allContainers()) {
                Map<String, EnvFromSource> setBy = new LinkedHashMap<>();
                for (EnvFromSource source : container.envFrom()) {
                    Map<EnvFromSource, Set<String>> overridden = new LinkedHashMap<>();
                    for (String key : keys(source, index)) {
                        EnvFromSource earlier = setBy.put(source.prefix() + key, source);
                        if (earlier != null) {
                            overridden.computeIfAbsent(earlier, any -> new TreeSet<>()).add(source.prefix() + key);
                        }
                    }
                    overridden.forEach((earlier, variables) -> problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), workload,
                            "container " + container.name() + " takes " + String.join(", ", variables) + " from envFrom " + describe(source)
                                    + " and from " + describe(earlier) + " before it: the later source wins, without a word",
                            "variables: " + String.join(", ", variables),
                            "Keep each key in one of them, or set the later one's apart with a prefix, EnvFromSource."
                                    + (source instanceof EnvFromSource.AllOfConfigMap ? "configMap" : "secret") + "(..).withPrefix(\""
                                    + object(source).name().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_\").")));
                }
                Map<EnvFromSource, Set<String>> hidden = new LinkedHashMap<>();
                for (EnvVarDef variable : container.env()) {
                    EnvFromSource source = setBy.get(variable.name());
                    if (source != null && !readsTheKeyItHides(variable, source)) {
                        hidden.computeIfAbsent(source, any -> new TreeSet<>()).add(variable.name());
                    }
                }
                hidden.forEach((source, variables) -> problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), workload,
                        "container " + container.name() + " sets " + String.join(", ", variables) + " with withEnv, and envFrom "
                                + describe(source) + " sets " + (variables.size() == 1 ? "it" : "them") + " too: the container's own "
                                + "variable wins, without a word",
                        "variables: " + String.join(", ", variables),
                        "Drop it from withEnv where the source's value is meant, or set the source's keys apart with another prefix.")));
            }
        }
    }

    /** The keys of the stack's version of the source, or, for a Secret outside the stack, those it declares; none for another ConfigMap. */
    private static List<String> keys(EnvFromSource source, StackIndex index) {
        if (source instanceof EnvFromSource.AllOfConfigMap all) {
            return index.find(Kind.CONFIG_MAP, all.configMap().name(), ConfigMapDef.class)
                    .map(config -> List.copyOf(config.data().keySet())).orElse(List.of());
        }
        SecretDef secret = ((EnvFromSource.AllOfSecret) source).secret();
        return new ArrayList<>(index.find(Kind.SECRET, secret.name(), SecretDef.class).orElse(secret).keys());
    }

    /** An env var read from the very key of the source that would set it: the same value twice. */
    private static boolean readsTheKeyItHides(EnvVarDef variable, EnvFromSource source) {
        if (variable instanceof EnvVarDef.FromConfigMap fromKey && source instanceof EnvFromSource.AllOfConfigMap all) {
            return fromKey.source().configMap().name().equals(all.configMap().name()) && variable.name().equals(all.prefix() + fromKey.source().key());
        }
        if (variable instanceof EnvVarDef.FromSecret fromKey && source instanceof EnvFromSource.AllOfSecret all) {
            return fromKey.source().secret().name().equals(all.secret().name()) && variable.name().equals(all.prefix() + fromKey.source().key());
        }
        return false;
    }

    private static KubeObject<?> object(EnvFromSource source) {
        return source instanceof EnvFromSource.AllOfConfigMap all ? all.configMap() : ((EnvFromSource.AllOfSecret) source).secret();
    }

    private static String describe(EnvFromSource source) {
        return object(source).describe() + (source.prefix().isEmpty() ? "" : " (prefix " + source.prefix() + ")");
    }
}
