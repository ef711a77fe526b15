package io.toggltasksync.webhook;

import io.toggltasksync.config.WebhookSettings;
import io.toggltasksync.model.SourceEvent;
import io.toggltasksync.sync.EventResult;
import io.toggltasksync.sync.SyncService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * What every receiver does with a signed delivery that names a record, and with the event it becomes: a place in the
 * {@link EventQueue} (or 503), a repeat of an accepted delivery id or a delivery older than one accepted for the record
 * ({@link DeliveryOrder}) dropped, the coalesced event applied and its place given back. The receivers
 * ({@link JiraWebhook}, {@link GithubWebhook}) read their source's deliveries; this is the part they share.
 */
@ApplicationScoped
public class Admission {

    private static final Logger LOG = Logger.getLogger(Admission.class);
    /**
     * {@code Retry-After} of a 503 for a full queue. The queue drains about one event a second (each
     * is a Toggl write, at Toggl's 1 request/second), and only once the run holding the lock ends: an
     * earlier retry would find it full again. Jira Cloud retries a 5xx on its own schedule for about
     * 30 minutes; the header is for senders and proxies that honour it.
     */
    static final int QUEUE_FULL_RETRY_AFTER_SECONDS = 60;

    @Inject
    SyncService service;

    @Inject
    WebhookMetrics metrics;

    @Inject
    OpenReceiver receiver;

    @Inject
    Refusals refusals;

    @Inject
    DeliveryOrder order;

    @Inject
    EventQueue queue;

    /**
     * Admits the event of one delivery.
     *
     * @param deliveryId the source's delivery identifier, null when it sent none
     * @param sent       when the delivery (or the record's change) was made, by the source's signed clock, in ms; null: unknown
     * @param retry      who brings the change if it is refused for a full queue (for the answer)
     * @return null when admitted (counted {@code accepted}); else why it changes nothing (counted {@code duplicate})
     * @throws WebhookRefused 503 when the queue is full: not remembered as accepted, so the sender's retry is taken
     */
    String admit(WebhookSettings webhook, String source, SourceEvent event, String deliveryId, Long sent, String retry) {
        // before the delivery is remembered as accepted: a retry of a refused one must not count as a repeat
        if (!queue.enter(webhook.maxPending())) {
            WebhookRefused full = new WebhookRefused(503, "rejected_queue_full", webhook.maxPending() + " issue events wait already ("
                    + source + ".webhook-max-pending): " + retry + " brings this change", QUEUE_FULL_RETRY_AFTER_SECONDS);
            refusals.record(full.status(), full.outcome(), full.getMessage());
            throw full;
        }
        if (deliveryId != null && !receiver.firstTime(source + ":" + deliveryId)) {
            LOG.debugf("Delivery %s of %s was already accepted: ignored", deliveryId, event.externalId());
            return dropped("delivery " + deliveryId + " was already accepted");
        }
        if (!order.inOrder(event.identity(), sent)) {
            // signed, but older than one already accepted for the record (a late retry, or a replay under a new identifier)
            LOG.debugf("Delivery %s of %s was sent before one already accepted: ignored", deliveryId, event.externalId());
            return dropped("older than a delivery already accepted for " + event.externalId());
        }
        metrics.delivery("accepted");
        return null;
    }

    private String dropped(String why) {
        queue.leave();
        metrics.delivery("duplicate");
        return why;
    }

    /** How long the deliveries for one record are gathered before it is applied (at least 1 ms: 0 would mean never). */
    long coalesceMillis(String source) {
        WebhookSettings webhook = receiver.webhook(source);
        return webhook == null ? 1 : Math.max(1, webhook.coalesce().toMillis());
    }

    /** A coalesced event applied (under the sync lock: never while a run writes); its place in the queue given back. */
    void apply(SourceEvent event) {
        try {
            EventResult result = service.applyEvent(receiver.settings(), event);
            metrics.applied(result);
        } finally {
            queue.leave();
        }
    }
}
