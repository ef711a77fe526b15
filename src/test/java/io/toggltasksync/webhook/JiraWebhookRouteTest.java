package io.toggltasksync.webhook;

import static io.restassured.RestAssured.given;
import static io.toggltasksync.testing.TestSettings.P1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.model.IssueEvent;
import io.toggltasksync.support.HubSignature;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.RouteTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code jira-webhook} and {@code jira-event-coalesce} routes (jira-webhook.camel.yaml): deliveries posted to the
 * app's HTTP port, the coalesced events caught on {@code mock:jira-event} instead of being applied. A refused
 * delivery (401, 400, 413) reaches no aggregation; a burst for one issue is one event. Nothing waits for an event
 * that should not come: a refused delivery for a key is followed by a signed one for the same key, whose event would
 * count both had the refused one been let through. The pattern: see {@code TogglCallRouteTest}.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class JiraWebhookRouteTest extends RouteTest {

    static final String SECRET = "route-test-secret-0123456789";
    static final int MAX_BYTES = 4096;
    static final Duration WITHIN = Duration.ofSeconds(10);

    @Inject
    JiraWebhook webhook;

    @Inject
    MeterRegistry registry;

    @Inject
    EventQueue queue;

    MockEndpoint events;

    @BeforeEach
    void openTheReceiverAndCatchTheEvents() throws Exception {
        adviseOnce("jira-event-coalesce", route -> route.weaveByType(BeanDefinition.class).replace().to("mock:jira-event"));
        events = mock("mock:jira-event");
        // caught instead of applied: its place in the queue given back as Admission.apply would
        events.whenAnyExchangeReceived(e -> queue.leave());
        openWith();
    }

    private void openWith(String... more) {
        webhook.open(settings(JiraFixture.concat(JiraFixture.cloudSettings(JIRA_URL, "project = ALPHA", 100), JiraFixture.concat(new String[] {
                "toggl.project-map=ALPHA=" + P1, "jira.webhook-secret=" + SECRET, "jira.webhook-max-bytes=" + MAX_BYTES,
                // wide enough that a burst posted one by one on a busy machine is still one burst
                "jira.webhook-coalesce=2s"}, more))));
    }

    static String delivery(String type, String key) {
        return "{\"webhookEvent\":\"" + type + "\",\"issue\":" + JiraFixture.issue(key, "Login page", "indeterminate", null, 3600L) + "}";
    }

    private static int post(String body, String signature, String deliveryId) {
        var request = given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request = request.header(JiraWebhook.SIGNATURE, signature);
        }
        return request.header(JiraWebhook.DELIVERY_ID, deliveryId).post("/webhooks/jira").statusCode();
    }

    private static String signature(String body) {
        return HubSignature.header(SECRET, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A delivery as Jira sends it: signed, with an identifier of its own. */
    private static int deliver(String body) {
        return post(body, signature(body), UUID.randomUUID().toString());
    }

    /** The events of {@code key} once they stand for {@code deliveries} deliveries in all (none can come after). */
    private List<IssueEvent> eventsOf(String key, int deliveries) {
        await().atMost(WITHIN).until(() -> received(key).stream().mapToInt(IssueEvent::deliveries).sum() >= deliveries);
        return received(key);
    }

    private List<IssueEvent> received(String key) {
        return events.getReceivedExchanges().stream().map(e -> e.getMessage().getBody(IssueEvent.class))
                .filter(e -> e.issueKey().equals(key)).toList();
    }

    private double deliveries(String outcome) {
        return registry.counter(WebhookMetrics.DELIVERIES, "outcome", outcome).count();
    }

    @Test
    void aSignedDeliveryIsAcceptedAndBecomesOneEvent() {
        assertThat(deliver(delivery(Delivery.UPDATED, "ALPHA-1"))).isEqualTo(202);

        List<IssueEvent> applied = eventsOf("ALPHA-1", 1);
        assertThat(applied).hasSize(1);
        assertThat(applied.get(0).deleted()).isFalse();
        assertThat(applied.get(0).deliveries()).isEqualTo(1);
        assertThat(events.getReceivedExchanges().get(0).getMessage().getHeaders()).as("the request's headers stay behind").isEmpty();
    }

    @Test
    void aMissingOrWrongSignatureIsRefusedWith401AndReachesNoEvent() {
        String body = delivery(Delivery.UPDATED, "ALPHA-2");
        double refused = deliveries("rejected_signature");

        assertThat(post(body, null, "d-1")).isEqualTo(401);
        assertThat(post(body, HubSignature.header("another-secret-0123456789", body.getBytes(StandardCharsets.UTF_8)), "d-2"))
                .isEqualTo(401);
        assertThat(post(body, "sha256=not-hex", "d-3")).isEqualTo(401);
        assertThat(deliver(body)).isEqualTo(202);

        assertThat(eventsOf("ALPHA-2", 1)).singleElement().extracting(IssueEvent::deliveries).isEqualTo(1);
        assertThat(deliveries("rejected_signature")).isEqualTo(refused + 3);
    }

    @Test
    void aSignedBodyThatIsNotAnIssueEventIsRefusedWith400AndReachesNoEvent() {
        double refused = deliveries("rejected_invalid");

        assertThat(deliver("{\"webhookEvent\":")).as("not JSON").isEqualTo(400);
        assertThat(deliver("[1,2]")).as("not an object").isEqualTo(400);
        assertThat(deliver(delivery(Delivery.UPDATED, "ALPHA-3").replace("\"key\":\"ALPHA-3\"", "\"key\":\"ALPHA-3 OR project = BETA\"")))
                .as("not an issue key").isEqualTo(400);
        assertThat(deliver(delivery(Delivery.UPDATED, "ALPHA-3"))).isEqualTo(202);

        assertThat(eventsOf("ALPHA-3", 1)).singleElement().extracting(IssueEvent::deliveries).isEqualTo(1);
        assertThat(deliveries("rejected_invalid")).isEqualTo(refused + 3);
    }

    @Test
    void aDeliveryOverTheSizeLimitIsRefusedWith413AndReachesNoEvent() {
        String big = delivery(Delivery.UPDATED, "ALPHA-4").replace("Login page", "x".repeat(MAX_BYTES));

        assertThat(deliver(big)).isEqualTo(413);
        assertThat(deliver(delivery(Delivery.UPDATED, "ALPHA-4"))).isEqualTo(202);

        assertThat(eventsOf("ALPHA-4", 1)).singleElement().extracting(IssueEvent::deliveries).isEqualTo(1);
    }

    @Test
    void aTypeNotUsedAndARepeatedDeliveryAreAcceptedAndChangeNothing() {
        String body = delivery(Delivery.UPDATED, "ALPHA-5");

        assertThat(deliver(delivery("jira:worklog_updated", "ALPHA-5"))).isEqualTo(202);
        assertThat(post(body, signature(body), "same-delivery")).isEqualTo(202);
        assertThat(post(body, signature(body), "same-delivery")).as("Jira's retry of it").isEqualTo(202);
        assertThat(deliver(body)).isEqualTo(202);

        assertThat(eventsOf("ALPHA-5", 2)).as("the repeat and the worklog are not deliveries of the issue")
                .extracting(IssueEvent::deliveries).containsExactly(2);
    }

    @Test
    void aBurstForOneIssueIsOneEventAndADeletionAmongThemSticks() {
        int burst = 5;
        for (int i = 0; i < burst; i++) {
            assertThat(deliver(delivery(i == 2 ? Delivery.DELETED : Delivery.UPDATED, "ALPHA-6"))).isEqualTo(202);
        }

        List<IssueEvent> applied = eventsOf("ALPHA-6", burst);
        assertThat(applied).hasSize(1);
        assertThat(applied.get(0).deliveries()).isEqualTo(burst);
        assertThat(applied.get(0).deleted()).isTrue();
    }

    @Test
    void twoIssuesAreTwoEvents() {
        assertThat(deliver(delivery(Delivery.UPDATED, "ALPHA-7"))).isEqualTo(202);
        assertThat(deliver(delivery(Delivery.CREATED, "ALPHA-8"))).isEqualTo(202);
        assertThat(deliver(delivery(Delivery.UPDATED, "ALPHA-7"))).isEqualTo(202);

        assertThat(eventsOf("ALPHA-7", 2)).singleElement().extracting(IssueEvent::deliveries).isEqualTo(2);
        assertThat(eventsOf("ALPHA-8", 1)).singleElement().extracting(IssueEvent::deleted).isEqualTo(false);
    }

    @Test
    void aDeliveryBeyondTheQueueIsRefused503WithRetryAfterTakesNoPlaceAndIsCounted() {
        // the events of earlier tests caught, the queue empty
        await().atMost(WITHIN).until(() -> queue.pending() == 0);
        openWith("jira.webhook-max-pending=2");
        double refused = deliveries("rejected_queue_full");

        assertThat(deliver(delivery(Delivery.UPDATED, "ALPHA-11"))).isEqualTo(202);
        assertThat(deliver(delivery(Delivery.UPDATED, "ALPHA-11"))).isEqualTo(202);
        assertThat(queue.pending()).as("merged into the event gathering: one place").isEqualTo(1);
        assertThat(deliver(delivery(Delivery.UPDATED, "ALPHA-12"))).isEqualTo(202);
        String body = delivery(Delivery.UPDATED, "ALPHA-13");
        var full = given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                .header(JiraWebhook.SIGNATURE, signature(body)).header(JiraWebhook.DELIVERY_ID, "full-1").post("/webhooks/jira");

        assertThat(full.statusCode()).isEqualTo(503);
        assertThat(full.header("Retry-After")).isEqualTo(Integer.toString(Admission.QUEUE_FULL_RETRY_AFTER_SECONDS));
        assertThat(full.asString()).contains("jira.webhook-max-pending").doesNotContain(SECRET);
        assertThat(deliveries("rejected_queue_full")).isEqualTo(refused + 1);
        assertThat(queue.pending()).as("the refused delivery took no place").isEqualTo(2);

        // once the events are applied (here: caught) there is room again, and Jira's retry of the refused delivery is no repeat
        assertThat(eventsOf("ALPHA-11", 2)).singleElement().extracting(IssueEvent::deliveries).isEqualTo(2);
        assertThat(eventsOf("ALPHA-12", 1)).hasSize(1);
        await().atMost(WITHIN).until(() -> queue.pending() == 0);
        assertThat(post(body, signature(body), "full-1")).isEqualTo(202);
        assertThat(eventsOf("ALPHA-13", 1)).singleElement().extracting(IssueEvent::deliveries).isEqualTo(1);
    }

    @Test
    void theMostPendingEventsFitTheCoalescingAggregatorsQueue() {
        // beyond its queue the aggregator's timeout checker would apply an event itself, holding the lock every delivery needs
        assertThat(context.getExecutorServiceManager().getDefaultThreadPoolProfile().getMaxQueueSize())
                .isGreaterThanOrEqualTo(io.toggltasksync.config.WebhookSettings.MAX_PENDING);
    }
}
