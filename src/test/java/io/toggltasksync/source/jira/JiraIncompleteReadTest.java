package io.toggltasksync.source.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.toggltasksync.testing.JiraFixture.dataCenterPage;
import static io.toggltasksync.testing.SandboxFixture.P1;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.sync.SyncService;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Jira search whose pages do not add up (fewer issues than its {@code total}, pages that overlap)
 * is an incomplete read: it is read again once, and if it is still incomplete the run ends with exit
 * 2 and nothing is called missing (WireMock Jira, sandbox Toggl). Ten issues ALPHA-1..10 are imported
 * by a complete read first.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class JiraIncompleteReadTest {

    static final String DC = "/rest/api/2/search";
    static final String CLOUD = JiraFixture.CLOUD;
    /** Every run reads every issue: only a full search may call an issue gone (incremental reads: JiraIncrementalSyncTest). */
    static final String SWEEP = "sync.full-sweep=true";

    @Inject
    SyncService service;

    @RegisterExtension
    static WireMockExtension jira = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    SandboxFixture t;

    private static String issue(int n) {
        return JiraFixture.issue("ALPHA-" + n, "Task " + n, "new", null, null);
    }

    /** The issues numbered from..to (inclusive). */
    private static String[] issues(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(JiraIncompleteReadTest::issue).toArray(String[]::new);
    }

    private void dataCenterAnswers(int startAt, String page) {
        jira.stubFor(get(urlPathEqualTo(DC)).withQueryParam("startAt", equalTo(Integer.toString(startAt))).willReturn(okJson(page)));
    }

    private SyncRun dataCenterSync() {
        return service.runOnce(t.settings(JiraFixture.concat(JiraFixture.dataCenterSettings(jira.baseUrl(), "project = ALPHA", 5), SWEEP)));
    }

    private SyncRun cloudSync() {
        return service.runOnce(t.settings(JiraFixture.concat(JiraFixture.cloudSettings(jira.baseUrl(), "project = ALPHA", 5), SWEEP)));
    }

    /** ALPHA-1..10 imported by a complete Data Center read of two pages. */
    private void imported() {
        dataCenterAnswers(0, dataCenterPage(0, 10, issues(1, 5)));
        dataCenterAnswers(5, dataCenterPage(5, 10, issues(6, 10)));
        assertThat(dataCenterSync().exitCode()).isZero();
        assertThat(t.sandbox.tasks(P1)).hasSize(10).allMatch(TogglTask::active);
        jira.resetAll();
        t.sandbox.resetCounters();
    }

    private long activeTasks() {
        return t.sandbox.tasks(P1).stream().filter(TogglTask::active).count();
    }

    @Test
    void fewerIssuesThanTheTotalAreReadAgainThenTheRunAbortsAndNothingIsDeactivated() {
        imported();
        // total=10, but the pages hold 6 issues and then an empty page: 4 would look gone
        dataCenterAnswers(0, dataCenterPage(0, 10, issues(1, 6)));
        dataCenterAnswers(6, dataCenterPage(6, 10));

        SyncRun run = dataCenterSync();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(activeTasks()).isEqualTo(10);
        assertThat(t.writes()).isZero();
        assertThat(run.sourceRead().calls().getAsLong()).as("the read, and once again from the first page").isEqualTo(4);
        jira.verify(2, getRequestedFor(urlPathEqualTo(DC)).withQueryParam("startAt", equalTo("0")));
        assertThat((String) t.report().get("error")).contains("reading the source").contains("incomplete")
                .contains("total=10").contains("6 issue(s)");
    }

    @Test
    void overlappingDataCenterPagesAreAnIncompleteRead() {
        imported();
        // ALPHA-4 left the result between the pages: page 2 starts one later than it would have, ALPHA-5 comes twice
        dataCenterAnswers(0, dataCenterPage(0, 10, issues(1, 5)));
        dataCenterAnswers(5, dataCenterPage(5, 10, issues(5, 9)));

        SyncRun run = dataCenterSync();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(activeTasks()).isEqualTo(10);
        assertThat((String) t.report().get("error")).contains("ALPHA-5 came twice");
    }

    @Test
    void aTotalThatChangesBetweenPagesIsAnIncompleteRead() {
        imported();
        // an issue left while the search was read: whichever it was, page 2 may have skipped one
        dataCenterAnswers(0, dataCenterPage(0, 10, issues(1, 5)));
        dataCenterAnswers(5, dataCenterPage(5, 9, issues(7, 10)));

        SyncRun run = dataCenterSync();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(activeTasks()).isEqualTo(10);
        assertThat((String) t.report().get("error")).contains("total changed from 10 to 9");
    }

    @Test
    void overlappingCloudPagesAreAnIncompleteRead() {
        imported();
        jira.stubFor(get(urlPathEqualTo(CLOUD)).withQueryParam("nextPageToken", absent()).willReturn(okJson(
                "{\"issues\":[" + String.join(",", issues(1, 5)) + "],\"nextPageToken\":\"p2\",\"isLast\":false}")));
        jira.stubFor(get(urlPathEqualTo(CLOUD)).withQueryParam("nextPageToken", equalTo("p2")).willReturn(okJson(
                "{\"issues\":[" + String.join(",", issues(5, 8)) + "],\"isLast\":true}")));

        SyncRun run = cloudSync();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(activeTasks()).isEqualTo(10);
        assertThat(run.sourceRead().calls().getAsLong()).isEqualTo(4);
        assertThat((String) t.report().get("error")).contains("ALPHA-5 came twice");
    }

    @Test
    void aCloudPageThatIsNotTheLastButHasNoTokenIsAnIncompleteRead() {
        imported();
        jira.stubFor(get(urlPathEqualTo(CLOUD)).willReturn(okJson(
                "{\"issues\":[" + String.join(",", issues(1, 8)) + "],\"isLast\":false}")));

        SyncRun run = cloudSync();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(activeTasks()).isEqualTo(10);
        assertThat((String) t.report().get("error")).contains("isLast=false");
    }

    @Test
    void anIncompleteReadThatIsCompleteTheSecondTimeGoesOnAndDeactivatesWhatIsGone() {
        imported();
        // first pass: total=9 but 6 issues; second pass: the 9 issues (ALPHA-10 is gone)
        jira.stubFor(get(urlPathEqualTo(DC)).withQueryParam("startAt", equalTo("0")).inScenario("read").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(dataCenterPage(0, 9, issues(1, 6)))).willSetStateTo("again"));
        jira.stubFor(get(urlPathEqualTo(DC)).withQueryParam("startAt", equalTo("6")).inScenario("read").whenScenarioStateIs("again")
                .willReturn(okJson(dataCenterPage(6, 9))).willSetStateTo("second"));
        jira.stubFor(get(urlPathEqualTo(DC)).withQueryParam("startAt", equalTo("0")).inScenario("read").whenScenarioStateIs("second")
                .willReturn(okJson(dataCenterPage(0, 9, issues(1, 5)))));
        dataCenterAnswers(5, dataCenterPage(5, 9, issues(6, 9)));

        SyncRun run = dataCenterSync();

        assertThat(run.exitCode()).isZero();
        assertThat(run.sourceRead().calls().getAsLong()).isEqualTo(4);
        assertThat(t.task(P1, "ALPHA-10 Task 10").active()).isFalse();
        assertThat(activeTasks()).isEqualTo(9);
    }

    @Test
    void aCompleteMultiPageReadStillDeactivatesWhatIsGone() {
        imported();
        dataCenterAnswers(0, dataCenterPage(0, 8, issues(1, 5)));
        dataCenterAnswers(5, dataCenterPage(5, 8, issues(6, 8)));

        SyncRun run = dataCenterSync();

        assertThat(run.exitCode()).isZero();
        assertThat(run.sourceRead().calls().getAsLong()).isEqualTo(2);
        assertThat(t.task(P1, "ALPHA-9 Task 9").active()).isFalse();
        assertThat(t.task(P1, "ALPHA-10 Task 10").active()).isFalse();
        assertThat(activeTasks()).isEqualTo(8);
    }
}
