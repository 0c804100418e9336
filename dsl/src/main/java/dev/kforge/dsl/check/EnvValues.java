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
                if (var instanceof EnvVarDef.Literal literal) {
                    variables.add(new Variable(literal.name(), literal.value(), container, null));
                } else if (var instanceof EnvVarDef.FromConfigMap fromKey) {
                    configMap(index, fromKey.source().configMap()).ifPresent(config -> {
                        String value = config.data().get(fromKey.source().key());
                        if (value != null) {
                            variables.add(new Variable(var.name(), value, container, config));
                        }
                    });
                }
            }
            for (EnvFromSource source : container.envFrom()) {
                if (source instanceof EnvFromSource.AllOfConfigMap all) {
                    configMap(index, all.configMap()).ifPresent(config -> config.data().forEach((key, value) ->
                            variables.add(new Variable(all.prefix() + key, value, container, config))));
                }
            }
        }
        return variables;
    }

    private static Optional<ConfigMapDef> configMap(StackIndex index, ConfigMapDef referenced) {
        return index.find(Kind.CONFIG_MAP, referenced.name(), ConfigMapDef.class);
    }
}
