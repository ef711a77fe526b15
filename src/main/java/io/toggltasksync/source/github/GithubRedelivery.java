package io.toggltasksync.source.github;

import io.toggltasksync.config.ConfigLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;

/**
 * GitHub's own redelivery policy ({@code redeliveryPolicyRef: githubRedelivery} of {@code github-read-errors}):
 * exponential backoff with jitter from {@code github.max-retries}, {@code github.retry-delay-ms} and
 * {@code github.max-retry-delay-ms}, apart from Toggl's: another service, with its own limits.
 */
@ApplicationScoped
public class GithubRedelivery {

    @Inject
    ConfigLookup config;

    @Produces
    @Singleton
    @Named("githubRedelivery")
    RedeliveryPolicy githubRedelivery() {
        GithubSettings.Retry retry = GithubSettings.retry(config);
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(retry.maxRetries());
        policy.setRedeliveryDelay(retry.delayMs());
        policy.setMaximumRedeliveryDelay(retry.maxDelayMs());
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setUseCollisionAvoidance(true);
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        policy.setLogRetryAttempted(true);
        policy.setLogExhausted(false);
        policy.setLogStackTrace(false);
        return policy;
    }
}
