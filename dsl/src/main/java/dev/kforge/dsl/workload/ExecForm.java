package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A command the kubelet or the container runtime runs without a shell (a container's command, an exec probe, a preStop
 * hook): its first element is a program's name, so {@code "java -jar /app.jar"} written as one string names a program that
 * does not exist, and the container or the probe fails only once it runs.
 */
final class ExecForm {
    private ExecForm() {
    }

    /** Refuses a first element with white space inside; {@code factory} is the call the hint shows, e.g. {@code withCommand}. */
    static void requireProgram(String subject, String field, String factory, List<String> command) {
        if (command.isEmpty() || command.get(0) == null) {
            return;
        }
        String program = command.get(0).strip();
        if (program.chars().noneMatch(Character::isWhitespace)) {
            return;
        }
        String words = Arrays.stream(program.split("\\s+")).map(ExecForm::javaString).collect(Collectors.joining(", "));
        throw InvalidDefinitionException.invalid(subject, field, command.get(0),
                "names a program with white space in it, and the kubelet runs a command without a shell, so it would look for a "
                        + "program of that whole name",
                "Give each word apart, " + factory + "(" + words + "), or run a shell, " + factory + "(\"sh\", \"-c\", "
                        + javaString(program) + ").");
    }

    private static String javaString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
