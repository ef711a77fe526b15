package io.toggltasksync.webhook;

import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.config.WebhookSettings;
import io.toggltasksync.source.github.GithubDelivery;
import io.toggltasksync.source.github.GithubDeliveryRefused;
import io.toggltasksync.source.github.GithubEvent;
import io.toggltasksync.source.github.GithubSettings;
import io.toggltasksync.sync.CamelEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.jboss.logging.Logger;

/**
 * The beans behind the {@code github-webhook} routes: a delivery checked ({@link GithubDelivery#read}: signature,
 * JSON only, ping, {@code issues} of a configured repository) into the event it asks for, the answer to GitHub, and a
 * coalesced event applied. The generic parts are the Jira receiver's: {@link WebhookGate} in front, {@link OpenReceiver}
 * (settings, delivery ids), {@link DeliveryOrder}, {@link EventQueue}, {@link EventBurst}, {@link Refusals}.
 */
@ApplicationScoped
@Named("githubWebhook")
public class GithubWebhook {

    private static final Logger LOG = Logger.getLogger(GithubWebhook.class);
    static final String SOURCE = "github";
    /** Exchange property: the 200 answer of a delivery that changes nothing (ping, ignored, a repeat). */
    static final String ANSWER = "githubWebhookAnswer";

    @Inject
    WebhookMetrics metrics;

    @Inject
    OpenReceiver receiver;

    @Inject
    Refusals refusals;

    @Inject
    CamelEngine engine;

    @Inject
    DeliveryOrder order;

    @Inject
    Admission admission;

    /** Long-running mode begins: deliveries are checked and applied with these settings (a GitHub run's, with a receiver). */
    public void open(SyncSettings settings) {
        if (settings.webhook() == null || GithubSettings.of(settings) == null) {
            throw new IllegalArgumentException("github.webhook-secret is not set, or sync.source is not github");
        }
        metrics.register(SOURCE);
        engine.ensureStarted();
        receiver.open(settings);
        order.clear();
        LOG.infof("GitHub webhook receiver: POST /webhooks/github (events for one issue within %d ms are applied once)",
                settings.webhook().coalesce().toMillis());
    }

    /**
     * Checks one delivery (the gate checked its size and signature as it streamed; checked again here).
     *
     * @return the event to apply, or null when the delivery changes nothing (ping, ignored, a repeat, older than one accepted)
     */
    public GithubEvent receive(Exchange exchange) {
        SyncSettings open = receiver.settings(SOURCE);
        if (open == null) {
            if (receiver.configured(SOURCE)) {
                throw refused(new WebhookRefused(503, "not_ready", "starting: try again"));
            }
            throw new WebhookRefused(404, "rejected_invalid", "the GitHub webhook receiver is off: set GITHUB_WEBHOOK_SECRET");
        }
        WebhookSettings webhook = open.webhook();
        GithubSettings github = GithubSettings.of(open);
        Message message = exchange.getMessage();
        byte[] body = message.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        if (body.length > webhook.maxBytes()) {
            throw refused(new WebhookRefused(413, "rejected_too_large", "body over " + webhook.maxBytes() + " bytes (github.webhook-max-bytes)"));
        }
        String type = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            // platform-http turns a form body into parameters, so its signature cannot be checked again here: the gate
            // checked it over the raw bytes (unsigned: 401 there); the form itself is never read
            throw refused(new WebhookRefused(415, "rejected_content_type", "the delivery is application/x-www-form-urlencoded: "
                    + "set the webhook's Content type to application/json in GitHub"));
        }
        GithubDelivery delivery;
        try {
            delivery = GithubDelivery.read(webhook.secret(), github.repos(), body, message.getHeader(GithubDelivery.SIGNATURE, String.class),
                    type, message.getHeader(GithubDelivery.EVENT, String.class),
                    message.getHeader(GithubDelivery.DELIVERY_ID, String.class));
        } catch (GithubDeliveryRefused e) {
            throw refused(new WebhookRefused(e.status(), e.outcome(), e.getMessage()));
        }
        if (delivery instanceof GithubDelivery.Ping) {
            metrics.delivery("ping");
            return nothing(exchange, "pong");
        }
        if (delivery instanceof GithubDelivery.Ignored ignored) {
            metrics.delivery("ignored");
            return nothing(exchange, "ignored: " + ignored.why());
        }
        GithubDelivery.IssueChanged issue = (GithubDelivery.IssueChanged) delivery;
        GithubEvent event = GithubEvent.of(issue, Instant.now());
        String dropped = admission.admit(webhook, SOURCE, event, issue.deliveryId(), issue.updatedAt(), "the next run");
        return dropped == null ? event : nothing(exchange, dropped);
    }

    private static GithubEvent nothing(Exchange exchange, String answer) {
        exchange.setProperty(ANSWER, answer);
        return null;
    }

    private WebhookRefused refused(WebhookRefused e) {
        refusals.record(e.status(), e.outcome(), e.getMessage());
        return e;
    }

    /** The answer: 202 to an accepted delivery, 200 with the reason to one that changes nothing. */
    public void answer(Exchange exchange, @ExchangeProperty(ANSWER) String nothing) {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, nothing == null ? 202 : 200);
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        message.setBody((nothing == null ? "accepted" : nothing) + "\n");
    }

    /** How long the deliveries for one issue are gathered before it is applied. */
    public long coalesceMillis() {
        return admission.coalesceMillis(SOURCE);
    }

    /** A coalesced event applied (under the sync lock: never while a run writes); its place in the queue given back. */
    public void apply(@Body GithubEvent event) {
        admission.apply(event);
    }
}
