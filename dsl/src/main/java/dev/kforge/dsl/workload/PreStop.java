package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a container does when its pod is deleted, before it gets SIGTERM ({@code lifecycle.preStop}).
 * A {@link #sleep} lets Services and Ingress controllers stop sending it requests first: without it, a
 * rolling update drops the requests that reach a pod between SIGTERM and its removal from the endpoints.
 * It counts against the pod's termination grace period (30 s by default).
 */
public sealed interface PreStop {

    /** Waits {@code duration} (whole seconds) before the container gets SIGTERM, with no shell or binary in the image. */
    static PreStop sleep(Duration duration) {
        return new Sleep(duration);
    }

    /** Runs {@code command} in the container, e.g. a graceful-drain endpoint of its server. */
    static PreStop exec(String... command) {
        return new Exec(Arrays.asList(Given.value("PreStop", "exec command", command)));
    }

    /** The seconds it waits: {@code lifecycle.preStop.sleep.seconds}. */
    record Sleep(Duration duration) implements PreStop {
        public Sleep {
            if (duration == null || duration.isNegative() || duration.isZero() || duration.getNano() != 0) {
                throw InvalidDefinitionException.invalid("PreStop", "sleep", String.valueOf(duration), "must be a positive whole number of seconds",
                        "For example PreStop.sleep(Duration.ofSeconds(5)).");
            }
        }
    }

    /** The command it runs: {@code lifecycle.preStop.exec.command}. */
    record Exec(List<String> command) implements PreStop {
        public Exec {
            if (command.isEmpty() || command.stream().anyMatch(Objects::isNull) || command.get(0).isBlank() || !command.get(0).equals(command.get(0).strip())) {
                throw InvalidDefinitionException.invalid("PreStop", "exec command", command.stream().map(part -> part == null ? "null"
                                : "\"" + part + "\"").toList().toString(), "must name a program, without spaces around it, and no null argument",
                        "For example PreStop.exec(\"/app/drain\", \"--timeout=20s\").");
            }
            command = List.copyOf(command);
            ExecForm.requireProgram("PreStop", "exec command", "PreStop.exec", command);
        }
    }
}
