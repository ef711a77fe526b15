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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus metrics of the webhook receiver: deliveries by what became of them, events by how they were applied,
 * the events waiting to be applied, and the time from a delivery's receipt to its Toggl write. Each source's
 * receiver has its own names, {@code <source>_webhook_*} ({@code jira_webhook_deliveries_total},
 * {@code github_webhook_deliveries_total}, ...): Jira's series stay as dashboards and alerts know them, and a
 * process serves one source.
 */
@ApplicationScoped
public class WebhookMetrics {

    static final String DELIVERIES = name("jira", Kind.DELIVERIES);
    static final String EVENTS = name("jira", Kind.EVENTS);
    static final String LAG = name("jira", Kind.LAG);

    enum Kind {
        DELIVERIES("deliveries_total"), EVENTS("events_total"), LAG("lag"), PENDING("events_pending");

        final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }
    }

    /**
     * What becomes of a delivery: accepted for applying, a repeat, a type not used, refused (401/400/413;
     * 408 a body too slow; 503 too many bodies being read at once, or too many events waiting to be applied),
     * or too early (503).
     */
    static final List<String> DELIVERY_OUTCOMES = List.of("accepted", "duplicate", "ignored", "rejected_signature", "rejected_invalid",
            "rejected_too_large", "rejected_slow", "rejected_busy", "rejected_queue_full", "not_ready");
    /** GitHub's besides: {@code ping} answered, and a form-encoded delivery refused (415). */
    static final List<String> GITHUB_OUTCOMES = List.of("ping", "rejected_content_type");

    @Inject
    MeterRegistry registry;

    @Inject
    EventQueue queue;

    /** The source whose receiver is open: its names are the ones counted. */
    private volatile String source = "jira";
    private final Map<String, Timer> lags = new ConcurrentHashMap<>();

    static String name(String source, Kind kind) {
        return source + "_webhook_" + kind.suffix;
    }

    /** Every series of {@code source}'s receiver exists from the start, at 0: an alert on the first refused signature must see it rise. */
    synchronized void register(String of) {
        this.source = of;
        DELIVERY_OUTCOMES.forEach(o -> registry.counter(name(of, Kind.DELIVERIES), "outcome", o));
        if (of.equals("github")) {
            GITHUB_OUTCOMES.forEach(o -> registry.counter(name(of, Kind.DELIVERIES), "outcome", o));
        }
        for (EventOutcome o : EventOutcome.values()) {
            registry.counter(name(of, Kind.EVENTS), "outcome", o.label());
        }
        lagTimer();
        if (registry.find(name(of, Kind.PENDING)).gauge() == null) {
            // once: Micrometer warns about a gauge registered again
            Gauge.builder(name(of, Kind.PENDING), queue, EventQueue::pending)
                    .description("Events accepted and not yet applied (" + of + ".webhook-max-pending at most)").register(registry);
        }
    }

    /** A delivery to the open receiver. */
    void delivery(String outcome) {
        delivery(source, outcome);
    }

    /** A delivery to {@code to}'s receiver, open or not (a refusal while it starts). */
    void delivery(String to, String outcome) {
        registry.counter(name(to, Kind.DELIVERIES), "outcome", outcome).increment();
    }

    void applied(EventResult result) {
        registry.counter(name(source, Kind.EVENTS), "outcome", result.outcome().label()).increment();
        if (result.written() != null) {
            lagTimer().record(Duration.between(result.event().received(), result.written()));
        }
    }

    private Timer lagTimer() {
        return lags.computeIfAbsent(source, s -> Timer.builder(name(s, Kind.LAG))
                .description("From the receipt of a record's first delivery to its Toggl write")
                .publishPercentiles(0.5, 0.95).publishPercentileHistogram().register(registry));
    }
}
