package io.toggltasksync.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.model.IssueEvent;
import java.time.Instant;
import java.util.Set;

/**
 * What one signed delivery asks for: the issue event to apply, or nothing (an event type the mirror
 * does not use). Pure: the signature was checked before.
 */
final class Delivery {

    static final String CREATED = "jira:issue_created";
    static final String UPDATED = "jira:issue_updated";
    static final String DELETED = "jira:issue_deleted";
    private static final Set<String> USED = Set.of(CREATED, UPDATED, DELETED);

    private Delivery() {
    }

    /**
     * @return the event, or null when its type is not one the mirror uses
     * @throws WebhookRefused 400 when it is not a Jira issue event
     */
    static IssueEvent parse(JsonNode body, Instant received) {
        if (body == null || !body.isObject()) {
            throw new WebhookRefused(400, "rejected_invalid", "not a JSON object");
        }
        String type = body.path("webhookEvent").asText("");
        if (!USED.contains(type)) {
            return null;
        }
        String key = body.path("issue").path("key").asText(null);
        if (!IssueEvent.isIssueKey(key)) {
            throw new WebhookRefused(400, "rejected_invalid", type + " without a Jira issue key in issue.key");
        }
        return new IssueEvent(key, DELETED.equals(type), received, 1);
    }

    /**
     * When Jira sent the delivery: the body's top-level {@code timestamp} (milliseconds since the
     * epoch, Jira's clock; covered by the signature, unlike the delivery's identifier), null when
     * it has none.
     */
    static Long timestamp(JsonNode body) {
        JsonNode timestamp = body == null ? null : body.get("timestamp");
        return timestamp != null && timestamp.isIntegralNumber() && timestamp.canConvertToLong() ? timestamp.longValue() : null;
    }
}
