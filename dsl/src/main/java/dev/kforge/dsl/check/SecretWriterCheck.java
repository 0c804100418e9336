package dev.kforge.dsl.check;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretSource;
import dev.kforge.dsl.config.SecretWriter;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import java.util.List;
import java.util.Optional;

/**
 * A Secret whose values a controller writes for a custom resource of the stack ({@link SecretSource#writtenBy}, a cert-manager
 * Certificate's) has that object in the stack, and the object lists it among its {@link SecretWriter#writtenSecrets()}:
 * otherwise nothing writes the Secret, and the Ingress or pods reading it wait for it. (A Kubernetes kind is refused as a
 * writer when the source is built.)
 */
final class SecretWriterCheck implements StackCheck {
    static final String ID = "secret-writer";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (SecretDef secret : index.all(SecretDef.class)) {
            if (!(secret.source() instanceof SecretSource.WrittenBy writer)) {
                continue;
            }
            String subject = "is written by " + writer.describe() + " (SecretSource.writtenBy)";
            Optional<Object> object = index.find(writer.kind(), writer.name(), Object.class);
            if (object.isEmpty()) {
                problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), secret, subject + ", which is not in the stack", writer.describe(),
                        "Add it to the stack with Stack.with(...), or name the object that writes the Secret."));
            } else if (object.get() instanceof SecretWriter written) {
                List<String> names = written.writtenSecrets().stream().map(SecretDef::name).toList();
                if (!names.contains(secret.name())) {
                    problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), secret, subject + ", which writes other Secrets, so nothing writes "
                                    + "this one and whatever reads it waits for it", "writes: " + (names.isEmpty() ? "none" : String.join(", ", names)),
                            "Build " + writer.describe() + " with this SecretDef, or name the object that writes the Secret."));
                }
            } else {
                problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), secret, subject + ", which does not say which Secrets its controller "
                                + "writes", "writes: unknown",
                        "Make its type implement SecretWriter, whose writtenSecrets() returns the SecretDefs it writes."));
            }
        }
    }
}
