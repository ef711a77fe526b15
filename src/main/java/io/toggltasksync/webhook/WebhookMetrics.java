package io.toggltasksync.webhook;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.toggltasksync.sync.EventOutcome;
import io.toggltasksync.sync.EventResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * Prometheus metrics of the Jira webhook receiver: deliveries by what became of them, issue events
 * by how they were applied, the events waiting to be applied, and the time from a delivery's
 * receipt to its Toggl write.
 */
@ApplicationScoped
public class WebhookMetrics {

    static final String DELIVERIES = "jira_webhook_deliveries_total";
    static final String EVENTS = "jira_webhook_events_total";
    static final String LAG = "jira_webhook_lag";
    static final String PENDING = "jira_webhook_events_pending";
    /**
     * What becomes of a delivery: accepted for applying, a repeat, a type not used, refused (401/400/413;
     * 408 a body too slow; 503 too many bodies being read at once, or too many events waiting to be applied),
     * or too early (503).
     */
    static final List<String> DELIVERY_OUTCOMES = List.of("accepted", "duplicate", "ignored", "rejected_signature", "rejected_invalid",
            "rejected_too_large", "rejected_slow", "rejected_busy", "rejected_queue_full", "not_ready");

    @Inject
    MeterRegistry registry;

    @Inject
    EventQueue queue;

    private volatile Timer lag;

    /** Every series exists from the start, at 0: an alert on the first refused signature must see it rise. */
    synchronized void register() {
        DELIVERY_OUTCOMES.forEach(o -> registry.counter(DELIVERIES, "outcome", o));
        for (EventOutcome o : EventOutcome.values()) {
            registry.counter(EVENTS, "outcome", o.label());
        }
        lagTimer();
        if (registry.find(PENDING).gauge() == null) {
            // once: Micrometer warns about a gauge registered again
            Gauge.builder(PENDING, queue, EventQueue::pending).description("Issue events accepted and not yet applied (jira.webhook-max-pending at most)")
                    .register(registry);
        }
    }

    void delivery(String outcome) {
        registry.counter(DELIVERIES, "outcome", outcome).increment();
    }

    void applied(EventResult result) {
        registry.counter(EVENTS, "outcome", result.outcome().label()).increment();
        if (result.written() != null) {
            lagTimer().record(Duration.between(result.event().received(), result.written()));
        }
    }

    private Timer lagTimer() {
        if (lag == null) {
            lag = Timer.builder(LAG).description("From the receipt of an issue's first delivery to its Toggl write")
                    .publishPercentiles(0.5, 0.95).publishPercentileHistogram().register(registry);
        }
        return lag;
    }
}
