package io.toggltasksync.webhook;

import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.config.WebhookSettings;
import io.toggltasksync.model.SourceEvent;
import io.toggltasksync.source.SourceRegistry;
import io.toggltasksync.sync.CamelEngine;
import io.toggltasksync.sync.EventResult;
import io.toggltasksync.sync.SyncService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.Body;
import org.apache.camel.Message;
import org.jboss.logging.Logger;

/**
 * What every receiver does, whatever its source: opened for the run's source, a delivery taken only while open and
 * within its size; then, for a signed delivery that names a record, a place in the {@link EventQueue} (or 503), a
 * repeat of an accepted delivery id or a delivery older than one accepted for the record ({@link DeliveryOrder})
 * dropped; the coalesced event applied (bean {@code webhookAdmission} of the coalescing routes) and its place given
 * back. The receivers ({@link JiraWebhook}, {@link GithubWebhook}) keep what is their tracker's: the signature, the
 * event read from the body, the delivery's identifier and clock.
 */
@ApplicationScoped
@Named("webhookAdmission")
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

    @Inject
    CamelEngine engine;

    @Inject
    SourceRegistry sources;

    /** A delivery the receiver may read: the settings it was opened with, and the raw body, within its size. */
    record Arrival(SyncSettings settings, byte[] body) {
        WebhookSettings webhook() {
            return settings.webhook();
        }
    }

    /** Long-running mode begins: {@code source}'s deliveries are taken, checked and applied with these settings. */
    void open(SyncSettings settings, String source) {
        metrics.register(source);
        // Camel starts lazily (a one-off run that fails its configuration never starts it); the
        // receiver's route must serve before the first scheduled run
        engine.ensureStarted();
        receiver.open(settings);
        order.clear();
        LOG.infof("%s webhook receiver: POST /webhooks/%s (events for one issue within %d ms are applied once)", sources.named(source).title(), source,
                settings.webhook().coalesce().toMillis());
    }

    /**
     * The checks before the source's own: the receiver open for {@code source}, the body within
     * {@code <source>.webhook-max-bytes}. Nothing is read from the body before.
     *
     * @throws WebhookRefused 503 while the app starts (a sender retries a 503, not a 404), 404 when no secret turns the
     *                        receiver on, 413 for a body too large
     */
    Arrival arrival(Message message, String source) {
        SyncSettings open = receiver.settings(source);
        if (open == null) {
            if (receiver.configured(source)) {
                // the HTTP server is up before the app has read its settings
                throw refusals.refused(source, new WebhookRefused(503, "not_ready", "starting: try again"));
            }
            throw new WebhookRefused(404, "rejected_invalid", "the " + sources.named(source).title() + " webhook receiver is off: set "
                    + SyncSettings.envName(source + ".webhook-secret"));
        }
        byte[] body = message.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        int maxBytes = open.webhook().maxBytes();
        if (body.length > maxBytes) {
            throw refusals.refused(source, new WebhookRefused(413, "rejected_too_large", "body over " + maxBytes + " bytes (" + source
                    + ".webhook-max-bytes)"));
        }
        return new Arrival(open, body);
    }

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
            throw refusals.refused(source, new WebhookRefused(503, "rejected_queue_full", webhook.maxPending() + " issue events wait already ("
                    + source + ".webhook-max-pending): " + retry + " brings this change", QUEUE_FULL_RETRY_AFTER_SECONDS));
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

    /**
     * How long the deliveries for one record are gathered before it is applied (at least 1 ms: 0 would mean never): the
     * open receiver's (a process opens one, its source's; only its deliveries reach a coalescing route).
     */
    public long coalesceMillis() {
        SyncSettings open = receiver.settings();
        return open == null ? 1 : Math.max(1, open.webhook().coalesce().toMillis());
    }

    /** A coalesced event applied (under the sync lock: never while a run writes); its place in the queue given back. */
    public void apply(@Body SourceEvent event) {
        try {
            EventResult result = service.applyEvent(receiver.settings(), event);
            metrics.applied(result);
        } finally {
            queue.leave();
        }
    }
}
