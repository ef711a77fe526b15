package io.toggltasksync.webhook;

import io.toggltasksync.source.SourceRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Refused deliveries: each counted in {@code <source>_webhook_deliveries_total} by its outcome, and
 * logged at most once per {@link #LOG_INTERVAL} and outcome (anyone who finds the URL can post to
 * it: one WARN each would let them fill the log).
 */
@ApplicationScoped
public class Refusals {

    private static final Logger LOG = Logger.getLogger(Refusals.class);
    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    @Inject
    WebhookMetrics metrics;

    @Inject
    SourceRegistry sources;

    private final Map<String, LogThrottle> throttles = new ConcurrentHashMap<>();

    /** A refused delivery counted and logged (its reason: never a secret, never the body); answers it, to throw. */
    WebhookRefused refused(WebhookRefused e) {
        record(e.status(), e.outcome(), e.getMessage());
        return e;
    }

    /** A refused delivery: its answer's status, its outcome label, and why (never a secret, never the body). */
    void record(int status, String outcome, String reason) {
        metrics.delivery(outcome);
        OptionalLong heldBack = throttles.computeIfAbsent(outcome, o -> new LogThrottle(LOG_INTERVAL)).pass(System.nanoTime());
        if (heldBack.isPresent()) {
            long more = heldBack.getAsLong();
            LOG.warnf("%s webhook delivery refused (%d): %s%s", sources.named(metrics.source()).title(), status, reason,
                    more == 0 ? "" : " (" + more + " more refused as " + outcome + " since the last such line, not logged)");
        }
    }
}
