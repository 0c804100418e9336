package dev.kforge.dsl.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.check.StackIndex;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Port;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A retry policy's per-try timeout fits the Mapping's whole timeout, Emissary's 3 s when the Mapping sets none. */
class RetryTimeoutCheckTest {
    private static final ServicePort WEB = ServicePort.to(Port.tcp("http", 5000));
    private static final ServiceDef SHOP = EmissaryMappingTest.service("shop");
    private static final EmissaryMapping ROUTE = EmissaryMapping.named("shop").prefix("/").to(SHOP.backend(WEB));

    private static List<String> problems(KubeObject<?>... objects) {
        Stack stack = Stack.named("shop").environment("prod").namespace(NamespaceDef.named("shop-prod")).with(SHOP).with(objects);
        Problems problems = new Problems();
        new RetryTimeoutCheck().check(stack, new StackIndex(stack), problems);
        return problems.all().stream().map(p -> p.severity() + " " + p.format().replaceAll(" \\[at .*]$", "")).toList();
    }

    private static RetryPolicy retries(int numRetries, Duration perTry) {
        return RetryPolicy.on(RetryPolicy.RetryOn.GATEWAY_ERROR, numRetries).withPerTryTimeout(perTry);
    }

    @Test
    void reports_a_per_try_timeout_longer_than_emissarys_default_timeout_of_a_mapping_without_one() {
        assertThat(problems(ROUTE.withRetries(retries(2, Duration.ofSeconds(5))))).containsExactly(
                "ERROR prod/Mapping shop: gives each attempt up to 5s (retry per_try_timeout), longer than the whole request may take, "
                        + "Emissary's default timeout 3s, as the Mapping sets none: every request ends at 3s, so an attempt is never cut "
                        + "short and retried (per_try_timeout 5s, timeout_ms unset). Set a timeout with room for the 3 attempts, "
                        + "withTimeout(Duration.ofSeconds(15)), or a per-try timeout below 3s.");
    }

    @Test
    void a_timeout_given_after_the_retries_or_a_per_try_timeout_within_3s_is_fine() {
        assertThat(problems(ROUTE.withRetries(retries(2, Duration.ofSeconds(5))).withTimeout(Duration.ofSeconds(15)))).isEmpty();
        assertThat(problems(ROUTE.withRetries(retries(2, Duration.ofSeconds(1))))).isEmpty();
        assertThat(problems(ROUTE.withRetries(RetryPolicy.on(RetryPolicy.RetryOn.GATEWAY_ERROR, 2)))).isEmpty();
        assertThat(problems(ROUTE)).isEmpty();
    }
}
