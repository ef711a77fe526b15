package io.toggltasksync.webhook;

import static io.restassured.RestAssured.given;
import static io.toggltasksync.testing.TestSettings.P1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.SourceEvent;
import io.toggltasksync.source.github.GithubDelivery;
import io.toggltasksync.source.github.GithubEvent;
import io.toggltasksync.support.HubSignature;
import io.toggltasksync.sync.EventOutcome;
import io.toggltasksync.sync.EventResult;
import io.toggltasksync.sync.SyncService;
import io.toggltasksync.testing.GithubFixture;
import io.toggltasksync.testing.RouteTest;
import jakarta.enterprise.inject.Vetoed;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.BeanDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code github-webhook} and {@code github-event-coalesce} routes (github-webhook.camel.yaml): deliveries posted to
 * the app's HTTP port (behind {@link WebhookGate}, which answers 401 and 413 itself: {@code WebhookGateTest}); the
 * coalesced events watched on {@code mock:github-event} on their way to {@code webhookAdmission.apply}, which applies
 * them through a stand-in {@link SyncService} (no GitHub, no Toggl). A refused delivery is answered by
 * {@code webhookAnswer} with its status and queues nothing: it is followed by an accepted one for the same issue, whose
 * event would count both had the refused one been let through. The pattern: see {@code TogglCallRouteTest}.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class GithubWebhookRouteTest extends RouteTest {

    static final String SECRET = GithubFixture.WEBHOOK_SECRET;
    static final String PATH = "/webhooks/github";
    static final Duration WITHIN = Duration.ofSeconds(10);

    @Inject
    GithubWebhook webhook;

    @Inject
    EventQueue queue;

    MockEndpoint events;
    StandInService service;

    /**
     * Applies nothing: records each event it is given, fails the one of issue {@link #failFor}, and holds the one of issue
     * {@link #holdFor} until {@link #release} (an event being applied keeps its place in the queue).
     */
    @Vetoed
    static final class StandInService extends SyncService {
        final List<Long> applied = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        volatile long failFor = -1;
        volatile long holdFor = -1;

        @Override
        public EventResult applyEvent(SyncSettings settings, SourceEvent event) {
            long number = ((GithubEvent) event).number();
            applied.add(number);
            try {
                if (number == holdFor && !release.await(WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (number == failFor) {
                throw new IllegalStateException("applying failed");
            }
            return new EventResult(event, EventOutcome.UNCHANGED, null, null);
        }
    }

    @BeforeEach
    void openTheReceiverAndStandInForTheService() throws Exception {
        adviseOnce("github-event-coalesce", route -> route.weaveByType(BeanDefinition.class).before().to("mock:github-event"));
        events = mock("mock:github-event");
        service = new StandInService();
        QuarkusMock.installMockForType(service, SyncService.class);
        openWith();
    }

    /** Every event of the test applied before the stand-in goes (the real service would call GitHub). */
    @AfterEach
    void nothingLeftPending() {
        service.release.countDown();
        await().atMost(WITHIN).until(() -> queue.pending() == 0);
    }

    private void openWith(String... more) {
        List<String> all = new java.util.ArrayList<>(List.of("sync.source=github", "github.api-url=" + GITHUB_URL,
                "github.token=" + GithubFixture.TOKEN, "github.repos=octo/api", "toggl.project-map=octo/api=" + P1,
                "github.webhook-secret=" + SECRET,
                // wide enough that a burst posted one by one on a busy machine is still one burst
                "github.webhook-coalesce=500ms"));
        all.addAll(List.of(more));
        webhook.open(settings(all.toArray(String[]::new)));
    }

    /** An {@code issues} delivery's body: {@code action} on octo/api's issue {@code number} (id 1000 + number). */
    static String issues(String action, long number, String updatedAt) {
        return GithubWebhookTest.issues("octo/api", number, updatedAt).replace("\"action\":\"edited\"", "\"action\":\"" + action + "\"");
    }

    private static Response post(String event, String deliveryId, String body, String contentType) {
        var request = given().contentType(contentType).header(GithubDelivery.SIGNATURE, HubSignature.header(SECRET,
                body.getBytes(StandardCharsets.UTF_8))).body(body.getBytes(StandardCharsets.UTF_8));
        if (event != null) {
            request = request.header(GithubDelivery.EVENT, event);
        }
        if (deliveryId != null) {
            request = request.header(GithubDelivery.DELIVERY_ID, deliveryId);
        }
        return request.post(PATH);
    }

    /** A delivery as GitHub sends it: signed JSON, with an identifier of its own. */
    private static Response deliver(String event, String body) {
        return post(event, UUID.randomUUID().toString(), body, "application/json");
    }

    /** The events of issue {@code number} that reached the coalescing route's end, once they stand for {@code deliveries}. */
    private List<GithubEvent> eventsOf(long number, int deliveries) {
        await().atMost(WITHIN).until(() -> received(number).stream().mapToInt(GithubEvent::deliveries).sum() >= deliveries);
        return received(number);
    }

    private List<GithubEvent> received(long number) {
        return events.getReceivedExchanges().stream().map(e -> e.getMessage().getBody(GithubEvent.class)).filter(e -> e.number() == number)
                .toList();
    }

    /** An answer of {@code status} saying {@code why}, with none of the request's headers. */
    private static void assertAnswer(Response answer, int status, String why) {
        assertThat(answer.statusCode()).as(why).isEqualTo(status);
        assertThat(answer.asString()).contains(why).doesNotContain(SECRET);
        assertThat(answer.headers().hasHeaderWithName(GithubDelivery.SIGNATURE)).isFalse();
        assertThat(answer.headers().hasHeaderWithName(GithubDelivery.DELIVERY_ID)).isFalse();
        assertThat(answer.headers().hasHeaderWithName(GithubDelivery.EVENT)).isFalse();
    }

    @Test
    void anIssuesEventIsAccepted202AndAppliedAsOneEventWithoutTheRequestsHeaders() {
        assertAnswer(deliver("issues", issues("edited", 1, "2026-12-07T10:00:00Z")), 202, "accepted");

        GithubEvent event = eventsOf(1, 1).get(0);
        assertThat(event.repo().key()).isEqualTo("octo/api");
        assertThat(event.id()).isEqualTo(1001);
        assertThat(event.deleted()).isFalse();
        assertThat(events.getReceivedExchanges().get(0).getMessage().getHeaders()).as("the request's headers stay behind").isEmpty();
        await().atMost(WITHIN).until(() -> service.applied.contains(1L));
    }

    @Test
    void aDeliveryRefusedByTheRouteIsAnsweredWithItsStatusAndQueuesNothing() {
        String body = issues("edited", 2, "2026-12-07T10:00:00Z");

        assertAnswer(post("issues", "d-1", body, "text/plain"), 415, "application/json");
        assertAnswer(post("issues", null, body, "application/json"), 400, "without a " + GithubDelivery.DELIVERY_ID);
        assertAnswer(post(null, "d-2", body, "application/json"), 400, "without an " + GithubDelivery.EVENT);
        assertAnswer(deliver("issues", "[1,2]"), 400, "not a JSON object");
        assertAnswer(deliver("issues", body.replace("\"number\":2", "\"number\":\"2\"")), 400, "without issue.number");
        assertThat(queue.pending()).as("no place taken").isZero();

        assertAnswer(deliver("issues", body), 202, "accepted");
        assertThat(eventsOf(2, 1)).singleElement().extracting(GithubEvent::deliveries).isEqualTo(1);
    }

    @Test
    void aDeliveryBeyondTheQueueIs503WithRetryAfterTakesNoPlaceAndIsTakenWhenSentAgain() {
        openWith("github.webhook-max-pending=1");
        service.holdFor = 3;
        assertAnswer(deliver("issues", issues("edited", 3, "2026-12-07T10:00:00Z")), 202, "accepted");
        String body = issues("edited", 4, "2026-12-07T10:00:00Z");

        Response full = post("issues", "full-1", body, "application/json");

        assertAnswer(full, 503, "github.webhook-max-pending");
        assertThat(full.header("Retry-After")).isEqualTo(Integer.toString(Admission.QUEUE_FULL_RETRY_AFTER_SECONDS));
        assertThat(queue.pending()).as("the refused delivery took no place").isEqualTo(1);
        // once issue 3 is applied there is room again, and GitHub's redelivery of the refused one is no repeat
        service.release.countDown();
        eventsOf(3, 1);
        await().atMost(WITHIN).until(() -> queue.pending() == 0);
        assertAnswer(post("issues", "full-1", body, "application/json"), 202, "accepted");
        assertThat(eventsOf(4, 1)).singleElement().extracting(GithubEvent::deliveries).isEqualTo(1);
    }

    @Test
    void aPingAnotherEventARepeatAndAnOlderDeliveryAre200AndQueueNothing() {
        service.holdFor = 5;
        String body = issues("edited", 5, "2026-12-07T10:00:05Z");
        assertAnswer(post("issues", "first", body, "application/json"), 202, "accepted");

        assertAnswer(deliver("ping", "{\"zen\":\"Design for failure.\",\"hook_id\":1}"), 200, "pong");
        assertAnswer(deliver("push", "{\"ref\":\"refs/heads/main\"}"), 200, "push");
        assertAnswer(deliver("issues", GithubWebhookTest.issues("octo/other", 5, "2026-12-07T10:00:06Z")), 200, "github.repos");
        assertAnswer(post("issues", "first", body, "application/json"), 200, "already accepted");
        assertAnswer(deliver("issues", issues("edited", 5, "2026-12-07T10:00:00Z")), 200, "older than");
        assertThat(queue.pending()).as("the accepted delivery's place alone").isEqualTo(1);
        service.release.countDown();

        assertThat(eventsOf(5, 1)).singleElement().extracting(GithubEvent::deliveries).isEqualTo(1);
    }

    @Test
    void aBurstForOneIssueIsOneEventAndADeletionAmongThemSticks() {
        assertAnswer(deliver("issues", issues("edited", 6, "2026-12-07T10:00:00Z")), 202, "accepted");
        assertAnswer(deliver("issues", issues("deleted", 6, "2026-12-07T10:00:01Z")), 202, "accepted");
        assertAnswer(deliver("issues", issues("edited", 6, "2026-12-07T10:00:02Z")), 202, "accepted");
        assertAnswer(deliver("issues", issues("edited", 7, "2026-12-07T10:00:00Z")), 202, "accepted");

        List<GithubEvent> burst = eventsOf(6, 3);
        assertThat(burst).singleElement().satisfies(e -> {
            assertThat(e.deliveries()).isEqualTo(3);
            assertThat(e.deleted()).isTrue();
        });
        assertThat(eventsOf(7, 1)).singleElement().extracting(GithubEvent::deleted).isEqualTo(false);
    }

    @Test
    void anEventWhoseApplyingFailsGivesItsPlaceBackAndTheNextIsApplied() {
        service.failFor = 8;
        assertAnswer(deliver("issues", issues("edited", 8, "2026-12-07T10:00:00Z")), 202, "accepted");
        await().atMost(WITHIN).until(() -> service.applied.contains(8L));
        await().atMost(WITHIN).until(() -> queue.pending() == 0);

        assertAnswer(deliver("issues", issues("edited", 9, "2026-12-07T10:00:00Z")), 202, "accepted");

        await().atMost(WITHIN).until(() -> service.applied.contains(9L));
        assertThat(service.applied).containsExactly(8L, 9L);
    }
}
