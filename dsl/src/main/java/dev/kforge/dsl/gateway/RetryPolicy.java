package dev.kforge.dsl.gateway;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When and how often the gateway retries a request on another upstream attempt (a Mapping's
 * {@code retry_policy}). Start with {@code RetryPolicy.on(RetryOn.GATEWAY_ERROR, 2)}.
 *
 * @param retryOn       which failures are retried
 * @param numRetries    retries after the first attempt, 1 to {@value #MAX_RETRIES}
 * @param perTryTimeout the timeout of each attempt; default the Mapping's whole timeout
 */
public record RetryPolicy(RetryOn retryOn, int numRetries, Optional<Duration> perTryTimeout) {
    /** More retries than this multiply the load on a struggling upstream for little gain. */
    public static final int MAX_RETRIES = 10;

    /** The failures Emissary retries (Envoy's {@code retry_on} values). */
    public enum RetryOn {
        /** Any 5xx response, and connection failures; only safe for idempotent requests. */
        FIVE_XX("5xx"),
        /** 502, 503 and 504 responses, and connection failures. */
        GATEWAY_ERROR("gateway-error"),
        /** The upstream could not be reached (connection refused, reset, timeout). */
        CONNECT_FAILURE("connect-failure"),
        /** A 409 Conflict response. */
        RETRIABLE_4XX("retriable-4xx"),
        /** The upstream refused an HTTP/2 stream (REFUSED_STREAM). */
        REFUSED_STREAM("refused-stream");

        private final String apiValue;

        RetryOn(String apiValue) {
            this.apiValue = apiValue;
        }

        /** The value written to {@code retry_on}. */
        public String apiValue() {
            return apiValue;
        }
    }

    public RetryPolicy {
        if (retryOn == null) {
            throw new InvalidDefinitionException("RetryPolicy: retryOn is missing. Use RetryPolicy.RetryOn.GATEWAY_ERROR, for example.");
        }
        if (numRetries < 1 || numRetries > MAX_RETRIES) {
            throw InvalidDefinitionException.invalid("RetryPolicy", "num_retries", numRetries,
                    "must be between 1 and " + MAX_RETRIES, "Leave retries out of the Mapping for no retries.");
        }
        perTryTimeout.ifPresent(timeout -> Durations.requireMillis("RetryPolicy", "per_try_timeout", timeout));
    }

    /** Retries {@code numRetries} times on {@code retryOn}, each attempt within the Mapping's timeout. */
    public static RetryPolicy on(RetryOn retryOn, int numRetries) {
        return new RetryPolicy(retryOn, numRetries, Optional.empty());
    }

    /** A copy giving each attempt at most {@code timeout}. */
    public RetryPolicy withPerTryTimeout(Duration timeout) {
        return new RetryPolicy(retryOn, numRetries, Optional.of(Given.optional("RetryPolicy", "perTryTimeout", timeout)));
    }

    /** The {@code retry_policy} fields. */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("retry_on", retryOn.apiValue());
        fields.put("num_retries", numRetries);
        perTryTimeout.ifPresent(timeout -> fields.put("per_try_timeout", Durations.goDuration(timeout)));
        return fields;
    }
}
