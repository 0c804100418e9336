package dev.kforge.dsl.check;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.core.Annotations;
import dev.kforge.dsl.core.CustomObject;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.EnvVarDef;
import dev.kforge.dsl.workload.PreStop;
import dev.kforge.dsl.workload.ProbeAction;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.Workload;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * No secret in git: literal env values, ConfigMap data, commands, arguments, exec probes, HTTP probes' paths and hooks, annotations and custom
 * resource bodies are written to {@code out/}, so none may have a secret-looking name or hold a secret-looking value
 * ({@link SecretPatterns}); nor may a label value hold one (a label's key names a grouping, not its value). The report
 * names the variable, key or field and what it looks like, never the value.
 */
final class SecretLiteralPolicyCheck implements StackCheck {
    private static final String ARGUMENTS_HINT = "Read it from a Secret into a variable, Env.from(\"NAME\", secret.key(\"NAME\")), and write "
            + "$(NAME) in the <field>.";
    private static final String EXEC_HINT = "Read it from a Secret into a variable, Env.from(\"NAME\", secret.key(\"NAME\")), and let a shell "
            + "expand it: \"sh\", \"-c\", \"... $NAME\" (Kubernetes expands $(NAME) in command and args only).";
    private static final String HTTP_GET_HINT = "An HTTP probe cannot read a Secret: let the health endpoint answer without a credential, or "
            + "probe with a command whose shell reads it from a variable, ProbeDef.exec(\"sh\", \"-c\", \"wget -qO- --header "
            + "\\\"X-Api-Key: $API_KEY\\\" localhost:8080/health\").";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (Workload<?> workload : index.workloads()) {
            for (ContainerDef container : workload.allContainers()) {
                checkArguments(stack, workload, container, "command", container.command(), null, ARGUMENTS_HINT, problems);
                // The first argument follows the command's last word (a flag there takes it as its value).
                String commandEnd = container.command().isEmpty() ? null : container.command().get(container.command().size() - 1);
                checkArguments(stack, workload, container, "args", container.args(), commandEnd, ARGUMENTS_HINT, problems);
                checkProbe(stack, workload, container, "readinessProbe", container.readinessProbe(), problems);
                checkProbe(stack, workload, container, "livenessProbe", container.livenessProbe(), problems);
                checkProbe(stack, workload, container, "startupProbe", container.startupProbe(), problems);
                if (container.preStop().orElse(null) instanceof PreStop.Exec exec) {
                    checkArguments(stack, workload, container, "lifecycle.preStop.exec.command", exec.command(), null, EXEC_HINT, problems);
                }
                for (EnvVarDef var : container.env()) {
                    if (var instanceof EnvVarDef.Literal literal) {
                        Optional<String> secret = SecretPatterns.secretIn(literal.value());
                        if (secret.isPresent() || SecretPatterns.namesASecret(literal.name(), literal.value())) {
                            PolicyReporter.report(stack, workload, PolicyCheck.SECRET_LITERAL,
                                    "container " + container.name() + " sets " + literal.name() + " to a literal value"
                                            + secret.map(what -> " holding " + what).orElse("") + ", which lands in git", literal.name(),
                                    "Declare a SecretDef with that key and use Env.from(\"" + literal.name() + "\", secret.key(\""
                                            + literal.name() + "\")).", problems);
                        }
                    }
                }
            }
        }
        for (KubeObject<?> object : index.objects()) {
            checkLabels(stack, object, "label", object.meta().labels(), problems);
            checkAnnotations(stack, object, "annotation", object.meta().annotations(), problems);
            if (object instanceof Workload<?> workload) {
                checkLabels(stack, object, "pod label", workload.podLabels(), problems);
                checkAnnotations(stack, object, "pod annotation", workload.podAnnotations(), problems);
            }
            if (object instanceof CustomObject<?> custom) {
                for (CustomResourceSecrets.Finding field : CustomResourceSecrets.of(custom, stack.namespace().name())) {
                    PolicyReporter.report(stack, object, PolicyCheck.SECRET_LITERAL, "field " + field.path()
                                    + field.holds().map(what -> " holds " + what).orElse(" looks like a secret by its name")
                                    + ", and custom resources land in git", field.path(),
                            "Keep the value in a SecretDef and have the resource read that Secret by name and key, as most custom "
                                    + "resources can (a secretRef or secretKeyRef field).", problems);
                }
            }
        }
        for (ConfigMapDef config : index.all(ConfigMapDef.class)) {
            for (Map.Entry<String, String> entry : config.data().entrySet()) {
                Optional<String> secret = SecretPatterns.secretIn(entry.getValue());
                if (secret.isPresent() || SecretPatterns.namesASecret(entry.getKey(), entry.getValue())) {
                    PolicyReporter.report(stack, config,  PolicyCheck.SECRET_LITERAL,
                            "key " + entry.getKey() + secret.map(what -> " holds " + what).orElse(" looks like a secret by its name")
                                    + ", and ConfigMap data lands in git", entry.getKey(),
                            "Move it to a SecretDef (keys in code, values from the secret source) and read it with secret.key(\""
                                    + entry.getKey() + "\").", problems);
                }
            }
        }
    }

    /** Label values are names and versions of at most 63 characters: a token may fit, a secret-named key says nothing. */
    private static void checkLabels(Stack stack, KubeObject<?> object, String what, Labels labels, Problems problems) {
        for (Map.Entry<String, String> label : labels.entries().entrySet()) {
            SecretPatterns.secretIn(label.getValue()).ifPresent(secret -> PolicyReporter.report(stack, object, PolicyCheck.SECRET_LITERAL,
                    what + " " + label.getKey() + " holds " + secret + ", and labels land in git", label.getKey(),
                    "Keep secrets out of labels: put the value in a SecretDef and reference it.", problems));
        }
    }

    private static void checkAnnotations(Stack stack, KubeObject<?> object, String what, Annotations annotations, Problems problems) {
        for (Map.Entry<String, String> annotation : annotations.entries().entrySet()) {
            String key = annotation.getKey();
            Optional<String> secret = SecretPatterns.secretIn(annotation.getValue());
            if (secret.isPresent() || SecretPatterns.annotationNamesASecret(key, annotation.getValue())) {
                PolicyReporter.report(stack, object, PolicyCheck.SECRET_LITERAL,
                        what + " " + key + secret.map(found -> " holds " + found).orElse(" looks like a secret by its name")
                                + ", and annotations land in git", key,
                        "Keep secrets out of annotations: put the value in a SecretDef and reference it.", problems);
            }
        }
    }

    /**
     * An exec probe's command, which runs without a shell: Kubernetes expands no $(NAME) in it; an HTTP probe's path, whose query
     * may carry a credential ({@code /healthz?token=...}). Headers only a raw edit writes, and the renderer judges those.
     */
    private static void checkProbe(Stack stack, Workload<?> workload, ContainerDef container, String probe, Optional<ProbeDef> definition,
                                   Problems problems) {
        ProbeAction action = definition.map(ProbeDef::action).orElse(null);
        if (action instanceof ProbeAction.Exec exec) {
            checkArguments(stack, workload, container, probe + ".exec.command", exec.command(), null, EXEC_HINT, problems);
        } else if (action instanceof ProbeAction.HttpGet get) {
            String field = probe + ".httpGet.path";
            SecretPatterns.secretIn(get.path()).ifPresent(secret -> PolicyReporter.report(stack, workload, PolicyCheck.SECRET_LITERAL,
                    "container " + container.name() + " has " + secret + " in its " + field + ", which lands in git", field, HTTP_GET_HINT,
                    problems));
        }
    }

    private static void checkArguments(Stack stack, Workload<?> workload, ContainerDef container, String field, List<String> arguments,
                                       String before, String hint, Problems problems) {
        for (int i = 0; i < arguments.size(); i++) {
            Optional<String> secret = SecretPatterns.secretIn(arguments.get(i));
            String previous = i > 0 ? arguments.get(i - 1) : before;
            if (secret.isEmpty() && previous != null) {
                secret = SecretPatterns.secretAfterFlag(previous, arguments.get(i));
            }
            if (secret.isPresent()) {
                PolicyReporter.report(stack, workload, PolicyCheck.SECRET_LITERAL,
                        "container " + container.name() + " has " + secret.get() + " in its " + field + ", which lands in git",
                        field + "[" + i + "]", hint.replace("<field>", field), problems);
            }
        }
    }
}
