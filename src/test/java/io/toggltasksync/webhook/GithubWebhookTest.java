package io.toggltasksync.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.support.HubSignature;
import io.toggltasksync.testing.GithubFixture;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The GitHub receiver's answers at {@code POST /webhooks/github} (behind {@link WebhookGate}), counted in
 * {@code github_webhook_deliveries_total}: what a delivery is refused, ignored or accepted for. Nothing here reaches
 * GitHub: only issues events of a configured repository are read again, and those are counted as accepted.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class GithubWebhookTest {

    static final String SECRET = GithubFixture.WEBHOOK_SECRET;
    static final String PATH = "/webhooks/github";

    @Inject
    GithubWebhook webhook;

    @Inject
    MeterRegistry registry;

    @Inject
    EventQueue queue;

    @io.quarkus.test.common.http.TestHTTPResource(PATH)
    java.net.URL url;

    SyncSettings settings;

    @BeforeEach
    void open(SandboxFixture t) {
        settings = t.settings(t.write("unused.csv", "external_id,name\n"), "sync.source=github", "github.api-url=http://127.0.0.1:9",
                "github.token=" + GithubFixture.TOKEN, "github.repos=octo/api", "github.webhook-secret=" + SECRET);
        webhook.open(settings);
    }

    static String issues(String repo, long number, String updatedAt) {
        return "{\"action\":\"edited\",\"issue\":{\"id\":" + (1000 + number) + ",\"number\":" + number + ",\"title\":\"from the body\","
                + "\"updated_at\":\"" + updatedAt + "\"},\"repository\":{\"full_name\":\"" + repo + "\"}}";
    }

    private static io.restassured.response.ValidatableResponse post(String event, String id, String body, String signature, String type) {
        var request = given().contentType(type + "; charset=UTF-8").header("X-GitHub-Event", event).header("X-GitHub-Delivery", id)
                .body(body);
        if (signature != null) {
            request = request.header("X-Hub-Signature-256", signature);
        }
        return request.post(PATH).then();
    }

    private static String signed(String body) {
        return HubSignature.header(SECRET, body.getBytes(StandardCharsets.UTF_8));
    }

    private double count(String outcome) {
        var counter = registry.find("github_webhook_deliveries_total").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aForgedOrUnsignedDeliveryIs401AndCounted() {
        String body = issues("octo/api", 7, "2026-12-07T10:00:00Z");
        double before = count("rejected_signature");

        post("issues", UUID.randomUUID().toString(), body, HubSignature.header("another-secret-0123456789", body.getBytes(StandardCharsets.UTF_8)),
                "application/json").statusCode(401);
        post("issues", UUID.randomUUID().toString(), body, null, "application/json").statusCode(401);

        assertThat(count("rejected_signature")).isEqualTo(before + 2);
    }

    @Test
    void aPingIsAnswered200() {
        String body = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}";
        double before = count("ping");

        post("ping", UUID.randomUUID().toString(), body, signed(body), "application/json").statusCode(200).body(containsString("pong"));

        assertThat(count("ping")).isEqualTo(before + 1);
    }

    @Test
    void otherEventsAndOtherRepositoriesAreIgnoredWith200AndAReason() {
        String push = "{\"ref\":\"refs/heads/main\"}";
        String elsewhere = issues("octo/other", 7, "2026-12-07T10:00:00Z");
        double before = count("ignored");

        post("push", UUID.randomUUID().toString(), push, signed(push), "application/json").statusCode(200).body(containsString("push"));
        post("issues", UUID.randomUUID().toString(), elsewhere, signed(elsewhere), "application/json").statusCode(200)
                .body(containsString("github.repos"));

        assertThat(count("ignored")).isEqualTo(before + 2);
    }

    @Test
    void aFormEncodedDeliveryIs415AskingForJson() throws Exception {
        // GitHub's "application/x-www-form-urlencoded" content type: the JSON in a payload parameter, signed as sent
        String body = "payload=" + java.net.URLEncoder.encode(issues("octo/api", 7, "2026-12-07T10:00:00Z"), StandardCharsets.UTF_8);
        double before = count("rejected_content_type");

        // sent as is (RestAssured would encode a form body again, breaking the signature)
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(url.toURI())
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-GitHub-Event", "issues")
                .header("X-GitHub-Delivery", UUID.randomUUID().toString()).header("X-Hub-Signature-256", signed(body))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(answer.body()).contains("application/json");
        assertThat(count("rejected_content_type")).isEqualTo(before + 1);
    }

    @Test
    void aRedeliveryOfTheSameIdIsAnswered200AndAcceptedOnce() {
        String body = issues("octo/api", 8, "2026-12-07T10:00:00Z");
        String id = UUID.randomUUID().toString();
        double accepted = count("accepted");
        double duplicate = count("duplicate");

        post("issues", id, body, signed(body), "application/json").statusCode(202);
        post("issues", id, body, signed(body), "application/json").statusCode(200).body(containsString("already accepted"));

        assertThat(count("accepted")).isEqualTo(accepted + 1);
        assertThat(count("duplicate")).isEqualTo(duplicate + 1);
    }

    @Test
    void aDeliveryOfAnIssueOlderThanOneAcceptedIsDropped() {
        String newer = issues("octo/api", 9, "2026-12-07T10:00:05Z");
        String older = issues("octo/api", 9, "2026-12-07T10:00:00Z");
        double accepted = count("accepted");

        post("issues", UUID.randomUUID().toString(), newer, signed(newer), "application/json").statusCode(202);
        post("issues", UUID.randomUUID().toString(), older, signed(older), "application/json").statusCode(200)
                .body(containsString("older than"));

        assertThat(count("accepted")).isEqualTo(accepted + 1);
    }

    @Test
    void aFullQueueIs503WithRetryAfterAndTheDeliveryIsNotRememberedAsAccepted() {
        int max = settings.webhook().maxPending();
        int taken = 0;
        while (queue.enter(max)) {
            taken++;
        }
        String body = issues("octo/api", 11, "2026-12-07T10:00:00Z");
        String id = UUID.randomUUID().toString();
        double full = count("rejected_queue_full");
        try {
            post("issues", id, body, signed(body), "application/json").statusCode(503).header("Retry-After", "60");
        } finally {
            for (int i = 0; i < taken; i++) {
                queue.leave();
            }
        }
        assertThat(count("rejected_queue_full")).isEqualTo(full + 1);
        // redelivered once there is room: accepted, not taken for a repeat
        post("issues", id, body, signed(body), "application/json").statusCode(202);
    }

    @Test
    void theJiraPathIsOffWhileTheGithubReceiverIsOpen() {
        given().contentType("application/json").body("{}").post("/webhooks/jira").then().statusCode(404);
    }
}
