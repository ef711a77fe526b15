package io.toggltasksync.source.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.toggltasksync.testing.SandboxFixture.P1;
import static io.toggltasksync.testing.SandboxFixture.P2;
import static io.toggltasksync.testing.SandboxFixture.WS;
import static org.assertj.core.api.Assertions.assertThat;
import static io.toggltasksync.testing.JiraFixture.issue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.sync.SyncService;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Jira source end to end: a WireMock Jira (Cloud and Data Center) into the Toggl sandbox. */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class JiraSyncTest {

    static final String CLOUD = "/rest/api/3/search/jql";
    static final String DC = "/rest/api/2/search";
    static final String JIRA_TOKEN = JiraFixture.JIRA_TOKEN;

    @Inject
    SyncService service;

    /** One Jira for the class; its stubs, requests and scenarios are reset before each test. */
    @RegisterExtension
    static WireMockExtension jira = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    SandboxFixture t;

    private String[] cloud(String... more) {
        return JiraFixture.concat(JiraFixture.cloudSettings(jira.baseUrl(), "project in (ALPHA, BETA)", 2), more);
    }

    private String[] dataCenter(String... more) {
        return JiraFixture.concat(JiraFixture.dataCenterSettings(jira.baseUrl(), "project = ALPHA", 2), more);
    }

    private SyncRun sync(String... settings) {
        return service.runOnce(t.settings(settings));
    }

    private void stubCloudPages() {
        jira.stubFor(get(urlPathEqualTo(CLOUD)).withQueryParam("nextPageToken", absent()).willReturn(okJson(
                "{\"issues\":[" + issue("ALPHA-1", "Login page", "indeterminate", null, 3600L) + ","
                        + issue("ALPHA-2", "Signup", "done", "Done", null) + "],\"nextPageToken\":\"p2\",\"isLast\":false}")));
        jira.stubFor(get(urlPathEqualTo(CLOUD)).withQueryParam("nextPageToken", equalTo("p2")).willReturn(okJson(
                "{\"issues\":[" + issue("BETA-1", "Billing", "new", null, 7200L) + ","
                        + issue("BETA-2", "Invoices", "new", "Won't Do", null) + "],\"nextPageToken\":\"p3\",\"isLast\":false}")));
        jira.stubFor(get(urlPathEqualTo(CLOUD)).withQueryParam("nextPageToken", equalTo("p3")).willReturn(okJson(
                "{\"issues\":[" + issue("ALPHA-3", "Logout", "new", null, null) + "],\"isLast\":true}")));
    }

    @Test
    void cloudSearchIsPagedByTokenAndMirroredIntoTheMappedProjects() {
        stubCloudPages();

        SyncRun run = sync(cloud());

        assertThat(run.exitCode()).isZero();
        assertThat(t.task(P1, "ALPHA-1 Login page").estimatedSeconds()).isEqualTo(3600L);
        assertThat(t.task(P1, "ALPHA-2 Signup").active()).isFalse();
        assertThat(t.task(P2, "BETA-1 Billing").active()).isTrue();
        assertThat(t.task(P2, "BETA-2 Invoices").active()).isFalse();
        assertThat(t.task(P1, "ALPHA-3 Logout").integrationProvider()).isEqualTo("jira");
        assertThat(t.task(P1, "ALPHA-3 Logout").integrationExtId()).isEqualTo("ALPHA-3");
        assertThat(t.report()).containsEntry("jira_calls", 3);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("me@acme.test:" + JIRA_TOKEN).getBytes());
        jira.verify(3, getRequestedFor(urlPathEqualTo(CLOUD))
                .withHeader("Authorization", equalTo(basic))
                .withQueryParam("jql", equalTo("project in (ALPHA, BETA)"))
                .withQueryParam("fields", equalTo("summary,status,resolution,timeoriginalestimate,project"))
                .withQueryParam("maxResults", equalTo("2")));
    }

    @Test
    void withoutAMapTheJiraProjectsFindTheirTogglProjectsByKeyAndByNameAndKey() {
        t.sandbox.addProject(WS, 2003, "Beta Billing (BETA)");
        t.sandbox.addProject(WS, P2, "Something else");
        String named = issue("BETA-1", "Billing", "new", null, 7200L).replace("{\"key\":\"BETA\"}", "{\"key\":\"BETA\",\"name\":\"Beta Billing\"}");
        jira.stubFor(get(urlPathEqualTo(CLOUD)).willReturn(okJson("{\"issues\":[" + issue("ALPHA-1", "Login page", "new", null, null)
                + "," + named + "],\"isLast\":true}")));

        SyncRun run = sync(cloud("toggl.project-map=", "toggl.project-id="));

        assertThat(run.exitCode()).isZero();
        assertThat(t.task(P1, "ALPHA-1 Login page").integrationExtId()).isEqualTo("ALPHA-1");
        assertThat(t.task(2003, "BETA-1 Billing").estimatedSeconds()).isEqualTo(7200L);
    }

    @Test
    void rerunWritesNothingAndAClosedIssueBecomesInactive() {
        stubCloudPages();
        sync(cloud());
        t.sandbox.resetCounters();
        assertThat(sync(cloud()).exitCode()).isZero();
        assertThat(t.writes()).isZero();

        jira.resetAll();
        jira.stubFor(get(urlPathEqualTo(CLOUD)).willReturn(okJson("{\"issues\":["
                + issue("ALPHA-1", "Login page", "done", "Done", 3600L) + ","
                + issue("ALPHA-2", "Signup", "done", "Done", null) + ","
                + issue("BETA-1", "Billing", "new", null, 7200L) + ","
                + issue("BETA-2", "Invoices", "new", "Won't Do", null) + ","
                + issue("ALPHA-3", "Logout", "new", null, null) + "],\"isLast\":true}")));
        t.sandbox.resetCounters();

        assertThat(sync(cloud()).exitCode()).isZero();
        assertThat(t.task(P1, "ALPHA-1 Login page").active()).isFalse();
        assertThat(t.sandbox.requestCount("PATCH")).isEqualTo(1);
        assertThat(t.writes()).isEqualTo(1);
    }

    @Test
    void dataCenterSearchIsPagedByStartAtWithABearerToken() {
        // the server grants 2 per page whatever is asked
        jira.stubFor(get(urlPathEqualTo(DC)).withQueryParam("startAt", equalTo("0")).willReturn(okJson(
                "{\"startAt\":0,\"maxResults\":2,\"total\":3,\"issues\":[" + issue("ALPHA-1", "One", "new", null, null) + ","
                        + issue("ALPHA-2", "Two", "new", null, null) + "]}")));
        jira.stubFor(get(urlPathEqualTo(DC)).withQueryParam("startAt", equalTo("2")).willReturn(okJson(
                "{\"startAt\":2,\"maxResults\":2,\"total\":3,\"issues\":[" + issue("ALPHA-3", "Three", "done", null, null) + "]}")));

        SyncRun run = sync(dataCenter());

        assertThat(run.exitCode()).isZero();
        assertThat(t.sandbox.tasks(P1)).extracting(TogglTask::name).containsExactlyInAnyOrder("ALPHA-1 One", "ALPHA-2 Two", "ALPHA-3 Three");
        jira.verify(2, getRequestedFor(urlPathEqualTo(DC)).withHeader("Authorization", equalTo("Bearer " + JIRA_TOKEN)));
    }

    @Test
    void aFailureOnPage2ChangesNothingInToggl() {
        stubCloudPages();
        sync(cloud());
        t.sandbox.resetCounters();
        jira.resetAll();
        jira.stubFor(get(urlPathEqualTo(CLOUD)).withQueryParam("nextPageToken", absent()).willReturn(okJson(
                "{\"issues\":[" + issue("ALPHA-1", "Login page", "indeterminate", null, 3600L) + "],\"nextPageToken\":\"p2\",\"isLast\":false}")));
        jira.stubFor(get(urlPathEqualTo(CLOUD)).withQueryParam("nextPageToken", equalTo("p2"))
                .willReturn(aResponse().withStatus(500).withBody("Internal error")));

        SyncRun run = sync(cloud());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(t.sandbox.requestCounts()).isEmpty();
        assertThat(t.sandbox.allTasks()).hasSize(5).filteredOn(TogglTask::active).hasSize(3);
        assertThat((String) t.report().get("error")).contains("Jira answered 500");
    }

    @Test
    void refusedCredentialsExit2NamingThem() throws Exception {
        jira.stubFor(get(urlPathEqualTo(CLOUD)).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));

        SyncRun run = sync(cloud());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat((String) t.report().get("error")).contains("jira.user").contains("jira.token").contains("401");
        assertThat(Files.readString(t.dir.resolve("report.json"))).doesNotContain(JIRA_TOKEN);
        assertThat(t.sandbox.requestCounts()).isEmpty();
    }

    @Test
    void badJqlShowsJirasErrorMessages() {
        jira.stubFor(get(urlPathEqualTo(CLOUD)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[\"Error in the JQL Query: Expecting operator but got 'ni'.\"],\"errors\":{}}")));

        SyncRun run = sync(cloud());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat((String) t.report().get("error")).contains("Error in the JQL Query: Expecting operator but got 'ni'.");
    }

    @Test
    void removedSearchEndpointIsExplained() {
        jira.stubFor(get(urlPathEqualTo(DC)).willReturn(aResponse().withStatus(410).withBody("Gone")));

        SyncRun run = sync(dataCenter());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat((String) t.report().get("error")).contains("410").contains("/rest/api/3/search/jql");
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() {
        jira.stubFor(get(urlPathEqualTo(CLOUD)).inScenario("rl").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        jira.stubFor(get(urlPathEqualTo(CLOUD)).inScenario("rl").whenScenarioStateIs("ok").willReturn(okJson(
                "{\"issues\":[" + issue("ALPHA-1", "Login page", "new", null, null) + "],\"isLast\":true}")));

        SyncRun run = sync(cloud());

        assertThat(run.exitCode()).isZero();
        List<ServeEvent> events = jira.getAllServeEvents().stream()
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
        assertThat(events).hasSize(2);
        long gap = events.get(1).getRequest().getLoggedDate().getTime() - events.get(0).getRequest().getLoggedDate().getTime();
        assertThat(gap).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aTaskImportedFromTheCsvExportIsTheSameTaskWhenMirroredFromRest() {
        Path export = t.write("export.csv", "Summary,Issue key,Status,Status Category,Project key,Resolution,Original Estimate\n"
                + "Login page,ALPHA-1,In Progress,In Progress,ALPHA,,3600\n"
                + "Signup,ALPHA-2,Done,Done,ALPHA,Done,\n"
                + "Billing,BETA-1,To Do,To Do,BETA,,7200\n"
                + "Invoices,BETA-2,To Do,To Do,BETA,Won't Do,\n"
                + "Logout,ALPHA-3,To Do,To Do,ALPHA,,\n");
        assertThat(service.runOnce(t.settings(export)).exitCode()).isZero();
        t.sandbox.resetCounters();
        stubCloudPages();

        SyncRun run = sync(cloud());

        assertThat(run.exitCode()).isZero();
        assertThat(t.writes()).isZero();
        assertThat(t.sandbox.allTasks()).hasSize(5);
    }

    @Test
    void issuesWithoutATargetProjectAreRejected() {
        jira.stubFor(get(urlPathEqualTo(CLOUD)).willReturn(okJson("{\"issues\":["
                + issue("ALPHA-1", "Login page", "new", null, null) + "," + issue("GAMMA-1", "Elsewhere", "new", null, null)
                + "],\"isLast\":true}")));

        SyncRun run = sync(cloud("toggl.project-id="));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(t.deadLetters()).singleElement().satisfies(d -> assertThat(d).containsEntry("external_id", "GAMMA-1")
                .containsEntry("kind", "rejected"));
        assertThat(t.sandbox.allTasks()).extracting(TogglTask::name).containsExactly("ALPHA-1 Login page");
        assertThat(WS).isPositive();
    }
}
