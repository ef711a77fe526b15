package io.toggltasksync.source.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.toggltasksync.testing.SandboxFixture.P1;
import static org.assertj.core.api.Assertions.assertThat;
import static io.toggltasksync.testing.JiraFixture.issue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.sync.SyncService;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Jira mirror whose runs, once the sync state knows the last search, ask Jira only for the issues
 * updated since (WireMock Jira Cloud, sandbox Toggl).
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class JiraIncrementalSyncTest {

    static final String JQL = "project in (ALPHA, BETA)";
    /** The narrowed search: the JQL and a relative window, never an absolute date. */
    static final String NARROWED = "\\(project in \\(ALPHA, BETA\\)\\) AND updated >= \"-\\d+m\"";

    @Inject
    SyncService service;

    @RegisterExtension
    static WireMockExtension jira = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    SandboxFixture t;

    @BeforeEach
    void start() {
        fullSearchAnswers(issue("ALPHA-1", "Login page", "indeterminate", null, 3600L), issue("ALPHA-2", "Signup", "new", null, null),
                issue("BETA-1", "Billing", "new", null, 7200L));
        narrowedSearchAnswers();
    }

    private void fullSearchAnswers(String... issues) {
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", equalTo(JQL))
                .willReturn(okJson("{\"issues\":[" + String.join(",", issues) + "],\"isLast\":true}")));
    }

    private void narrowedSearchAnswers(String... issues) {
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", matching(NARROWED))
                .willReturn(okJson("{\"issues\":[" + String.join(",", issues) + "],\"isLast\":true}")));
    }

    private SyncRun sync(String... more) {
        t.sandbox.resetCounters();
        jira.resetRequests();
        return service.runOnce(t.settings(JiraFixture.concat(JiraFixture.cloudSettings(jira.baseUrl(), JQL, 100), more)));
    }

    /** The import (a full sweep: no state yet); from then on the state knows Toggl's time and the last search. */
    private void imported() {
        assertThat(sync().mode().incremental()).isFalse();
    }

    @Test
    void theRunAfterTheImportAsksJiraOnceAndTogglOncePerProjectAndWritesNothing() {
        imported();

        SyncRun run = sync();

        assertThat(run.mode().incremental()).isTrue();
        assertThat(run.sourceRead().calls().getAsLong()).isEqualTo(1);
        jira.verify(1, getRequestedFor(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", matching(NARROWED)));
        assertThat(t.sandbox.requestCount("GET")).as("one page per target project").isLessThanOrEqualTo(2);
        assertThat(t.writes()).isZero();
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aStateFileOfTheVersionBeforeSourcesKeptCursorsCostsNoSweep() throws Exception {
        Path file = sync().settings().state().stateFile();
        // the shape the version before wrote: the Jira cursor at the top of the file
        var state = (com.fasterxml.jackson.databind.node.ObjectNode) io.toggltasksync.support.Json.MAPPER.readTree(file.toFile());
        var cursor = state.remove("sources").get("jira");
        state.set("jira_cursor", cursor.get("cursor"));
        state.set("jira_time", cursor.get("time"));
        java.nio.file.Files.write(file, io.toggltasksync.support.Json.MAPPER.writeValueAsBytes(state));

        SyncRun run = sync();

        assertThat(run.mode().incremental()).as(run.mode().reason()).isTrue();
        jira.verify(1, getRequestedFor(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", matching(NARROWED)));
        assertThat(io.toggltasksync.support.Json.MAPPER.readTree(file.toFile()).at("/sources/jira/cursor").asLong())
                .as("the cursor this run left, under the source's name").isEqualTo(run.started().getEpochSecond());
    }

    @Test
    void anIssueChangedInJiraIsSyncedOnTheNextIncrementalRun() {
        imported();
        narrowedSearchAnswers(issue("ALPHA-1", "Login page, with SSO", "done", "Done", 3600L));

        SyncRun run = sync();

        assertThat(run.mode().incremental()).isTrue();
        assertThat(t.task(P1, "ALPHA-1 Login page, with SSO").active()).isFalse();
        assertThat(t.task(P1, "ALPHA-2 Signup").active()).as("issues that did not change stay as they are").isTrue();
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void anIssueGoneFromJiraIsDeactivatedOnTheNextFullSweepAndNotBefore() {
        imported();
        fullSearchAnswers(issue("ALPHA-1", "Login page", "indeterminate", null, 3600L), issue("BETA-1", "Billing", "new", null, 7200L));

        SyncRun incremental = sync();

        assertThat(incremental.mode().incremental()).isTrue();
        assertThat(t.task(P1, "ALPHA-2 Signup").active()).as("an incremental search cannot see that it is gone").isTrue();
        assertThat(t.writes()).isZero();

        SyncRun sweep = sync("sync.full-sweep=true");

        assertThat(sweep.mode().incremental()).isFalse();
        assertThat(t.task(P1, "ALPHA-2 Signup").active()).isFalse();
        assertThat(sweep.exitCode()).isZero();
    }

    @Test
    void anIssueGoneFromJiraMidSweepIsDeactivatedByTheRunThatCompletesTheSweepAndNotBefore() throws java.io.IOException {
        imported();
        fullSearchAnswers(issue("ALPHA-1", "Login page", "indeterminate", null, 3600L), issue("BETA-1", "Billing", "new", null, 7200L));

        SyncRun midSweep = sync();

        assertThat(midSweep.mode().incremental()).isTrue();
        jira.verify(1, getRequestedFor(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", matching(NARROWED)));
        assertThat(t.task(P1, "ALPHA-2 Signup").active()).as("the sweep is not complete: nothing is called gone").isTrue();

        io.toggltasksync.testing.SweepAging.age(t.dir.resolve("sync-state.json"), 1.0, null);
        SyncRun completing = sync();

        assertThat(completing.mode().incremental()).as("spread: the run reads the sweep's last pages besides its own").isTrue();
        jira.verify(1, getRequestedFor(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", equalTo(JQL)));
        assertThat(t.task(P1, "ALPHA-2 Signup").active()).as("decided from the whole sweep, Jira's side searched in full").isFalse();
        assertThat(((java.util.Map<?, ?>) t.report().get("sweep")).get("complete")).isEqualTo(true);
        assertThat(completing.exitCode()).isZero();
    }

    @Test
    void theWindowIsRelativeSoNoTimeZoneOrClockDifferenceOpensAGap() {
        imported();

        SyncRun run = sync();

        // Jira reads an absolute date in the searching user's time zone; "-Nm" counts back from
        // Jira's own now. N covers the time since the last search began plus 10 minutes of overlap.
        assertThat(((JiraClock) run.sourceRead()).window().minutes()).as("seconds since the last search, rounded up to minutes, + 10").isBetween(10L, 11L);
        jira.verify(1, getRequestedFor(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql",
                equalTo("(" + JQL + ") AND updated >= \"-" + ((JiraClock) run.sourceRead()).window().minutes() + "m\"")));
    }

    @Test
    void whenJirasClockSaysMoreTimePassedThanThisMachinesTheSearchWidensAndMissesNothing() {
        // Jira's Date: the import's search began at 08:00 by Jira's clock; the next one, seconds
        // later by this machine's clock, is answered at 10:00 by Jira's (say, this machine's clock
        // was set back, or the last run ran on another node)
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", equalTo(JQL)).willReturn(okJson("{\"issues\":["
                + String.join(",", issue("ALPHA-1", "Login page", "indeterminate", null, 3600L), issue("ALPHA-2", "Signup", "new", null, null),
                        issue("BETA-1", "Billing", "new", null, 7200L)) + "],\"isLast\":true}").withHeader("Date", "Mon, 30 Nov 2026 08:00:00 GMT")));
        imported();
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", matching(NARROWED))
                .willReturn(okJson("{\"issues\":[],\"isLast\":true}").withHeader("Date", "Mon, 30 Nov 2026 10:00:00 GMT")));
        // only a window that reaches back to 08:00 by Jira's clock sees the change made at 08:30
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", equalTo("(" + JQL + ") AND updated >= \"-130m\""))
                .willReturn(okJson("{\"issues\":[" + issue("ALPHA-2", "Signup, by e-mail", "new", null, null) + "],\"isLast\":true}")
                        .withHeader("Date", "Mon, 30 Nov 2026 10:00:01 GMT")));

        SyncRun run = sync();

        assertThat(run.mode().incremental()).isTrue();
        assertThat(((JiraClock) run.sourceRead()).window().minutes()).as("120 minutes by Jira's clock + 10").isEqualTo(130);
        assertThat(run.sourceRead().calls().getAsLong()).as("one more search, only because the clocks disagreed").isEqualTo(2);
        assertThat(t.task(P1, "ALPHA-2 Signup, by e-mail")).isNotNull();
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void anIncrementalSearchWhosePagesOverlapIsReadAgainAndLosesNoChange() {
        imported();
        // first pass: ALPHA-1 on both pages (the issues moved while it was read, ALPHA-2's change fell between the pages);
        // read again: both changes
        String alpha1 = issue("ALPHA-1", "Login page, with SSO", "indeterminate", null, 3600L);
        String alpha2 = issue("ALPHA-2", "Signup, by e-mail", "new", null, null);
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", matching(NARROWED)).withQueryParam("nextPageToken", absent())
                .willReturn(okJson("{\"issues\":[" + alpha1 + "],\"nextPageToken\":\"p2\",\"isLast\":false}")));
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("nextPageToken", equalTo("p2")).inScenario("moved")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("{\"issues\":[" + alpha1 + "],\"isLast\":true}")).willSetStateTo("settled"));
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("nextPageToken", equalTo("p2")).inScenario("moved")
                .whenScenarioStateIs("settled").willReturn(okJson("{\"issues\":[" + alpha2 + "],\"isLast\":true}")));

        SyncRun run = sync();

        assertThat(run.mode().incremental()).isTrue();
        assertThat(run.sourceRead().calls().getAsLong()).isEqualTo(4);
        assertThat(t.task(P1, "ALPHA-1 Login page, with SSO")).isNotNull();
        assertThat(t.task(P1, "ALPHA-2 Signup, by e-mail")).as("the change the first pass skipped").isNotNull();
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void anOrderByStaysAtTheEndOfTheNarrowedSearch() {
        assertThat(new JiraWindow(15).narrow("project = ALPHA order by key DESC"))
                .isEqualTo("(project = ALPHA) AND updated >= \"-15m\" order by key DESC");
        assertThat(new JiraWindow(15).narrow(" assignee = currentUser() OR reporter = currentUser() "))
                .isEqualTo("(assignee = currentUser() OR reporter = currentUser()) AND updated >= \"-15m\"");
    }
}
