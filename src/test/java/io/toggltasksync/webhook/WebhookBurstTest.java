package io.toggltasksync.webhook;

import static io.toggltasksync.testing.SandboxFixture.P1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.config.WebhookSettings;
import io.toggltasksync.support.HubSignature;
import io.toggltasksync.testing.JiraStandIn;
import io.toggltasksync.testing.JiraStandIn.Issue;
import io.toggltasksync.testing.JiraStandIn.SearchHold;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.sync.SyncService;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deliveries while a run holds the sync lock (issue events wait for it): each is answered at once,
 * accepted while the queue of pending events has room and refused with 503 and {@code Retry-After}
 * beyond it, and what was refused is mirrored by the next run. The run is held in its Jira search by
 * the stand-in ({@link JiraStandIn#holdNextSearch}), for as long as the test wants; the deliveries go
 * over the app's HTTP port, each answer timed.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class WebhookBurstTest {

    static final String SECRET = "burst-test-secret-0123456789";
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(1);
    static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    SyncService service;

    @Inject
    JiraWebhook webhook;

    @Inject
    EventQueue queue;

    @Inject
    MeterRegistry registry;

    @TestHTTPResource("/webhooks/jira")
    URI url;

    SandboxFixture t;
    JiraStandIn jira;
    SearchHold hold;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void imported(SandboxFixture t) {
        this.t = t;
        jira = JiraStandIn.start().setIssues(Issue.open("ALPHA-1", "Login page"), Issue.open("ALPHA-2", "Signup"),
                Issue.open("ALPHA-3", "Search"));
    }

    @AfterEach
    void letGo() {
        if (hold != null) {
            hold.release();
        }
        // the events accepted are applied before the next test opens the receiver with its own settings
        await().atMost(WITHIN).until(() -> queue.pending() == 0);
        jira.close();
    }

    /** The mirror made by a first run, the receiver open with {@code maxPending} places; the issues then age (the next runs' incremental searches skip them). */
    private SyncSettings mirroredAndOpen(int maxPending) {
        SyncSettings settings = t.testSettings(t.write("unused.csv", "external_id,name\n")).overrides(jira.cloudSettings(
                "jira.webhook-secret=" + SECRET, "jira.webhook-coalesce=50ms", "jira.webhook-max-pending=" + maxPending)).load();
        assertThat(service.runOnce(settings).exitCode()).isZero();
        long imported = java.time.Instant.now().getEpochSecond();
        assertThat(t.sandbox.tasks(P1)).hasSize(3);
        jira.ageIssues(Duration.ofHours(1));
        await().atMost(WITHIN).until(() -> queue.pending() == 0);
        webhook.open(settings);
        // the held run must begin in a later second than the import's search (the state keeps it to the second):
        // else its window is the bare overlap, Jira's clock says a second more, and it searches again after the hold
        await().atMost(WITHIN).until(() -> java.time.Instant.now().getEpochSecond() > imported);
        return settings;
    }

    /** A run started in the background and held in its Jira search: it holds the sync lock until {@link #hold} is released. */
    private CompletableFuture<SyncRun> heldRun(SyncSettings settings) throws InterruptedException {
        hold = jira.holdNextSearch();
        CompletableFuture<SyncRun> run = CompletableFuture.supplyAsync(() -> service.runOnce(settings));
        hold.awaitHeld(WITHIN);
        return run;
    }

    record Answer(int status, String retryAfter, Duration took) {
    }

    /** A signed {@code jira:issue_updated} for {@code key}, as Jira sends it; its answer timed (a client timeout of 5 s). */
    private Answer deliver(String key) throws Exception {
        String body = "{\"timestamp\":" + System.currentTimeMillis() + ",\"webhookEvent\":\"jira:issue_updated\",\"issue\":"
                + io.toggltasksync.testing.JiraFixture.issue(key, "changed", "new", null, null) + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .header(JiraWebhook.SIGNATURE, HubSignature.header(SECRET, bytes))
                .header(JiraWebhook.DELIVERY_ID, UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(answer.statusCode(), answer.headers().firstValue("Retry-After").orElse(null),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (java.net.http.HttpTimeoutException e) {
            return new Answer(0, null, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private double deliveries(String outcome) {
        return registry.counter(WebhookMetrics.DELIVERIES, "outcome", outcome).count();
    }

    @Test
    void duringALongRunAFullQueueRefusesAtOnceTheAcceptedAreAppliedAfterItAndTheNextRunMirrorsTheRefused() throws Exception {
        SyncSettings settings = mirroredAndOpen(2);
        CompletableFuture<SyncRun> longRun = heldRun(settings);
        // the issues change in Jira while the run is held (its search was answered before)
        jira.setIssues(Issue.open("ALPHA-1", "Login page v2"), Issue.open("ALPHA-2", "Signup v2"), Issue.open("ALPHA-3", "Search v2"));
        double refusedBefore = deliveries("rejected_queue_full");

        Answer first = deliver("ALPHA-1");
        Answer second = deliver("ALPHA-2");
        Answer beyond = deliver("ALPHA-3");

        assertThat(List.of(first.status(), second.status(), beyond.status())).containsExactly(202, 202, 503);
        assertThat(List.of(first, second, beyond)).allSatisfy(a -> assertThat(a.took()).isLessThan(ANSWER_WITHIN));
        assertThat(beyond.retryAfter()).isEqualTo(Integer.toString(Admission.QUEUE_FULL_RETRY_AFTER_SECONDS));
        assertThat(deliveries("rejected_queue_full") - refusedBefore).isEqualTo(1);
        assertThat(longRun).as("all answered while the run held the lock").isNotDone();
        assertThat(queue.pending()).isEqualTo(2);

        hold.release();
        assertThat(longRun.get(WITHIN.toSeconds(), TimeUnit.SECONDS).exitCode()).isZero();
        await().atMost(WITHIN).until(() -> t.sandbox.tasks(P1).stream().filter(x -> x.name().endsWith(" v2")).count() == 2);
        await().atMost(WITHIN).until(() -> queue.pending() == 0);
        assertThat(t.task(P1, "ALPHA-1 Login page v2").active()).isTrue();
        assertThat(t.task(P1, "ALPHA-2 Signup v2").active()).isTrue();
        assertThat(t.task(P1, "ALPHA-3 Search")).as("refused: no event for it").isNotNull();

        // the next scheduled run: its incremental search finds the issue updated in Jira
        SyncRun next = service.runOnce(settings);

        assertThat(next.exitCode()).isZero();
        assertThat(next.mode().incremental()).isTrue();
        assertThat(t.task(P1, "ALPHA-3 Search v2").active()).isTrue();
    }

    @Test
    void aBurstOfMoreDistinctIssuesThanTheQueueHoldsIsAnsweredWithinASecondEachWhileARunHoldsTheLock() throws Exception {
        int cap = WebhookSettings.DEFAULT_MAX_PENDING;
        int burst = cap + 200;
        SyncSettings settings = mirroredAndOpen(cap);
        CompletableFuture<SyncRun> longRun = heldRun(settings);

        // Jira sends deliveries concurrently: a few at a time, each for an issue of its own
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<Answer>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < burst; i++) {
                String key = "ALPHA-" + (1000 + i);
                sent.add(senders.submit(() -> deliver(key)));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : sent) {
                answers.add(f.get(WITHIN.toSeconds(), TimeUnit.SECONDS));
            }

            assertThat(answers).allSatisfy(a -> assertThat(a.took()).isLessThan(ANSWER_WITHIN));
            assertThat(answers.stream().filter(a -> a.status() == 202)).hasSize(cap);
            assertThat(answers.stream().filter(a -> a.status() == 503)).hasSize(burst - cap)
                    .allSatisfy(a -> assertThat(a.retryAfter()).isNotNull());
            assertThat(longRun).isNotDone();
        } finally {
            senders.shutdownNow();
            hold.release();
        }
        assertThat(longRun.get(WITHIN.toSeconds(), TimeUnit.SECONDS).exitCode()).isZero();
    }
}
