package dev.kforge.dsl.check;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.EnvFromSource;
import dev.kforge.dsl.workload.EnvVarDef;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The env vars of a workload's containers whose values the stack knows: literals, and ConfigMap values by key or envFrom. */
final class EnvValues {

    /** The last word of a variable holding a host name, whose whole value may be a bare Service name. */
    private static final Set<String> HOST_WORDS = Set.of("HOST", "HOSTNAME", "HOSTS", "ADDR", "ADDRESS", "SERVER", "ENDPOINT", "URL", "URI", "DSN");

    /** One env var of a container: its name, value, container and the ConfigMap it comes from (null for a literal). */
    record Variable(String name, String value, ContainerDef container, ConfigMapDef from) implements HeldValue {
        @Override
        public String text() {
            return value;
        }

        @Override
        public String where() {
            return "env " + name + " of container " + container.name() + (from == null ? "" : " (from " + from.describe() + ")");
        }

        @Override
        public boolean isHost() {
            String upper = name.toUpperCase(Locale.ROOT);
            return HOST_WORDS.contains(upper.substring(upper.lastIndexOf('_') + 1));
        }

        @Override
        public boolean namesConnections() {
            return !name.equalsIgnoreCase("NO_PROXY");
        }

        @Override
        public String dropHint() {
            return "drop the variable";
        }
    }

    private EnvValues() {
    }

    /** The variables of every container of {@code workload}, ConfigMap values read from the stack's version of the ConfigMap. */
    static List<Variable> of(Workload<?> workload, StackIndex index) {
        List<Variable> variables = new ArrayList<>();
        for (ContainerDef container : workload.allContainers()) {
            for (EnvVarDef var : container.env()) {
                variable(var, container, index).ifPresent(variables::add);
            }
            for (EnvFromSource source : container.envFrom()) {
                variables.addAll(variables(source, container, index));
            }
        }
        return variables;
    }

    /**
     * The value of {@code container}'s variable {@code name} as the kubelet sets it: its last env entry of that name, else the
     * last envFrom source holding it; empty when that one's value is not known here (a Secret's, a pod field's) or none sets it.
     */
    static Optional<Variable> valueOf(ContainerDef container, String name, StackIndex index) {
        List<EnvVarDef> env = container.env();
        for (int at = env.size() - 1; at >= 0; at--) {
            if (env.get(at).name().equals(name)) {
                return variable(env.get(at), container, index);
            }
        }
        List<EnvFromSource> sources = container.envFrom();
        for (int at = sources.size() - 1; at >= 0; at--) {
            if (sources.get(at) instanceof EnvFromSource.AllOfSecret all && name.startsWith(all.prefix())
                    && all.secret().keys().contains(name.substring(all.prefix().length()))) {
                return Optional.empty();
            }
            Optional<Variable> found = variables(sources.get(at), container, index).stream().filter(variable -> variable.name().equals(name)).findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** An env entry whose value the stack knows: a literal, or a key of a ConfigMap the stack holds. */
    private static Optional<Variable> variable(EnvVarDef var, ContainerDef container, StackIndex index) {
        if (var instanceof EnvVarDef.Literal literal) {
            return Optional.of(new Variable(literal.name(), literal.value(), container, null));
        }
        if (var instanceof EnvVarDef.FromConfigMap fromKey) {
            return configMap(index, fromKey.source().configMap()).flatMap(config -> Optional.ofNullable(config.data().get(fromKey.source().key()))
                    .map(value -> new Variable(var.name(), value, container, config)));
        }
        return Optional.empty();
    }

    /** The variables an envFrom source of a ConfigMap the stack holds sets; none for a Secret's. */
    private static List<Variable> variables(EnvFromSource source, ContainerDef container, StackIndex index) {
        List<Variable> variables = new ArrayList<>();
        if (source instanceof EnvFromSource.AllOfConfigMap all) {
            configMap(index, all.configMap()).ifPresent(config -> config.data().forEach((key, value) ->
                    variables.add(new Variable(all.prefix() + key, value, container, config))));
        }
        return variables;
    }

    private static Optional<ConfigMapDef> configMap(StackIndex index, ConfigMapDef referenced) {
        return index.find(Kind.CONFIG_MAP, referenced.name(), ConfigMapDef.class);
    }
}
