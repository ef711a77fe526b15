package io.toggltasksync.toggl;

import io.toggltasksync.config.ConfigLookup;
import io.toggltasksync.config.TogglSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import io.toggltasksync.support.Redelivery;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;

/**
 * The redelivery policy that the error handlers of error-handling.camel.yaml share
 * ({@code redeliveryPolicyRef: togglRedelivery}): exponential backoff with jitter, from
 * {@code toggl.max-retries}, {@code toggl.retry-delay-ms} and {@code toggl.max-retry-delay-ms}.
 * <p>
 * A bean rather than {@code {{placeholders}}} in the YAML: Camel 4.17 reads every configuration
 * property each time it resolves a placeholder from MicroProfile Config (to name where the value
 * came from), and with one policy wrapped around each step that cost 0.3 s of every start.
 */
@ApplicationScoped
public class RedeliverySetup {

    @Inject
    ConfigLookup config;

    @Produces
    @Singleton
    @Named("togglRedelivery")
    RedeliveryPolicy togglRedelivery() {
        // SyncSettings.load has already checked these values before Camel starts
        return policy(TogglSettings.retry(config));
    }

    /**
     * For errors that are not retried (client errors, a spent quota): no redelivery and no Camel log line
     * ({@link Redelivery#none()}).
     */
    @Produces
    @Singleton
    @Named("togglNoRedelivery")
    RedeliveryPolicy togglNoRedelivery() {
        return Redelivery.none();
    }

    static RedeliveryPolicy policy(TogglSettings.Retry retry) {
        return Redelivery.backoff(retry.maxRetries(), retry.delayMs(), retry.maxDelayMs());
    }
}
