package dev.kforge.dsl.check;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.UrlPasswords;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.EnvFromSource;
import dev.kforge.dsl.workload.EnvVarDef;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The env vars of a workload's containers whose values the stack knows: literals, and ConfigMap values by key or envFrom. */
final class EnvValues {

    /** The last word of a variable holding a host name, whose whole value may be a bare Service name. */
    private static final Set<String> HOST_WORDS = Set.of("HOST", "HOSTNAME", "HOSTS", "ADDR", "ADDRESS", "SERVER", "ENDPOINT", "URL", "URI", "DSN");

    /**
     * One env var of a container: its name, its value as the kubelet sets it, container and the ConfigMap it comes from (null
     * for a literal); a literal's {@code $(NAME)} expanded ({@link KubeletExpansion}), its text as written and the variables read.
     */
    record Variable(String name, String value, ContainerDef container, ConfigMapDef from, String written, List<String> settings)
            implements HeldValue {
        @Override
        public String text() {
            return value;
        }

        @Override
        public String shown() {
            return UrlPasswords.redacted(settings.isEmpty() ? value : written + " with " + String.join(", ", settings));
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
            Settings settings = settings(container, index);
            variables.addAll(settings.env());
            variables.addAll(settings.envFrom());
        }
        return variables;
    }

    /**
     * The value of {@code container}'s variable {@code name} as the kubelet sets it: its last env entry of that name, else the
     * last envFrom source holding it; empty when that one's value is not known here (a Secret's, a pod field's) or none sets it.
     */
    static Optional<Variable> valueOf(ContainerDef container, String name, StackIndex index) {
        return settings(container, index).valueOf(name);
    }

    /**
     * What a container's env sets, in the kubelet's order: its envFrom sources, then its env entries, each overriding an
     * earlier one of its name. {@code values} holds each name's last setting, empty for a value not known here.
     */
    private record Settings(List<Variable> envFrom, List<Variable> env, Map<String, Optional<Variable>> values) {
        Optional<Variable> valueOf(String name) {
            return values.getOrDefault(name, Optional.empty());
        }
    }

    private static Settings settings(ContainerDef container, StackIndex index) {
        List<Variable> envFrom = new ArrayList<>();
        List<Variable> env = new ArrayList<>();
        Map<String, Optional<Variable>> values = new HashMap<>();
        for (EnvFromSource source : container.envFrom()) {
            if (source instanceof EnvFromSource.AllOfSecret all) {
                all.secret().keys().forEach(key -> values.put(all.prefix() + key, Optional.empty()));
            }
            for (Variable variable : variables(source, container, index)) {
                envFrom.add(variable);
                values.put(variable.name(), Optional.of(variable));
            }
        }
        for (EnvVarDef var : container.env()) {
            // A literal reads the variables set before it, as the kubelet expands it
            Optional<Variable> variable = variable(var, container, index, name -> values.getOrDefault(name, Optional.empty()).map(Variable::value));
            variable.ifPresent(env::add);
            values.put(var.name(), variable);
        }
        return new Settings(envFrom, env, values);
    }

    /** An env entry whose value the stack knows: a literal, its variables expanded with {@code before}, or a key of a ConfigMap the stack holds. */
    private static Optional<Variable> variable(EnvVarDef var, ContainerDef container, StackIndex index,
                                               Function<String, Optional<String>> before) {
        if (var instanceof EnvVarDef.Literal literal) {
            KubeletExpansion expansion = KubeletExpansion.of(literal.value(), before);
            return Optional.of(new Variable(literal.name(), expansion.text(), container, null, literal.value(), expansion.settings()));
        }
        if (var instanceof EnvVarDef.FromConfigMap fromKey) {
            return configMap(index, fromKey.source().configMap()).flatMap(config -> Optional.ofNullable(config.data().get(fromKey.source().key()))
                    .map(value -> new Variable(var.name(), value, container, config, value, List.of())));
        }
        return Optional.empty();
    }

    /** The variables an envFrom source of a ConfigMap the stack holds sets; none for a Secret's. */
    private static List<Variable> variables(EnvFromSource source, ContainerDef container, StackIndex index) {
        List<Variable> variables = new ArrayList<>();
        if (source instanceof EnvFromSource.AllOfConfigMap all) {
            configMap(index, all.configMap()).ifPresent(config -> config.data().forEach((key, value) ->
                    variables.add(new Variable(all.prefix() + key, value, container, config, value, List.of()))));
        }
        return variables;
    }

    private static Optional<ConfigMapDef> configMap(StackIndex index, ConfigMapDef referenced) {
        return index.find(Kind.CONFIG_MAP, referenced.name(), ConfigMapDef.class);
    }
}
