package io.toggltasksync.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.IssueEvent;
import io.toggltasksync.support.HubSignature;
import io.toggltasksync.support.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The bean behind the {@code jira-webhook} route: a delivery checked (size, signature, JSON) into the issue event it
 * asks for. What every receiver does (open, size, queue, repeats, order, the answer, applying) is {@link Admission}'s
 * and {@link WebhookAnswer}'s; this is Jira's: its signature header ({@value #SIGNATURE}), its body, its delivery identifier and timestamp.
 */
@ApplicationScoped
@Named("jiraWebhook")
public class JiraWebhook {

    static final String DELIVERY_ID = "X-Atlassian-Webhook-Identifier";
    /** Jira's signature header: {@code sha256=<hex HMAC-SHA256 of the raw body>}, keyed with the webhook's secret ({@link HubSignature}). */
    static final String SIGNATURE = "X-Hub-Signature";
    static final String SOURCE = "jira";

    @Inject
    WebhookMetrics metrics;

    @Inject
    Refusals refusals;

    @Inject
    Admission admission;

    /** Long-running mode begins: deliveries are checked and applied with these settings. */
    public void open(SyncSettings settings) {
        if (settings.webhook() == null) {
            throw new IllegalArgumentException("jira.webhook-secret is not set");
        }
        admission.open(settings, SOURCE);
    }

    /**
     * Checks one delivery: its size, then its signature over the raw bytes, then its JSON. Nothing
     * is read from Jira or written to Toggl for a refused one.
     *
     * @return the issue event to apply, or null when the delivery changes nothing (a type not used, a repeat): Jira
     *         needs only the status, 202 either way
     */
    public IssueEvent receive(Exchange exchange) {
        Message message = exchange.getMessage();
        Admission.Arrival arrival = admission.arrival(message, SOURCE);
        byte[] body = arrival.body();
        if (!HubSignature.matches(arrival.webhook().secret(), body, message.getHeader(SIGNATURE, String.class))) {
            throw refusals.refused(SOURCE, new WebhookRefused(401, "rejected_signature", "missing or wrong " + SIGNATURE));
        }
        IssueEvent event;
        Long sent;
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            event = Delivery.parse(json, Instant.now());
            sent = Delivery.timestamp(json);
        } catch (JsonProcessingException e) {
            throw refusals.refused(SOURCE, new WebhookRefused(400, "rejected_invalid", "not JSON"));
        } catch (IOException e) {
            throw refusals.refused(SOURCE, new WebhookRefused(400, "rejected_invalid", "unreadable body"));
        } catch (WebhookRefused e) {
            throw refusals.refused(SOURCE, e);
        }
        if (event == null) {
            metrics.delivery("ignored");
            return null;
        }
        String dropped = admission.admit(arrival.webhook(), SOURCE, event, message.getHeader(DELIVERY_ID, String.class), sent,
                "the next run, or Jira's retry,");
        return dropped == null ? event : null;
    }
}
