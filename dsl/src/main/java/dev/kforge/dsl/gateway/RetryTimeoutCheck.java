package dev.kforge.dsl.gateway;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.check.StackCheck;
import dev.kforge.dsl.check.StackIndex;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import java.time.Duration;

/**
 * A retry policy's per-try timeout within the whole request's timeout of a Mapping that sets none: Emissary's default,
 * {@link EmissaryMapping#DEFAULT_TIMEOUT}. Envoy ends the request at the whole timeout whatever the attempts, so a longer
 * per-try timeout never cuts an attempt short to retry it. Judged here, not where it is built: the timeout may come after
 * the retries, {@code .withRetries(..).withTimeout(..)}; a Mapping's own timeout is compared where it is given.
 */
public final class RetryTimeoutCheck implements StackCheck {
    public static final String ID = "gateway-retry-timeout";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (EmissaryMapping mapping : index.all(EmissaryMapping.class)) {
            if (mapping.timeout().isPresent() || mapping.retries().isEmpty() || mapping.retries().get().perTryTimeout().isEmpty()) {
                continue;
            }
            RetryPolicy retries = mapping.retries().get();
            Duration perTry = retries.perTryTimeout().get();
            if (perTry.compareTo(EmissaryMapping.DEFAULT_TIMEOUT) <= 0) {
                continue;
            }
            int attempts = retries.numRetries() + 1;
            String whole = Durations.show(EmissaryMapping.DEFAULT_TIMEOUT);
            problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), mapping,
                    "gives each attempt up to " + Durations.show(perTry) + " (retry per_try_timeout), longer than the whole request may take, "
                            + "Emissary's default timeout " + whole + ", as the Mapping sets none: every request ends at " + whole
                            + ", so an attempt is never cut short and retried",
                    "per_try_timeout " + Durations.show(perTry) + ", timeout_ms unset",
                    "Set a timeout with room for the " + attempts + " attempts, withTimeout(" + javaDuration(perTry.multipliedBy(attempts))
                            + "), or a per-try timeout below " + whole + "."));
        }
    }

    /** {@code Duration.ofSeconds(15)}, or {@code Duration.ofMillis(7500)} when not whole seconds. */
    private static String javaDuration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? "Duration.ofSeconds(" + millis / 1000 + ")" : "Duration.ofMillis(" + millis + ")";
    }
}
