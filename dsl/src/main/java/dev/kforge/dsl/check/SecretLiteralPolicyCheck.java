package dev.kforge.dsl.check;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.EnvVarDef;
import dev.kforge.dsl.workload.Workload;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * No secret in git: literal env values, ConfigMap data, commands, arguments and annotations are written to
 * {@code out/}, so none may have a secret-looking name or hold a secret-looking value ({@link SecretPatterns}). The
 * report names the variable or key and what it looks like, never the value.
 */
final class SecretLiteralPolicyCheck implements StackCheck {

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (Workload<?> workload : index.workloads()) {
            for (ContainerDef container : workload.allContainers()) {
                checkArguments(stack, workload, container, "command", container.command(), null, problems);
                // The first argument follows the command's last word (a flag there takes it as its value).
                String commandEnd = container.command().isEmpty() ? null : container.command().get(container.command().size() - 1);
                checkArguments(stack, workload, container, "args", container.args(), commandEnd, problems);
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
            for (Map.Entry<String, String> annotation : object.meta().annotations().entries().entrySet()) {
                String key = annotation.getKey();
                Optional<String> secret = SecretPatterns.secretIn(annotation.getValue());
                if (secret.isPresent() || SecretPatterns.namesASecret(key.substring(key.indexOf('/') + 1), annotation.getValue())
                        && !SecretPatterns.isSecretReferenceAnnotation(key, annotation.getValue())) {
                    PolicyReporter.report(stack, object, PolicyCheck.SECRET_LITERAL,
                            "annotation " + key + secret.map(what -> " holds " + what).orElse(" looks like a secret by its name")
                                    + ", and annotations land in git", key,
                            "Keep secrets out of annotations: put the value in a SecretDef and reference it.", problems);
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

    private static void checkArguments(Stack stack, Workload<?> workload, ContainerDef container, String field, List<String> arguments,
                                       String before, Problems problems) {
        for (int i = 0; i < arguments.size(); i++) {
            Optional<String> secret = SecretPatterns.secretIn(arguments.get(i));
            String previous = i > 0 ? arguments.get(i - 1) : before;
            if (secret.isEmpty() && previous != null) {
                secret = SecretPatterns.secretAfterFlag(previous, arguments.get(i));
            }
            if (secret.isPresent()) {
                PolicyReporter.report(stack, workload, PolicyCheck.SECRET_LITERAL,
                        "container " + container.name() + " has " + secret.get() + " in its " + field + ", which lands in git",
                        field + "[" + i + "]",
                        "Read it from a Secret into a variable, Env.from(\"NAME\", secret.key(\"NAME\")), and write $(NAME) in the " + field + ".",
                        problems);
            }
        }
    }
}
