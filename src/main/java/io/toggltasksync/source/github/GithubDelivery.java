package io.toggltasksync.source.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.support.HubSignature;
import io.toggltasksync.support.Json;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * What one GitHub webhook delivery asks for, once its signature ({@value #SIGNATURE}: {@code sha256=<hex HMAC-SHA256 of
 * the raw body>} keyed with {@code github.webhook-secret}) matched: a {@link Ping} to answer, an {@link IssueChanged}
 * to read again from the API (its repository and issue, never its content: a signed body can still be replayed), or
 * nothing ({@link Ignored}). Pure; the HTTP receiver that calls it comes with the plug-in step.
 */
public sealed interface GithubDelivery permits GithubDelivery.Ping, GithubDelivery.IssueChanged, GithubDelivery.Ignored {

    String SIGNATURE = "X-Hub-Signature-256";
    String EVENT = "X-GitHub-Event";
    String DELIVERY_ID = "X-GitHub-Delivery";

    /** GitHub's delivery GUID (the same on a redelivery). */
    String deliveryId();

    /** {@code ping}: sent when the webhook is made; answered, nothing read. */
    record Ping(String deliveryId) implements GithubDelivery {
    }

    /**
     * An {@code issues} event of a configured repository: the issue to read again.
     *
     * @param id     the issue's numeric id (the task's identity), as the signed body gives it
     * @param action GitHub's {@code action} ({@code opened}, {@code edited}, {@code closed}, {@code reopened}, {@code deleted},
     *               {@code transferred}, ...): {@code deleted} and {@code transferred} ask for the read that can confirm it
     * @param updatedAt the body's {@code issue.updated_at} (GitHub's clock, covered by the signature) in epoch milliseconds, null when
     *                  absent or unreadable: the receiver drops a delivery older than one it accepted for the issue
     */
    record IssueChanged(String deliveryId, GithubRepo repo, long number, long id, String action, Long updatedAt) implements GithubDelivery {
    }

    /** An event the mirror does not use, or an issue of a repository it does not read. */
    record Ignored(String deliveryId, String why) implements GithubDelivery {
    }

    /**
     * Checks and reads one delivery.
     *
     * @param repos the configured repositories: an issue of any other is ignored
     * @throws GithubDeliveryRefused 401 without a matching signature, 415 when it is not JSON (form-encoded), 400 when it
     *                               is not a delivery GitHub sends
     */
    static GithubDelivery read(String secret, List<GithubRepo> repos, byte[] body, String signature, String contentType, String event,
            String deliveryId) {
        if (!HubSignature.matches(secret, body, signature)) {
            throw new GithubDeliveryRefused(401, "rejected_signature", "missing or wrong " + SIGNATURE);
        }
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json")) {
            throw new GithubDeliveryRefused(415, "rejected_content_type", "the delivery is " + (type.isEmpty() ? "without a content type" : type)
                    + ": set the webhook's Content type to application/json in GitHub");
        }
        if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > 100) {
            throw new GithubDeliveryRefused(400, "rejected_invalid", "without a " + DELIVERY_ID);
        }
        if (event == null || event.isBlank()) {
            throw new GithubDeliveryRefused(400, "rejected_invalid", "without an " + EVENT);
        }
        if (event.equals("ping")) {
            return new Ping(deliveryId);
        }
        if (!event.equals("issues")) {
            return new Ignored(deliveryId, "a " + event + " event (only issues events are used)");
        }
        return issue(deliveryId, repos, json(body));
    }

    private static GithubDelivery issue(String deliveryId, List<GithubRepo> repos, JsonNode body) {
        String fullName = body.path("repository").path("full_name").asText("");
        JsonNode issue = body.path("issue");
        JsonNode number = issue.path("number");
        JsonNode id = issue.path("id");
        if (!number.isIntegralNumber() || !number.canConvertToLong() || number.longValue() <= 0 || !id.isIntegralNumber()
                || !id.canConvertToLong() || id.longValue() <= 0) {
            throw new GithubDeliveryRefused(400, "rejected_invalid", "an issues event without issue.number and issue.id");
        }
        GithubRepo repo = repos.stream().filter(r -> r.key().equalsIgnoreCase(fullName)).findFirst().orElse(null);
        if (repo == null) {
            return new Ignored(deliveryId, "an issue of a repository not in github.repos");
        }
        return new IssueChanged(deliveryId, repo, number.longValue(), id.longValue(), body.path("action").asText(""), updatedAt(issue));
    }

    private static Long updatedAt(JsonNode issue) {
        try {
            return java.time.Instant.parse(issue.path("updated_at").asText("")).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // refused below
        }
        throw new GithubDeliveryRefused(400, "rejected_invalid", "not a JSON object");
    }
}
