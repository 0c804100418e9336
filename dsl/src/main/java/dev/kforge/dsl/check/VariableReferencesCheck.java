package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.EnvFromSource;
import dev.kforge.dsl.workload.EnvVarDef;
import dev.kforge.dsl.workload.Workload;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code $(NAME)} in a container's command, args and literal env values names a variable the
 * container has: Kubernetes expands only defined ones (in an env value, only those defined before
 * it) and leaves any other as literal text. The variables are the container's envFrom keys, its
 * env entries, and the service links of the stack's Services ({@code WEB_SERVICE_HOST}, ...).
 * {@code $$(NAME)} is a literal and is not checked; it is how a shell script ({@code sh -c}) gets a command substitution
 * such as {@code $(date)} past Kubernetes, which the hint says there. An unknown {@code $(date)} reaches the shell unchanged
 * and works as written, so in a script a command's name (with a lower case letter) is a warning; a variable's name an error.
 */
final class VariableReferencesCheck implements StackCheck {
    static final String ID = "variable-reference";
    private static final Pattern REFERENCE = Pattern.compile("\\$(\\$|\\(([A-Za-z_][A-Za-z0-9_.-]*)\\))");

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<String> serviceLinks = index.all(ServiceDef.class).stream()
                .map(service -> service.name().toUpperCase(Locale.ROOT).replace('-', '_')).toList();
        for (Workload<?> workload : index.workloads()) {
            for (ContainerDef container : workload.allContainers()) {
                Set<String> defined = new HashSet<>();
                for (EnvFromSource source : container.envFrom()) {
                    if (source instanceof EnvFromSource.AllOfConfigMap all) {
                        all.configMap().data().keySet().forEach(key -> defined.add(all.prefix() + key));
                    } else if (source instanceof EnvFromSource.AllOfSecret all) {
                        all.secret().keys().forEach(key -> defined.add(all.prefix() + key));
                    }
                }
                Set<String> all = new HashSet<>(defined);
                container.env().forEach(variable -> all.add(variable.name()));
                for (EnvVarDef variable : container.env()) {
                    if (variable instanceof EnvVarDef.Literal literal) {
                        report(stack, workload, container, "env " + literal.name(), literal.value(), defined, all, serviceLinks, false, problems);
                    }
                    defined.add(variable.name());
                }
                boolean script = ShellScript.of(container).isPresent();
                for (String part : container.command()) {
                    report(stack, workload, container, "command", part, all, all, serviceLinks, script, problems);
                }
                for (String part : container.args()) {
                    report(stack, workload, container, "args", part, all, all, serviceLinks, script, problems);
                }
            }
        }
    }

    private static void report(Stack stack, Workload<?> workload, ContainerDef container, String field, String text,
                               Set<String> defined, Set<String> everyVariable, List<String> serviceLinks, boolean script, Problems problems) {
        Matcher matcher = REFERENCE.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(2);
            if (name == null || defined.contains(name) || serviceLinks.stream().anyMatch(service -> isServiceLink(name, service))) {
                continue; // "$$" escapes, a defined variable, or a service link
            }
            // In a shell script, a command's name ($(hostname), $(date)) reaches the shell unchanged and runs there as written: the
            // explicit $$ form is better, not needed. A variable's name (no lower case) is one the script expected Kubernetes to set.
            boolean lowerCase = !name.equals(name.toUpperCase(Locale.ROOT));
            // In single quotes the shell substitutes nothing: the program gets the text as written
            boolean singleQuoted = script && ShellWords.inSingleQuotes(text, matcher.start());
            boolean commandSubstitution = script && lowerCase && !singleQuoted;
            // An env var's value reads only the variables before it: one defined later is a matter of order.
            boolean definedLater = field.startsWith("env ") && everyVariable.contains(name) && !field.equals("env " + name);
            problems.add(Problem.of(ID, script && lowerCase ? Severity.WARNING : Severity.ERROR, stack.describe(), workload,
                    "container " + container.name() + " " + field + " uses $(" + name + "), which " + (definedLater
                            ? "the container defines only after it, and a reference reads only the variables defined before it"
                            : field.startsWith("env ") ? "no variable defined before it sets" : "none of its variables sets"), known(defined),
                    singleQuoted ? "Kubernetes leaves it as literal text, which the shell passes on as it is in single quotes. Define " + name
                            + " first (withEnv), or write $$(" + name + ") for the text itself."
                            : commandSubstitution ? "Kubernetes leaves it as literal text, which the shell runs as a command substitution. Write $$(" + name
                            + "), which Kubernetes passes on to the shell as $(" + name + "), or define " + name + " first (withEnv)."
                            : script ? "Kubernetes leaves it as literal text, which the shell would run as a command named " + name + ". Define "
                            + name + " first (withEnv); for the shell's own variable write ${" + name + "}."
                            : "Kubernetes leaves it as literal text. Define " + name + (definedLater ? " before " + field.substring("env ".length())
                            + " (withEnv order)" : " first (withEnv)") + ", or write $$(" + name + ") for the text itself."));
        }
    }

    /** The variables there are, sorted; never the text itself, which may hold a secret. */
    private static String known(Set<String> defined) {
        return defined.isEmpty() ? "no variables" : "variables: " + String.join(", ", new TreeSet<>(defined));
    }

    /** The variables Kubernetes sets for a Service named {@code WEB}: {@code WEB_SERVICE_HOST}, {@code WEB_PORT_80_TCP}, ... */
    private static boolean isServiceLink(String name, String service) {
        return name.startsWith(service + "_SERVICE_") || name.equals(service + "_PORT") || name.startsWith(service + "_PORT_");
    }
}
