package io.toggltasksync.source.github;

import io.toggltasksync.config.ConfigLookup;
import io.toggltasksync.support.Redelivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
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
        return Redelivery.backoff(retry.maxRetries(), retry.delayMs(), retry.maxDelayMs());
    }
}
