package io.toggltasksync.webhook;

import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.source.github.GithubDelivery;
import io.toggltasksync.source.github.GithubDeliveryRefused;
import io.toggltasksync.source.github.GithubEvent;
import io.toggltasksync.source.github.GithubSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The bean behind the {@code github-webhook} route: a delivery checked ({@link GithubDelivery#read}: signature, JSON
 * only, ping, {@code issues} of a configured repository) into the event it asks for. What every receiver does is
 * shared: {@link WebhookGate} in front, {@link Admission} (open, size, queue, repeats, order, applying),
 * {@link WebhookAnswer}; this is GitHub's: its content type, its delivery, its ping, the issue's {@code updated_at}.
 */
@ApplicationScoped
@Named("githubWebhook")
public class GithubWebhook {

    static final String SOURCE = "github";

    @Inject
    WebhookMetrics metrics;

    @Inject
    Refusals refusals;

    @Inject
    Admission admission;

    /** Long-running mode begins: deliveries are checked and applied with these settings (a GitHub run's, with a receiver). */
    public void open(SyncSettings settings) {
        if (settings.webhook() == null || GithubSettings.of(settings) == null) {
            throw new IllegalArgumentException("github.webhook-secret is not set, or sync.source is not github");
        }
        admission.open(settings, SOURCE);
    }

    /**
     * Checks one delivery (the gate checked its size and signature as it streamed; checked again here).
     *
     * @return the event to apply, or null when the delivery changes nothing (ping, ignored, a repeat, older than one
     *         accepted): answered 200 with the reason ({@link WebhookAnswer#changesNothing})
     */
    public GithubEvent receive(Exchange exchange) {
        Message message = exchange.getMessage();
        Admission.Arrival arrival = admission.arrival(message, SOURCE);
        String type = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            // platform-http turns a form body into parameters, so its signature cannot be checked again here: the gate
            // checked it over the raw bytes (unsigned: 401 there); the form itself is never read
            throw refusals.refused(SOURCE, new WebhookRefused(415, "rejected_content_type", "the delivery is application/x-www-form-urlencoded: "
                    + "set the webhook's Content type to application/json in GitHub"));
        }
        GithubDelivery delivery;
        try {
            delivery = GithubDelivery.read(arrival.webhook().secret(), GithubSettings.of(arrival.settings()).repos(), arrival.body(),
                    message.getHeader(GithubDelivery.SIGNATURE, String.class), type, message.getHeader(GithubDelivery.EVENT, String.class),
                    message.getHeader(GithubDelivery.DELIVERY_ID, String.class));
        } catch (GithubDeliveryRefused e) {
            throw refusals.refused(SOURCE, new WebhookRefused(e.status(), e.outcome(), e.getMessage()));
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
        String dropped = admission.admit(arrival.webhook(), SOURCE, event, issue.deliveryId(), issue.updatedAt(), "the next run");
        return dropped == null ? event : nothing(exchange, dropped);
    }

    private static GithubEvent nothing(Exchange exchange, String why) {
        WebhookAnswer.changesNothing(exchange, why);
        return null;
    }
}
