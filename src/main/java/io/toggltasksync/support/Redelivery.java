package io.toggltasksync.support;

import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;

/** The redelivery policies of error-handling.camel.yaml, as each service's bean makes them from its own settings. */
public final class Redelivery {

    private Redelivery() {
    }

    /** Up to {@code maxRetries} more attempts, the first after {@code delayMs}, doubling (with jitter) up to {@code maxDelayMs}. */
    public static RedeliveryPolicy backoff(int maxRetries, long delayMs, long maxDelayMs) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(maxRetries);
        policy.setRedeliveryDelay(delayMs);
        policy.setMaximumRedeliveryDelay(maxDelayMs);
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setUseCollisionAvoidance(true);
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        policy.setLogRetryAttempted(true);
        policy.setLogExhausted(false);
        policy.setLogStackTrace(false);
        return policy;
    }

    /**
     * For errors that are not retried: no redelivery and no Camel log line, because the app logs what happened in its
     * own words ({@code Failed: ...}, {@code Stopping: ...}, {@code Run aborted ...}).
     */
    public static RedeliveryPolicy none() {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(0);
        policy.setLogRetryAttempted(false);
        policy.setLogExhausted(false);
        policy.setLogStackTrace(false);
        return policy;
    }
}
