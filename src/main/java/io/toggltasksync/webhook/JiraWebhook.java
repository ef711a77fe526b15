package io.toggltasksync.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.config.WebhookSettings;
import io.toggltasksync.model.IssueEvent;
import io.toggltasksync.support.Json;
import io.toggltasksync.sync.CamelEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.time.Instant;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.jboss.logging.Logger;

/**
 * The beans behind the {@code jira-webhook} routes: a delivery checked (size, signature, JSON) into
 * the issue event it asks for, the answer to Jira, and a coalesced event applied.
 */
@ApplicationScoped
@Named("jiraWebhook")
public class JiraWebhook {

    private static final Logger LOG = Logger.getLogger(JiraWebhook.class);
    static final String DELIVERY_ID = "X-Atlassian-Webhook-Identifier";
    static final String SOURCE = "jira";

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

    /** Long-running mode begins: deliveries are checked and applied with these settings. */
    public void open(SyncSettings settings) {
        if (settings.webhook() == null) {
            throw new IllegalArgumentException("jira.webhook-secret is not set");
        }
        metrics.register(SOURCE);
        // Camel starts lazily (a one-off run that fails its configuration never starts it); the
        // receiver's route must serve before the first scheduled run
        engine.ensureStarted();
        receiver.open(settings);
        order.clear();
        LOG.infof("Jira webhook receiver: POST /webhooks/jira (events for one issue within %d ms are applied once)",
                settings.webhook().coalesce().toMillis());
    }

    /**
     * Checks one delivery: its size, then its signature over the raw bytes, then its JSON. Nothing
     * is read from Jira or written to Toggl for a refused one.
     *
     * @return the issue event to apply, or null when the delivery changes nothing (a type not used, a repeat)
     */
    public IssueEvent receive(Exchange exchange) {
        SyncSettings open = receiver.settings(SOURCE);
        if (open == null) {
            if (receiver.configured(SOURCE)) {
                // the HTTP server is up before the app has read its settings: Jira retries a 503, not a 404
                throw refused(new WebhookRefused(503, "not_ready", "starting: try again"));
            }
            throw new WebhookRefused(404, "rejected_invalid", "the Jira webhook receiver is off: set JIRA_WEBHOOK_SECRET");
        }
        WebhookSettings webhook = open.webhook();
        Message message = exchange.getMessage();
        byte[] body = message.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        if (body.length > webhook.maxBytes()) {
            throw refused(new WebhookRefused(413, "rejected_too_large", "body over " + webhook.maxBytes() + " bytes (jira.webhook-max-bytes)"));
        }
        if (!WebhookSignature.matches(webhook.secret(), body, message.getHeader(WebhookSignature.HEADER, String.class))) {
            throw refused(new WebhookRefused(401, "rejected_signature", "missing or wrong " + WebhookSignature.HEADER));
        }
        IssueEvent event;
        Long sent;
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            event = Delivery.parse(json, Instant.now());
            sent = Delivery.timestamp(json);
        } catch (JsonProcessingException e) {
            throw refused(new WebhookRefused(400, "rejected_invalid", "not JSON"));
        } catch (IOException e) {
            throw refused(new WebhookRefused(400, "rejected_invalid", "unreadable body"));
        } catch (WebhookRefused e) {
            throw refused(e);
        }
        if (event == null) {
            metrics.delivery("ignored");
            return null;
        }
        String dropped = admission.admit(webhook, SOURCE, event, message.getHeader(DELIVERY_ID, String.class), sent, "the next run, or Jira's retry,");
        return dropped == null ? event : null;
    }

    private WebhookRefused refused(WebhookRefused e) {
        refusals.record(e.status(), e.outcome(), e.getMessage());
        return e;
    }

    /** The answer to an accepted delivery: Jira needs only the status. */
    public void accepted(Exchange exchange) {
        answer(exchange, 202, "accepted");
    }

    /** The answer to a refused delivery: its status and the reason (never a secret, never the body). */
    public void refusedAnswer(Exchange exchange, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) WebhookRefused refused) {
        answer(exchange, refused.status(), refused.getMessage());
        if (refused.retryAfterSeconds() > 0) {
            exchange.getMessage().setHeader("Retry-After", Integer.toString(refused.retryAfterSeconds()));
        }
    }

    private static void answer(Exchange exchange, int status, String text) {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        message.setBody(text + "\n");
    }

    /** How long the deliveries for one issue are gathered before it is applied. */
    public long coalesceMillis() {
        return admission.coalesceMillis(SOURCE);
    }

    /** A coalesced event applied (under the sync lock: never while a run writes); its place in the queue given back. */
    public void apply(@Body IssueEvent event) {
        admission.apply(event);
    }
}
