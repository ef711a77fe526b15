package io.toggltasksync.worklogsync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.toggltasksync.testing.SandboxFixture.P1;
import static io.toggltasksync.testing.SandboxFixture.WS;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.model.TimeEntry;
import io.toggltasksync.sandbox.TogglSandbox;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.support.Json;
import io.toggltasksync.sync.SyncService;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import io.toggltasksync.testing.TestSettings;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The worklog sync wired into a Jira run, end to end: the Toggl sandbox's time entries on a mirrored task and
 * with a mirrored issue's key in its description become exactly the Jira POSTs expected (WireMock), after the
 * task sync of the same run; a dry run plans them and sends none.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class WorklogSyncTest {

    private static final String SEARCH = JiraFixture.CLOUD;
    private static final String WORKLOGS = "/rest/api/3/issue/[A-Z]+-[0-9]+/worklog";
    private static final DateTimeFormatter JIRA_STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

    @Inject
    SyncService service;

    @Inject
    MeterRegistry registry;

    @RegisterExtension
    static WireMockExtension jira = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    SandboxFixture t;

    @BeforeEach
    void start() {
        jira.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson("{\"issues\":[" + JiraFixture.issue("ALPHA-1", "Login page", "new", null, null)
                + "," + JiraFixture.issue("ALPHA-2", "Signup", "new", null, null) + "],\"isLast\":true}")));
        jira.stubFor(get(urlPathMatching(WORKLOGS)).willReturn(okJson("{\"startAt\":0,\"maxResults\":5000,\"total\":0,\"worklogs\":[]}")));
        jira.stubFor(post(urlPathMatching(WORKLOGS)).willReturn(aResponse().withStatus(201).withBody("{\"id\":\"10001\"}")));
    }

    private TestSettings settings(String... overrides) {
        return t.testSettings().overrides(JiraFixture.cloudSettings(jira.baseUrl(), "project = ALPHA", 50)).overrides(overrides);
    }

    private SyncRun sync(String... overrides) {
        TestSettings s = settings(overrides);
        return service.runOnce(s.load(), s.worklogs());
    }

    /** The task sync mirrors ALPHA-1 and ALPHA-2; then two finished entries: one on ALPHA-1's task, one naming ALPHA-2. */
    private TimeEntry[] entries() {
        assertThat(sync().exitCode()).isZero();
        long task = t.task(P1, "ALPHA-1 Login page").id();
        Instant start = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TimeEntry onTask = t.sandbox.addTimeEntry(WS, TogglSandbox.REQUESTER_USER_ID, TogglSandbox.REQUESTER_NAME, P1, task, "login form",
                start, start.plusSeconds(30 * 60 + 20));
        TimeEntry byDescription = t.sandbox.addTimeEntry(WS, TogglSandbox.REQUESTER_USER_ID, TogglSandbox.REQUESTER_NAME, null, null,
                "ALPHA-2 signup mail", start.plusSeconds(3600), start.plusSeconds(3600 + 15 * 60));
        // neither mirrored nor a key: skipped
        t.sandbox.addTimeEntry(WS, TogglSandbox.REQUESTER_USER_ID, TogglSandbox.REQUESTER_NAME, null, null, "lunch",
                start.plusSeconds(7200), start.plusSeconds(7200 + 600));
        jira.resetRequests();
        return new TimeEntry[] {onTask, byDescription};
    }

    @Test
    @SuppressWarnings("unchecked")
    void aJiraRunWithWorklogsPostsOneWorklogPerEntryOnItsIssue() {
        TimeEntry[] e = entries();
        double createdBefore = writes("created");

        SyncRun run = sync("worklog.sync=true");

        assertThat(run.exitCode()).isZero();
        jira.verify(2, postRequestedFor(urlPathMatching(WORKLOGS)));
        jira.verify(1, postRequestedFor(urlPathEqualTo("/rest/api/3/issue/ALPHA-1/worklog"))
                .withQueryParam("notifyUsers", equalTo("false"))
                .withQueryParam("adjustEstimate", equalTo("auto"))
                .withRequestBody(matchingJsonPath("$.started", equalTo(JIRA_STARTED.format(e[0].start()))))
                .withRequestBody(matchingJsonPath("$.timeSpentSeconds", equalTo("1860")))
                .withRequestBody(matchingJsonPath("$.properties[0].key", equalTo("toggl-task-sync")))
                .withRequestBody(matchingJsonPath("$.properties[0].value.key", equalTo("entry:" + e[0].id())))
                .withRequestBody(matchingJsonPath("$.properties[0].value.workspace_id", equalTo(String.valueOf(WS)))));
        jira.verify(1, postRequestedFor(urlPathEqualTo("/rest/api/3/issue/ALPHA-2/worklog"))
                .withQueryParam("notifyUsers", equalTo("false"))
                .withRequestBody(matchingJsonPath("$.started", equalTo(JIRA_STARTED.format(e[1].start()))))
                .withRequestBody(matchingJsonPath("$.timeSpentSeconds", equalTo("900")))
                .withRequestBody(matchingJsonPath("$.properties[0].value.key", equalTo("entry:" + e[1].id()))));
        // every mirrored issue's worklogs are read, with the window's bound and the properties
        jira.verify(2, getRequestedFor(urlPathMatching(WORKLOGS)).withQueryParam("expand", equalTo("properties")));
        Map<String, Object> worklogs = (Map<String, Object>) t.report().get("worklogs");
        assertThat(worklogs).containsEntry("status", "done").containsEntry("created", 2).containsEntry("failed", 0)
                .containsEntry("mirrored_issues", 2).containsEntry("entries_read", 3).doesNotContainKey("plan");
        assertThat((Map<String, Object>) worklogs.get("skipped")).containsEntry("no_issue", 1);
        assertThat((Map<String, Object>) worklogs.get("calls")).containsEntry("jira", 4);
        assertThat(t.report()).containsEntry("exit_code", 0);
        assertThat(writes("created") - createdBefore).isEqualTo(2);
        assertThat(registry.find("sync_last_run_worklogs").tag("outcome", "created").gauge().value()).isEqualTo(2);
        assertThat(registry.find("sync_last_run_worklogs").tag("outcome", "failed").gauge().value()).isZero();
    }

    private double writes(String outcome) {
        var counter = registry.find("worklog_writes_total").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDryRunPlansTheWorklogsAndPostsNone() {
        entries();

        SyncRun run = sync("worklog.sync=true", "sync.dry-run=true");

        assertThat(run.exitCode()).isZero();
        jira.verify(0, postRequestedFor(urlPathMatching(WORKLOGS)));
        Map<String, Object> worklogs = (Map<String, Object>) t.report().get("worklogs");
        assertThat(worklogs).containsEntry("created", 0);
        assertThat((Map<String, Object>) worklogs.get("plan")).containsEntry("create", 2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anIssueWhoseWorklogsJiraDoesNotShowGetsNoWorklog() {
        entries();
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/ALPHA-2/worklog")).willReturn(aResponse().withStatus(404)
                .withBody("{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"]}")));

        SyncRun run = sync("worklog.sync=true");

        assertThat(run.exitCode()).isZero();
        jira.verify(1, postRequestedFor(urlPathMatching(WORKLOGS)));
        jira.verify(1, postRequestedFor(urlPathEqualTo("/rest/api/3/issue/ALPHA-1/worklog")));
        Map<String, Object> worklogs = (Map<String, Object>) t.report().get("worklogs");
        assertThat(worklogs).containsEntry("created", 1).containsEntry("unreadable_issues", 1);
        assertThat((Map<String, Object>) worklogs.get("skipped")).containsEntry("unreadable_issue", 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTokenThatSeesOnlyItsOwnEntriesDeletesNoWorklogAndExitsOne() {
        entries();
        t.sandbox.setWorkspaceAdmin(false);
        // ours, of an entry the token does not see (another user's, or deleted: it cannot tell)
        String started = JIRA_STARTED.format(Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/ALPHA-1/worklog")).willReturn(okJson("{\"startAt\":0,\"maxResults\":5000,"
                + "\"total\":1,\"worklogs\":[{\"id\":\"10077\",\"started\":\"" + started + "\",\"timeSpentSeconds\":600,\"properties\":"
                + "[{\"key\":\"toggl-task-sync\",\"value\":{\"key\":\"entry:999\",\"workspace_id\":" + WS + ",\"entry_ids\":[999]}}]}]}")));

        SyncRun run = sync("worklog.sync=true");

        assertThat(run.exitCode()).isEqualTo(1);
        jira.verify(0, deleteRequestedFor(urlPathMatching(WORKLOGS + "/.*")));
        jira.verify(2, postRequestedFor(urlPathMatching(WORKLOGS)));
        Map<String, Object> worklogs = (Map<String, Object>) t.report().get("worklogs");
        assertThat(worklogs).containsEntry("withheld_deletions", 1).containsEntry("deleted", 0).containsEntry("sees_all_users", false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWorklogWhoseEntryIsNotInTheLookbackIsLookedUpByIdInTheYearBeforeItThenDeleted() throws Exception {
        entries();
        String started = JIRA_STARTED.format(Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/ALPHA-1/worklog")).willReturn(okJson("{\"startAt\":0,\"maxResults\":5000,"
                + "\"total\":1,\"worklogs\":[{\"id\":\"10077\",\"started\":\"" + started + "\",\"timeSpentSeconds\":600,\"properties\":"
                + "[{\"key\":\"toggl-task-sync\",\"value\":{\"key\":\"day:7:2026-12-01\",\"workspace_id\":" + WS
                + ",\"entry_ids\":[999,998]}}]}]}")));
        jira.stubFor(delete(urlPathMatching(WORKLOGS + "/.*")).willReturn(aResponse().withStatus(204)));
        t.sandbox.resetCounters();

        SyncRun run = sync("worklog.sync=true", "sync.max-missing-ratio=1");

        assertThat(run.exitCode()).isZero();
        jira.verify(1, deleteRequestedFor(urlPathEqualTo("/rest/api/3/issue/ALPHA-1/worklog/10077")));
        Map<String, Object> worklogs = (Map<String, Object>) t.report().get("worklogs");
        assertThat(worklogs).containsEntry("deleted", 1).containsEntry("created", 2);
        // the token user is in UTC (the sandbox's default); the look-up's dates with a day of margin either side
        LocalDate windowStart = LocalDate.ofInstant(Instant.parse((String) worklogs.get("window_start")), ZoneOffset.UTC);
        List<String> searches = t.sandbox.requests().stream().filter(r -> r.path().endsWith("/search/time_entries"))
                .map(TogglSandbox.RecordedRequest::body).toList();
        assertThat(searches).hasSize(2);
        assertThat(Json.MAPPER.readTree(searches.get(1))).isEqualTo(Json.MAPPER.readTree("{\"start_date\":\""
                + windowStart.minusDays(364) + "\",\"end_date\":\"" + windowStart.plusDays(1) + "\",\"time_entry_ids\":[998,999],"
                + "\"page_size\":50}"));
        assertThat(Json.MAPPER.readTree(searches.get(0)).has("time_entry_ids")).as("the window's search has no filter").isFalse();
    }

    @Test
    void withoutTheSwitchARunReadsNoWorklogs() {
        entries();

        assertThat(sync().exitCode()).isZero();

        jira.verify(0, getRequestedFor(urlPathMatching(WORKLOGS)));
        jira.verify(0, postRequestedFor(urlPathMatching(WORKLOGS)));
        assertThat(t.report()).doesNotContainKey("worklogs");
    }
}
