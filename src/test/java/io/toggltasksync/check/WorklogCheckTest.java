package io.toggltasksync.check;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.toggltasksync.check.Lines.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.config.CheckSettings;
import io.toggltasksync.sandbox.TogglSandbox.Fault;
import io.toggltasksync.sandbox.TogglSandbox.RecordedRequest;
import io.toggltasksync.support.Json;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.SandboxFixture;
import io.toggltasksync.testing.TestSettings;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The worklog lines of the preflight, each in its passed, warning and failed form: a WireMock Jira, the sandbox as
 * Toggl. The sandbox has no Reports search (yet) and its workspace answer says nothing of {@code admin}: both answers
 * come from injected faults, which answer before the sandbox looks at the request, as Toggl would.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class WorklogCheckTest {

    static final String JIRA_TOKEN = JiraFixture.JIRA_TOKEN;
    static final String MYSELF = "{\"accountId\":\"5b10\",\"displayName\":\"Ada Lovelace\",\"timeZone\":\"Europe/London\"}";
    static final String ISSUES = "{\"issues\":[{\"id\":\"1\",\"key\":\"ALPHA-1\",\"fields\":{\"project\":{\"key\":\"ALPHA\"}}}],"
            + "\"isLast\":true}";
    static final String ALL_GRANTED = "{\"permissions\":{"
            + "\"WORK_ON_ISSUES\":{\"key\":\"WORK_ON_ISSUES\",\"havePermission\":true},"
            + "\"EDIT_OWN_WORKLOGS\":{\"key\":\"EDIT_OWN_WORKLOGS\",\"havePermission\":true},"
            + "\"DELETE_OWN_WORKLOGS\":{\"key\":\"DELETE_OWN_WORKLOGS\",\"havePermission\":true}}}";
    static final String SEARCH = "/search/time_entries$";
    static final String AREA = WorklogLines.AREA;

    @RegisterExtension
    static WireMockExtension jira = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Inject
    CheckService checks;

    SandboxFixture t;

    /** A Jira Cloud source with worklogs on (unless an override says otherwise). */
    private Checklist check(String... overrides) {
        TestSettings settings = t.testSettings()
                .overrides(JiraFixture.cloudSettings(jira.baseUrl(), "project = ALPHA", 50)).overrides("worklog.sync=true")
                .overrides(overrides);
        return checks.check(settings.load(), new CheckSettings(true, null, false, null), settings.worklogs());
    }

    /** Jira answers sign-in and search; time tracking and the permissions as given (API v3 unless Data Center). */
    private void jira(String api, String configuration, String permissions) {
        jira.stubFor(get(urlPathMatching("/rest/api/[23]/myself")).willReturn(okJson(MYSELF)));
        jira.stubFor(get(urlPathMatching("/rest/api/[23]/search(/jql)?")).willReturn(okJson(ISSUES.replace("\"isLast\":true",
                "\"isLast\":true,\"total\":1"))));
        jira.stubFor(get(urlPathEqualTo(api + "/configuration")).willReturn(okJson(configuration)));
        jira.stubFor(get(urlPathEqualTo(api + "/mypermissions")).willReturn(okJson(permissions)));
    }

    /** Jira's side as the worklog lines want it: Cloud, time tracking on, every permission. */
    private void jiraReady() {
        jira("/rest/api/3", "{\"timeTrackingEnabled\":true}", ALL_GRANTED);
    }

    /** Toggl's side as the worklog lines want it: an admin's token, a reports search that answers. */
    private void togglReady() {
        toggl(true, 200, "[]");
    }

    private void toggl(boolean admin, int searchStatus, String searchBody) {
        t.sandbox.injectFault(Fault.status("GET", "^/workspaces/42$", 200, "{\"id\":42,\"name\":\"Acme\",\"premium\":true,\"admin\":"
                + admin + "}"));
        t.sandbox.injectFault(Fault.status("POST", SEARCH, searchStatus, searchBody));
    }

    @Test
    void everyWorklogLinePassesForAnAdminWithTimeTrackingAndThePermissions() throws Exception {
        jira("/rest/api/3", "{\"timeTrackingEnabled\":true,\"votingEnabled\":true}", ALL_GRANTED);
        togglReady();

        Checklist checklist = check();

        assertThat(checklist.exitCode()).as(ChecklistFormat.text(checklist)).isZero();
        assertThat(line(checklist, AREA, "Jira time tracking").status()).isEqualTo(CheckStatus.PASSED);
        assertThat(line(checklist, AREA, "Jira permissions").status()).isEqualTo(CheckStatus.PASSED);
        assertThat(line(checklist, AREA, "Toggl reports search").detail())
                .isEqualTo("readable: " + t.sandbox.baseUrl().replace("/api/v9", "/reports/api/v3") + " answered a day's detailed search");
        assertThat(line(checklist, AREA, "whose entries").detail()).isEqualTo("every user's: the token's user is an admin of workspace 42");
        jira.verify(getRequestedFor(urlPathEqualTo("/rest/api/3/mypermissions"))
                .withQueryParam("permissions", equalTo("WORK_ON_ISSUES,EDIT_OWN_WORKLOGS,DELETE_OWN_WORKLOGS")));
        jira.verify(0, anyRequestedFor(urlPathMatching(".*/configuration/timetracking")));
        // one POST, the search: one row of one day, through the Reports API's base beside the v9 API
        List<RecordedRequest> searches = t.sandbox.requests().stream().filter(r -> r.method().equals("POST")).toList();
        assertThat(searches).hasSize(1);
        assertThat(searches.get(0).path()).isEqualTo("/reports/api/v3/workspace/42/search/time_entries");
        JsonNode body = Json.MAPPER.readTree(searches.get(0).body());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(body.path("page_size").asInt()).isEqualTo(1);
        assertThat(LocalDate.parse(body.path("end_date").asText())).isBetween(today.minusDays(1), today);
        assertThat(LocalDate.parse(body.path("start_date").asText())).isEqualTo(LocalDate.parse(body.path("end_date").asText()).minusDays(1));
        assertThat(body.has("project_ids")).as("no narrowing: an entry matched by its description may have no project").isFalse();
        assertThat(ChecklistFormat.text(checklist)).doesNotContain(JIRA_TOKEN).doesNotContain(SandboxFixture.TOKEN);
    }

    @Test
    void timeTrackingOffFails() {
        jira("/rest/api/3", "{\"timeTrackingEnabled\":false}", ALL_GRANTED);
        togglReady();

        Checklist checklist = check();

        CheckLine off = line(checklist, AREA, "Jira time tracking");
        assertThat(off.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(off.detail()).isEqualTo("off: Jira refuses every worklog");
        assertThat(off.fix()).contains("Time tracking");
        assertThat(checklist.exitCode()).isEqualTo(2);
    }

    @Test
    void timeTrackingNotSaidIsAWarning() {
        jira("/rest/api/3", "{\"votingEnabled\":true}", ALL_GRANTED);
        togglReady();

        Checklist checklist = check();

        assertThat(line(checklist, AREA, "Jira time tracking").status()).isEqualTo(CheckStatus.WARNING);
        assertThat(checklist.exitCode()).isEqualTo(1);
    }

    @Test
    void aMissingPermissionFailsAndIsNamed() {
        jira("/rest/api/3", "{\"timeTrackingEnabled\":true}", ALL_GRANTED.replace(
                "\"EDIT_OWN_WORKLOGS\",\"havePermission\":true", "\"EDIT_OWN_WORKLOGS\",\"havePermission\":false")
                .replace(",\"DELETE_OWN_WORKLOGS\":{\"key\":\"DELETE_OWN_WORKLOGS\",\"havePermission\":true}", ""));
        togglReady();

        Checklist checklist = check();

        CheckLine permissions = line(checklist, AREA, "Jira permissions");
        assertThat(permissions.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(permissions.detail()).isEqualTo("the token's user lacks EDIT_OWN_WORKLOGS (edit its own worklogs), "
                + "DELETE_OWN_WORKLOGS (delete its own worklogs)");
    }

    @Test
    void dataCenterAsksApiVersion2() {
        jira("/rest/api/2", "{\"timeTrackingEnabled\":true}", ALL_GRANTED);
        togglReady();

        Checklist checklist = check("jira.deployment=datacenter", "jira.user=");

        assertThat(line(checklist, AREA, "Jira time tracking").status()).as(ChecklistFormat.text(checklist)).isEqualTo(CheckStatus.PASSED);
        assertThat(line(checklist, AREA, "Jira permissions").status()).isEqualTo(CheckStatus.PASSED);
        jira.verify(getRequestedFor(urlPathEqualTo("/rest/api/2/configuration")));
        jira.verify(0, anyRequestedFor(urlPathMatching("/rest/api/3/.*")));
    }

    @Test
    void aJiraRefusalOfTheReadsFails() {
        jira("/rest/api/3", "{}", ALL_GRANTED);
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/configuration")).willReturn(okJson("{\"errorMessages\":[\"nope\"]}").withStatus(403)));
        togglReady();

        Checklist checklist = check();

        CheckLine line = line(checklist, AREA, "Jira time tracking");
        assertThat(line.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(line.detail()).startsWith("Jira would not say: ").doesNotContain(JIRA_TOKEN);
    }

    @Test
    void aReportsSearchRefusedWith403FailsWithTheReason() {
        jiraReady();
        toggl(false, 403, "Forbidden");

        Checklist checklist = check();

        CheckLine search = line(checklist, AREA, "Toggl reports search");
        assertThat(search.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(search.detail()).isEqualTo("Toggl answered 403: the detailed report of the workspace is not open to this token "
                + "(other users' entries need a workspace admin)");
        assertThat(search.fix()).contains("workspace admin");
    }

    @Test
    void aReportsSearchRefusedWith402FailsWithThePlan() {
        jiraReady();
        toggl(true, 402, "Payment Required");

        Checklist checklist = check();

        CheckLine search = line(checklist, AREA, "Toggl reports search");
        assertThat(search.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(search.detail()).isEqualTo("Toggl answered 402: the workspace's plan does not give the Reports API");
    }

    @Test
    void aTokenThatIsNoAdminIsAWarning() {
        jiraReady();
        toggl(false, 200, "[]");

        Checklist checklist = check();

        CheckLine whose = line(checklist, AREA, "whose entries");
        assertThat(whose.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(whose.detail()).isEqualTo("the token's user is not an admin of workspace 42: only your own entries are synced; "
                + "deletions are never made from an unseen entry");
        assertThat(checklist.exitCode()).isEqualTo(1);
    }

    @Test
    void aReportsUrlOfItsOwnIsUsed() {
        jiraReady();
        togglReady();
        String own = t.sandbox.baseUrl().replace("/api/v9", "/proxied/reports");

        Checklist checklist = check("toggl.reports-url=" + own + "/");

        assertThat(line(checklist, AREA, "Toggl reports search").detail()).startsWith("readable: " + own + " answered");
        assertThat(t.sandbox.requests().stream().filter(r -> r.method().equals("POST")).map(RecordedRequest::path))
                .containsExactly("/proxied/reports/workspace/42/search/time_entries");
    }

    @Test
    void worklogsOffAddNoLinesAndNoCalls() {
        jiraReady();

        Checklist checklist = check("worklog.sync=false");

        assertThat(checklist.lines()).noneMatch(l -> l.area().equals(AREA));
        jira.verify(0, getRequestedFor(urlPathEqualTo("/rest/api/3/configuration")));
        jira.verify(0, getRequestedFor(urlPathEqualTo("/rest/api/3/mypermissions")));
        assertThat(t.writes()).as("no POST: no reports search").isZero();
    }
}
