package io.toggltasksync.source.jira;

import io.toggltasksync.config.ConfigLookup;
import io.toggltasksync.config.TogglSettings;
import io.toggltasksync.support.Redelivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;

/**
 * Jira's own redelivery policies for error-handling.camel.yaml ({@code jira-read-errors}, {@code jira-create-errors}):
 * Jira's retries are Jira's, whatever becomes of Toggl's. There is no {@code jira.*} retry setting (yet): the values
 * are those of {@code toggl.max-retries}, {@code toggl.retry-delay-ms} and {@code toggl.max-retry-delay-ms}, as
 * before; a setting of Jira's own would be read here. How long a 429's {@code Retry-After} is waited for is
 * {@link JiraSourceReader#classify}'s.
 */
@ApplicationScoped
public class JiraRedelivery {

    @Inject
    ConfigLookup config;

    @Produces
    @Singleton
    @Named("jiraRedelivery")
    RedeliveryPolicy jiraRedelivery() {
        TogglSettings.Retry retry = TogglSettings.retry(config);
        return Redelivery.backoff(retry.maxRetries(), retry.delayMs(), retry.maxDelayMs());
    }

    @Produces
    @Singleton
    @Named("jiraNoRedelivery")
    RedeliveryPolicy jiraNoRedelivery() {
        return Redelivery.none();
    }
}
