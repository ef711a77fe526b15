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

    /** A delivery to {@code source}'s receiver refused, counted and logged ({@link #record}); answers it, to throw. */
    WebhookRefused refused(String source, WebhookRefused e) {
        record(source, e.status(), e.outcome(), e.getMessage());
        return e;
    }

    /**
     * A delivery to {@code source}'s receiver refused: its answer's status, its outcome label, and why (never a secret,
     * never the body). Counted in that source's series, also before its receiver is open (503 while starting).
     */
    void record(String source, int status, String outcome, String reason) {
        metrics.delivery(source, outcome);
        OptionalLong heldBack = throttles.computeIfAbsent(outcome, o -> new LogThrottle(LOG_INTERVAL)).pass(System.nanoTime());
        if (heldBack.isPresent()) {
            long more = heldBack.getAsLong();
            LOG.warnf("%s webhook delivery refused (%d): %s%s", sources.named(source).title(), status, reason,
                    more == 0 ? "" : " (" + more + " more refused as " + outcome + " since the last such line, not logged)");
        }
    }
}
