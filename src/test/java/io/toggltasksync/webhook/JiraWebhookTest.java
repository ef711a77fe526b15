package io.toggltasksync.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static io.toggltasksync.testing.SandboxFixture.P1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.support.HubSignature;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.sync.SyncService;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jira webhooks end to end inside the app: signed deliveries posted to {@code /webhooks/jira},
 * Jira a WireMock Cloud, Toggl the sandbox. Each test starts from an import (a scheduled run),
 * which leaves the sync state the events are planned against.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class JiraWebhookTest {

    static final String SECRET = "webhook-secret-0123456789abcdef";
    static final String JQL = "project in (ALPHA, BETA)";
    static final Duration WITHIN_SECONDS = Duration.ofSeconds(10);

    @Inject
    SyncService service;

    @Inject
    JiraWebhook webhook;

    @Inject
    MeterRegistry registry;

    @RegisterExtension
    static WireMockExtension jira = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    SandboxFixture t;
    SyncSettings settings;

    @BeforeEach
    void imported(SandboxFixture t) {
        this.t = t;
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", equalTo(JQL)).willReturn(okJson(JiraFixture.page(
                JiraFixture.issue("ALPHA-1", "Login page", "indeterminate", null, 3600L), JiraFixture.issue("ALPHA-2", "Signup", "new", null, null)))));
        settings = t.settings(t.write("unused.csv", "external_id,name\n"), JiraFixture.concat(JiraFixture.cloudSettings(jira.baseUrl(), JQL, 100),
                "jira.webhook-secret=" + SECRET, "jira.webhook-coalesce=300ms"));
        SyncRun run = service.runOnce(settings);
        assertThat(run.exitCode()).isZero();
        assertThat(t.sandbox.tasks(P1)).hasSize(2);
        webhook.open(settings);
        t.sandbox.resetCounters();
        jira.resetRequests();
    }

    /** Jira's answer to the search for one issue within the JQL. */
    private static void jiraHas(String key, String... issues) {
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", equalTo("(" + JQL + ") AND issuekey = \"" + key + "\""))
                .willReturn(okJson(JiraFixture.page(issues))));
    }

    private static int oneIssueSearches(String key) {
        return jira.findAll(getRequestedFor(urlPathEqualTo(JiraFixture.CLOUD))
                .withQueryParam("jql", equalTo("(" + JQL + ") AND issuekey = \"" + key + "\""))).size();
    }

    static String event(String type, String key, String summary) {
        return event(type, key, summary, 1764600000000L);
    }

    /** A delivery's body as Jira sends it; {@code timestamp}: when Jira sent it (ms since the epoch), covered by the signature. */
    static String event(String type, String key, String summary, long timestamp) {
        return "{\"timestamp\":" + timestamp + ",\"webhookEvent\":\"" + type + "\",\"issue\":"
                + JiraFixture.issue(key, summary, "indeterminate", null, 3600L) + "}";
    }

    private static int post(String body, String signature, String deliveryId) {
        var request = given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request = request.header("X-Hub-Signature", signature);
        }
        if (deliveryId != null) {
            request = request.header("X-Atlassian-Webhook-Identifier", deliveryId);
        }
        return request.post("/webhooks/jira").statusCode();
    }

    /** A delivery as Jira sends it: signed with the secret, with its own identifier. */
    static int deliver(String body) {
        return post(body, HubSignature.header(SECRET, body.getBytes(StandardCharsets.UTF_8)), UUID.randomUUID().toString());
    }

    private double events(String outcome) {
        var counter = registry.find(WebhookMetrics.EVENTS).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private double deliveries(String outcome) {
        var counter = registry.find(WebhookMetrics.DELIVERIES).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aSignedUpdateRenamesTheTaskWithinSecondsForOneJiraReadAndOneTogglWrite() {
        jiraHas("ALPHA-1", JiraFixture.issue("ALPHA-1", "Login page, with SSO", "indeterminate", null, 3600L));
        double lagsBefore = registry.find(WebhookMetrics.LAG).timer().count();

        assertThat(deliver(event("jira:issue_updated", "ALPHA-1", "Login page, with SSO"))).isEqualTo(202);

        await().atMost(WITHIN_SECONDS).until(() -> t.sandbox.tasks(P1).stream().anyMatch(x -> x.name().equals("ALPHA-1 Login page, with SSO")));
        await().atMost(WITHIN_SECONDS).until(() -> registry.find(WebhookMetrics.LAG).timer().count() > lagsBefore);
        assertThat(oneIssueSearches("ALPHA-1")).isEqualTo(1);
        assertThat(t.sandbox.requestCount("GET")).as("planned against the sync state").isZero();
        assertThat(t.writes()).isEqualTo(1);
        assertThat(t.task(P1, "ALPHA-2 Signup").active()).isTrue();
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("jira_webhook_events_total{outcome=\"applied\"}"))
                .body(org.hamcrest.Matchers.containsString("jira_webhook_deliveries_total{outcome=\"rejected_signature\"}"))
                .body(org.hamcrest.Matchers.containsString("jira_webhook_lag_seconds{quantile=\"0.95\"}"));
    }

    @Test
    void aMissingOrWrongSignatureIsRefusedAndNothingIsReadOrWritten() {
        jiraHas("ALPHA-1", JiraFixture.issue("ALPHA-1", "Hijacked", "indeterminate", null, 3600L));
        String body = event("jira:issue_updated", "ALPHA-1", "Hijacked");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        double refusedBefore = deliveries("rejected_signature");

        assertThat(post(body, null, "d-1")).as("no signature").isEqualTo(401);
        assertThat(post(body, HubSignature.header("another-secret-0123456789", bytes), "d-2")).as("another secret").isEqualTo(401);
        assertThat(post(body, "sha256=zz" + HubSignature.header(SECRET, bytes).substring(9), "d-3")).as("not hex").isEqualTo(401);
        // signed over other bytes than those sent: the same JSON with one more space
        assertThat(post(body + " ", HubSignature.header(SECRET, bytes), "d-4")).as("signature of another body").isEqualTo(401);

        assertThat(deliveries("rejected_signature") - refusedBefore).isEqualTo(4);
        assertThat(jira.findAll(getRequestedFor(urlPathEqualTo(JiraFixture.CLOUD)))).isEmpty();
        assertThat(t.sandbox.totalRequests()).isZero();
        assertThat(t.task(P1, "ALPHA-1 Login page")).isNotNull();
    }

    @Test
    void aBodyThatIsNotJsonIsRefused400AndOneOverTheLimit413() {
        String notJson = "<html>not a webhook</html>";
        assertThat(post(notJson, HubSignature.header(SECRET, notJson.getBytes(StandardCharsets.UTF_8)), "n-1")).isEqualTo(400);
        String noKey = "{\"webhookEvent\":\"jira:issue_updated\",\"issue\":{\"key\":\"ALPHA-1 OR project = SECRET\"}}";
        assertThat(post(noKey, HubSignature.header(SECRET, noKey.getBytes(StandardCharsets.UTF_8)), "n-2"))
                .as("anything but an issue key never reaches a JQL").isEqualTo(400);
        String huge = event("jira:issue_updated", "ALPHA-1", "x".repeat(1_100_000));
        assertThat(post(huge, HubSignature.header(SECRET, huge.getBytes(StandardCharsets.UTF_8)), "n-3")).isEqualTo(413);

        assertThat(jira.findAll(getRequestedFor(urlPathEqualTo(JiraFixture.CLOUD)))).isEmpty();
        assertThat(t.sandbox.totalRequests()).isZero();
    }

    @Test
    void anEventTypeTheMirrorDoesNotUseIsAnsweredAndIgnored() {
        String comment = "{\"webhookEvent\":\"comment_created\",\"comment\":{\"body\":\"hi\"}}";
        double ignoredBefore = deliveries("ignored");

        assertThat(post(comment, HubSignature.header(SECRET, comment.getBytes(StandardCharsets.UTF_8)), "c-1")).isEqualTo(202);

        assertThat(deliveries("ignored") - ignoredBefore).isEqualTo(1);
        assertThat(jira.findAll(getRequestedFor(urlPathEqualTo(JiraFixture.CLOUD)))).isEmpty();
    }

    @Test
    void theSameDeliveryTwiceIsAppliedOnce() {
        jiraHas("ALPHA-1", JiraFixture.issue("ALPHA-1", "Login page v2", "indeterminate", null, 3600L));
        String body = event("jira:issue_updated", "ALPHA-1", "Login page v2");
        String signature = HubSignature.header(SECRET, body.getBytes(StandardCharsets.UTF_8));

        assertThat(post(body, signature, "delivery-42")).isEqualTo(202);
        await().atMost(WITHIN_SECONDS).until(() -> t.writes() == 1);
        // Jira Cloud retries a delivery it thinks failed: same identifier, same body
        double duplicatesBefore = deliveries("duplicate");
        assertThat(post(body, signature, "delivery-42")).isEqualTo(202);
        assertThat(deliveries("duplicate") - duplicatesBefore).isEqualTo(1);
        // events are applied one at a time, in order: once a later one is done, the repeat would have been too
        jiraHas("ALPHA-2", JiraFixture.issue("ALPHA-2", "Signup", "new", null, null));
        double unchangedBefore = events("unchanged");
        assertThat(deliver(event("jira:issue_updated", "ALPHA-2", "Signup"))).isEqualTo(202);
        await().atMost(WITHIN_SECONDS).until(() -> events("unchanged") > unchangedBefore);

        assertThat(oneIssueSearches("ALPHA-1")).as("the repeat costs no Jira read").isEqualTo(1);
        assertThat(t.writes()).isEqualTo(1);
    }

    @Test
    void deliveriesOutOfOrderEndInJirasLatestState() {
        // Jira has v3; the delivery of v3 comes first, the late retry of v2 after it
        jiraHas("ALPHA-1", JiraFixture.issue("ALPHA-1", "Login page v3", "indeterminate", null, 7200L));
        assertThat(deliver(event("jira:issue_updated", "ALPHA-1", "Login page v3"))).isEqualTo(202);
        await().atMost(WITHIN_SECONDS).until(() -> t.writes() == 1);
        double before = events("unchanged");

        assertThat(deliver(event("jira:issue_updated", "ALPHA-1", "Login page v2"))).isEqualTo(202);
        await().atMost(WITHIN_SECONDS).until(() -> events("unchanged") > before);

        assertThat(t.task(P1, "ALPHA-1 Login page v3").estimatedSeconds()).isEqualTo(7200L);
        assertThat(t.writes()).as("the old payload is not trusted").isEqualTo(1);
    }

    @Test
    void anIssueTheJqlDoesNotSelectOrOfAnUnmappedProjectChangesNothing() {
        jiraHas("ALPHA-1");
        jiraHas("GAMMA-7", JiraFixture.issue("GAMMA-7", "Elsewhere", "new", null, null));
        // no default project, no matching by name: GAMMA has no Toggl project (settings of their own: their own state)
        SyncSettings noDefault = t.settings(t.write("unused.csv", "external_id,name\n"), JiraFixture.concat(
                JiraFixture.cloudSettings(jira.baseUrl(), JQL, 100), "jira.webhook-secret=" + SECRET, "jira.webhook-coalesce=300ms",
                "toggl.project-id=", "toggl.project-match=off"));
        assertThat(service.runOnce(noDefault).exitCode()).isZero();
        t.sandbox.resetCounters();
        webhook.open(noDefault);
        double ignoredBefore = events("ignored");

        assertThat(deliver(event("jira:issue_updated", "ALPHA-1", "Moved out of the filter"))).isEqualTo(202);
        assertThat(deliver(event("jira:issue_created", "GAMMA-7", "Elsewhere"))).isEqualTo(202);
        await().atMost(WITHIN_SECONDS).until(() -> events("ignored") - ignoredBefore == 2);

        assertThat(t.sandbox.totalRequests()).isZero();
        assertThat(t.task(P1, "ALPHA-1 Login page").active()).isTrue();
    }

    @Test
    void aDeletedIssuesTaskIsDeactivatedOnceJiraFindsNoSuchIssue() {
        jiraHas("ALPHA-2");

        assertThat(deliver(event("jira:issue_deleted", "ALPHA-2", "Signup"))).isEqualTo(202);

        await().atMost(WITHIN_SECONDS).until(() -> !t.task(P1, "ALPHA-2 Signup").active());
        assertThat(oneIssueSearches("ALPHA-2")).isEqualTo(1);
        assertThat(t.task(P1, "ALPHA-1 Login page").active()).as("only the deleted issue's task").isTrue();
        assertThat(t.writes()).isEqualTo(1);
    }

    @Test
    void aSignedDeleteReplayedUnderANewIdentifierForAnIssueJiraStillHasChangesNothing() {
        // captured once, posted again with another X-Atlassian-Webhook-Identifier: the signature covers only the body
        jiraHas("ALPHA-2", JiraFixture.issue("ALPHA-2", "Signup", "new", null, null));
        double unchangedBefore = events("unchanged");

        assertThat(deliver(event("jira:issue_deleted", "ALPHA-2", "Signup"))).isEqualTo(202);

        await().atMost(WITHIN_SECONDS).until(() -> events("unchanged") > unchangedBefore);
        assertThat(oneIssueSearches("ALPHA-2")).isEqualTo(1);
        assertThat(t.task(P1, "ALPHA-2 Signup").active()).isTrue();
        assertThat(t.sandbox.totalRequests()).isZero();
    }

    @Test
    void aDeliverySentBeforeOneAlreadyAcceptedForTheIssueIsDropped() {
        jiraHas("ALPHA-1", JiraFixture.issue("ALPHA-1", "Login page v3", "indeterminate", null, 3600L));
        assertThat(deliver(event("jira:issue_updated", "ALPHA-1", "Login page v3", 1764600009000L))).isEqualTo(202);
        await().atMost(WITHIN_SECONDS).until(() -> t.writes() == 1);
        double duplicatesBefore = deliveries("duplicate");

        // a signed delete Jira sent earlier, replayed (or retried late) under a new identifier
        assertThat(deliver(event("jira:issue_deleted", "ALPHA-1", "Login page", 1764600001000L))).isEqualTo(202);

        assertThat(deliveries("duplicate") - duplicatesBefore).isEqualTo(1);
        // events are applied one at a time, in order: once a later one is done, the dropped one would have been too
        jiraHas("ALPHA-2", JiraFixture.issue("ALPHA-2", "Signup", "new", null, null));
        double unchangedBefore = events("unchanged");
        assertThat(deliver(event("jira:issue_updated", "ALPHA-2", "Signup", 1764600001000L))).isEqualTo(202);
        await().atMost(WITHIN_SECONDS).until(() -> events("unchanged") > unchangedBefore);
        assertThat(oneIssueSearches("ALPHA-1")).as("the older delivery costs no Jira read").isEqualTo(1);
        assertThat(t.task(P1, "ALPHA-1 Login page v3").active()).isTrue();
        assertThat(t.writes()).isEqualTo(1);
    }

    @Test
    void anUpdateThatComesAfterTheIssueWasDeletedChangesNothing() {
        // JQL naming an issue that does not exist is invalid: Jira answers 400
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", matching(".*issuekey = \"ALPHA-1\"")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[\"An issue with key 'ALPHA-1' does not exist for field 'issuekey'.\"]}")));
        double ignoredBefore = events("ignored");

        assertThat(deliver(event("jira:issue_updated", "ALPHA-1", "Login page"))).isEqualTo(202);
        await().atMost(WITHIN_SECONDS).until(() -> events("ignored") > ignoredBefore);

        assertThat(t.sandbox.totalRequests()).isZero();
    }

    @Test
    void aBurstForOneIssueCostsOneJiraReadAndOneWrite() {
        jiraHas("ALPHA-1", JiraFixture.issue("ALPHA-1", "Login page, final", "done", "Done", 3600L));
        double appliedBefore = events("applied");

        for (int i = 1; i <= 5; i++) {
            assertThat(deliver(event("jira:issue_updated", "ALPHA-1", "Login page, draft " + i))).isEqualTo(202);
        }

        await().atMost(WITHIN_SECONDS).until(() -> events("applied") > appliedBefore);
        assertThat(t.task(P1, "ALPHA-1 Login page, final").active()).isFalse();
        assertThat(oneIssueSearches("ALPHA-1")).isEqualTo(1);
        assertThat(t.writes()).as("rename and done in one PUT").isEqualTo(1);
    }

    @Test
    void withTheQuotaSpentTheEventIsDeferredAndTheNextScheduledRunMirrorsIt() {
        jiraHas("ALPHA-1", JiraFixture.issue("ALPHA-1", "Login page, renamed", "indeterminate", null, 3600L));
        // the next run's incremental search (the issues updated since the import) sees the change too
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", matching("\\(" + "project in \\(ALPHA, BETA\\)" + "\\) AND updated >= .*"))
                .willReturn(okJson(JiraFixture.page(JiraFixture.issue("ALPHA-1", "Login page, renamed", "indeterminate", null, 3600L)))));
        t.sandbox.setQuota(0, 3600);
        double deferredBefore = events("deferred");

        assertThat(deliver(event("jira:issue_updated", "ALPHA-1", "Login page, renamed"))).isEqualTo(202);
        await().atMost(WITHIN_SECONDS).until(() -> events("deferred") > deferredBefore);
        assertThat(t.task(P1, "ALPHA-1 Login page").active()).as("not written: the quota is spent").isTrue();

        t.sandbox.clearQuota();
        SyncRun next = service.runOnce(settings);

        assertThat(next.mode().incremental()).isTrue();
        assertThat(t.task(P1, "ALPHA-1 Login page, renamed")).isNotNull();
        assertThat(next.exitCode()).isZero();
    }

    @Test
    void anEventBeforeTheFirstRunLeftASyncStateIsDeferred() throws Exception {
        java.nio.file.Files.delete(settings.state().stateFile());
        jiraHas("ALPHA-1", JiraFixture.issue("ALPHA-1", "Login page, renamed", "indeterminate", null, 3600L));
        double deferredBefore = events("deferred");

        assertThat(deliver(event("jira:issue_updated", "ALPHA-1", "Login page, renamed"))).isEqualTo(202);
        await().atMost(WITHIN_SECONDS).until(() -> events("deferred") > deferredBefore);

        assertThat(jira.findAll(getRequestedFor(urlPathEqualTo(JiraFixture.CLOUD)))).isEmpty();
        assertThat(t.sandbox.totalRequests()).isZero();
    }

    @Test
    void anIssueOfAProjectFoundByNameIsAppliedFromTheStatesProjectListWithoutATogglRead() {
        // BETA has no map entry: the import finds the Toggl project "Beta" by its key and keeps the list in the state
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", equalTo(JQL)).willReturn(okJson(JiraFixture.page(
                JiraFixture.issue("ALPHA-1", "Login page", "indeterminate", null, 3600L), JiraFixture.issue("ALPHA-2", "Signup", "new", null, null),
                JiraFixture.issue("BETA-1", "Billing", "new", null, null)))));
        SyncSettings byName = t.settings(t.write("unused.csv", "external_id,name\n"), JiraFixture.concat(
                JiraFixture.cloudSettings(jira.baseUrl(), JQL, 100), "jira.webhook-secret=" + SECRET, "jira.webhook-coalesce=300ms",
                "toggl.project-map=ALPHA=" + P1, "sync.full-sweep=true"));
        assertThat(service.runOnce(byName).exitCode()).isZero();
        assertThat(t.task(SandboxFixture.P2, "BETA-1 Billing")).isNotNull();
        webhook.open(byName);
        t.sandbox.resetCounters();
        jiraHas("BETA-1", JiraFixture.issue("BETA-1", "Billing, yearly", "new", null, null));

        assertThat(deliver(event("jira:issue_updated", "BETA-1", "Billing, yearly"))).isEqualTo(202);

        await().atMost(WITHIN_SECONDS).until(() -> t.sandbox.tasks(SandboxFixture.P2).stream()
                .anyMatch(x -> x.name().equals("BETA-1 Billing, yearly")));
        assertThat(t.sandbox.requestCount("GET")).as("neither the project list nor tasks are read").isZero();
        assertThat(t.writes()).isEqualTo(1);
    }

    @Test
    void anIssueOfAProjectOnlyTheDefaultTakesIsAppliedWithoutReadingTheProjectList() {
        // no map at all: GAMMA matches no Toggl project, so its issues go to the default project
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", equalTo("project = GAMMA")).willReturn(okJson(JiraFixture.page(
                JiraFixture.issue("GAMMA-1", "Gateway", "new", null, null)))));
        SyncSettings byDefault = t.settings(t.write("unused.csv", "external_id,name\n"), JiraFixture.concat(
                JiraFixture.cloudSettings(jira.baseUrl(), "project = GAMMA", 100), "jira.webhook-secret=" + SECRET,
                "jira.webhook-coalesce=300ms", "toggl.project-map=", "sync.missing=keep"));
        assertThat(service.runOnce(byDefault).exitCode()).isZero();
        assertThat(t.task(P1, "GAMMA-1 Gateway")).isNotNull();
        webhook.open(byDefault);
        t.sandbox.resetCounters();
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", equalTo("(project = GAMMA) AND issuekey = \"GAMMA-1\""))
                .willReturn(okJson(JiraFixture.page(JiraFixture.issue("GAMMA-1", "Gateway v2", "new", null, null)))));

        assertThat(deliver(event("jira:issue_updated", "GAMMA-1", "Gateway v2"))).isEqualTo(202);

        await().atMost(WITHIN_SECONDS).until(() -> t.sandbox.tasks(P1).stream().anyMatch(x -> x.name().equals("GAMMA-1 Gateway v2")));
        assertThat(t.sandbox.requestCount("GET")).as("the kept project list serves: nothing to find for GAMMA").isZero();
    }

    @Test
    void anEventIsDeferredWhenTheSyncStateAsksForAFullSweep() throws Exception {
        var state = (com.fasterxml.jackson.databind.node.ObjectNode) io.toggltasksync.support.Json.MAPPER.readTree(settings.state().stateFile().toFile());
        state.put("sweep_next", true);
        java.nio.file.Files.writeString(settings.state().stateFile(), state.toString());
        jiraHas("ALPHA-1", JiraFixture.issue("ALPHA-1", "Login page, renamed", "indeterminate", null, 3600L));
        double deferredBefore = events("deferred");

        assertThat(deliver(event("jira:issue_updated", "ALPHA-1", "Login page, renamed"))).isEqualTo(202);
        await().atMost(WITHIN_SECONDS).until(() -> events("deferred") > deferredBefore);

        assertThat(jira.findAll(getRequestedFor(urlPathEqualTo(JiraFixture.CLOUD)))).isEmpty();
        assertThat(t.sandbox.totalRequests()).as("a state known to be wrong is not planned against").isZero();
    }

    @Test
    void aJqlJiraRefusesForAnotherReasonFailsTheEventInsteadOfIgnoringIt() {
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", matching(".*issuekey = \"ALPHA-1\"")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[\"Field 'sprint' cannot be searched\"]}")));
        double failedBefore = events("failed");

        assertThat(deliver(event("jira:issue_updated", "ALPHA-1", "Login page"))).isEqualTo(202);

        await().atMost(WITHIN_SECONDS).until(() -> events("failed") > failedBefore);
        assertThat(t.sandbox.totalRequests()).isZero();
    }
}
