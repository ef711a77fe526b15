package io.toggltasksync.check;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.toggltasksync.check.Lines.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The preflight of a Jira source: a WireMock Jira (Cloud and Data Center), the sandbox as Toggl. */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class JiraCheckTest {

    static final String JIRA_TOKEN = JiraFixture.JIRA_TOKEN;
    static final String CLOUD = JiraFixture.CLOUD;
    static final String MYSELF = "{\"accountId\":\"5b10\",\"displayName\":\"Ada Lovelace\",\"emailAddress\":\"ada@acme.test\","
            + "\"timeZone\":\"Europe/London\"}";

    @RegisterExtension
    static WireMockExtension jira = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Inject
    CheckService checks;

    SandboxFixture t;

    private Checklist check(String... overrides) {
        return checks.check(t.testSettings().overrides(JiraFixture.cloudSettings(jira.baseUrl(), "project in (ALPHA, BETA)", 2))
                .overrides(overrides).load());
    }

    private static String issue(String key) {
        return "{\"id\":\"1\",\"key\":\"" + key + "\",\"fields\":{\"project\":{\"key\":\"" + key.substring(0, key.indexOf('-')) + "\"}}}";
    }

    @Test
    void cloudSignInJqlAndProjectsPassWithTheAccountsTimeZone() {
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/myself")).willReturn(okJson(MYSELF)));
        jira.stubFor(get(urlPathEqualTo(CLOUD)).willReturn(okJson("{\"issues\":[" + issue("ALPHA-1") + "," + issue("BETA-1")
                + "],\"isLast\":true}")));

        Checklist checklist = check();

        assertThat(checklist.exitCode()).as(ChecklistFormat.text(checklist)).isZero();
        assertThat(line(checklist, "Jira", "sign-in").detail()).contains("Ada Lovelace <ada@acme.test>, time zone Europe/London");
        assertThat(line(checklist, "Jira", "JQL").detail()).contains("is valid and selects 2 issue(s)");
        assertThat(line(checklist, "Jira", "projects").detail()).isEqualTo("ALPHA -> project 1001, BETA -> project 1002");
        jira.verify(getRequestedFor(urlPathEqualTo(CLOUD)).withQueryParam("fields", equalTo("project"))
                .withQueryParam("maxResults", equalTo("2")).withQueryParam("jql", equalTo("project in (ALPHA, BETA)")));
        assertThat(ChecklistFormat.text(checklist)).doesNotContain(JIRA_TOKEN);
        assertThat(t.writes()).isZero();
    }

    @Test
    void aWebhookSecretAddsTheReceiverLineWithoutTheSecret() {
        String secret = "webhook-secret-0123456789abcdef";
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/myself")).willReturn(okJson(MYSELF)));
        jira.stubFor(get(urlPathEqualTo(CLOUD)).willReturn(okJson("{\"issues\":[" + issue("ALPHA-1") + "],\"isLast\":true}")));

        Checklist checklist = check("jira.webhook-secret=" + secret, "sync.schedule=0 */15 * * * ?");

        assertThat(line(checklist, "Jira webhooks", "receiver").status()).as(ChecklistFormat.text(checklist)).isEqualTo(CheckStatus.PASSED);
        assertThat(ChecklistFormat.text(checklist)).contains("POST /webhooks/jira").doesNotContain(secret);
        assertThat(ChecklistFormat.json(checklist).toString()).doesNotContain(secret);
        assertThat(line(checklist, "Jira webhooks", "receiver").detail()).contains("with the JQL 'project in (ALPHA, BETA)'");
    }

    @Test
    void cloudCountsABigSelectionWithTheApproximateCountAndThePlanCostWarns() {
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/myself")).willReturn(okJson(MYSELF)));
        jira.stubFor(get(urlPathEqualTo(CLOUD)).willReturn(okJson("{\"issues\":[" + issue("ALPHA-1") + "," + issue("ALPHA-2")
                + "],\"nextPageToken\":\"p2\",\"isLast\":false}")));
        jira.stubFor(post(urlPathEqualTo("/rest/api/3/search/approximate-count")).willReturn(okJson("{\"count\":40000}")));

        Checklist checklist = check();

        assertThat(line(checklist, "Jira", "JQL").detail()).contains("selects about 40000 issue(s) (Jira Cloud's approximate count)");
        assertThat(line(checklist, "Jira", "projects").detail()).contains("(among the first 2 issues)");
        jira.verify(postRequestedFor(urlPathEqualTo("/rest/api/3/search/approximate-count"))
                .withRequestBody(equalToJson("{\"jql\":\"project in (ALPHA, BETA)\"}")));
        CheckLine first = checklist.lines().stream().filter(l -> l.subject().equals("first sync")).findFirst().orElseThrow();
        assertThat(first.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(first.detail()).contains("hourly runs");
        assertThat(checklist.exitCode()).isEqualTo(1);
    }

    @Test
    void aCountJiraRefusesIsAWarningAndThePlanCostIsNotWorkedOut() {
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/myself")).willReturn(okJson(MYSELF)));
        jira.stubFor(get(urlPathEqualTo(CLOUD)).willReturn(okJson("{\"issues\":[" + issue("ALPHA-1") + "," + issue("ALPHA-2")
                + "],\"nextPageToken\":\"p2\",\"isLast\":false}")));
        jira.stubFor(post(urlPathEqualTo("/rest/api/3/search/approximate-count")).willReturn(aResponse().withStatus(400)
                .withBody("{\"errorMessages\":[\"Unbounded JQL queries are not allowed here.\"]}")));

        Checklist checklist = check();

        CheckLine jql = line(checklist, "Jira", "JQL");
        assertThat(jql.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(jql.detail()).contains("Unbounded JQL queries are not allowed here.");
        assertThat(line(checklist, "Plan cost", "first sync and steady runs").status()).isEqualTo(CheckStatus.WARNING);
    }

    @Test
    void anInvalidJqlFailsWithJirasMessage() {
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/myself")).willReturn(okJson(MYSELF)));
        jira.stubFor(get(urlPathEqualTo(CLOUD)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[\"Error in the JQL Query: Expecting ')' before the end of the query.\"],\"errors\":{}}")));

        Checklist checklist = check("jira.jql=project in (ALPHA");

        CheckLine jql = line(checklist, "Jira", "JQL");
        assertThat(jql.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(jql.detail()).contains("Expecting ')' before the end of the query.");
        assertThat(checklist.exitCode()).isEqualTo(2);
    }

    @Test
    void aJqlSelectingNothingIsAWarning() {
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/myself")).willReturn(okJson(MYSELF)));
        jira.stubFor(get(urlPathEqualTo(CLOUD)).willReturn(okJson("{\"issues\":[],\"isLast\":true}")));

        Checklist checklist = check();

        CheckLine jql = line(checklist, "Jira", "JQL");
        assertThat(jql.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(jql.detail()).contains("selects no issues");
        assertThat(checklist.exitCode()).isEqualTo(1);
    }

    @Test
    void refusedCredentialsFailTheSignInAndSkipTheSearch() {
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/myself")).willReturn(aResponse().withStatus(401).withBody("Basic " + JIRA_TOKEN)));

        Checklist checklist = check();

        CheckLine signIn = line(checklist, "Jira", "sign-in");
        assertThat(signIn.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(signIn.detail()).contains("were refused (HTTP 401)");
        assertThat(signIn.fix()).contains("API token");
        jira.verify(1, anyRequestedFor(anyUrl()));
        assertThat(ChecklistFormat.text(checklist)).doesNotContain(JIRA_TOKEN);
    }

    @Test
    void dataCenterTakesTheTotalOfItsSearchAndNamesUnmappedProjects() {
        jira.stubFor(get(urlPathEqualTo("/rest/api/2/myself")).willReturn(okJson("{\"name\":\"ada\",\"displayName\":\"Ada\","
                + "\"timeZone\":\"UTC\"}")));
        jira.stubFor(get(urlPathEqualTo("/rest/api/2/search")).willReturn(okJson("{\"startAt\":0,\"maxResults\":2,\"total\":3,"
                + "\"issues\":[" + issue("ALPHA-1") + "," + issue("GAMMA-1") + "]}")));

        Checklist checklist = check("jira.deployment=datacenter", "jira.user=", "toggl.project-id=");

        assertThat(line(checklist, "Jira", "JQL").detail()).contains("selects 3 issue(s)");
        CheckLine projects = line(checklist, "Jira", "projects");
        assertThat(projects.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(projects.detail()).contains("GAMMA -> none").contains("[GAMMA] have no Toggl project");
        assertThat(projects.fix()).contains("GAMMA=<Toggl project id>");
    }

    private static String named(String key, String name) {
        return "{\"id\":\"1\",\"key\":\"" + key + "-1\",\"fields\":{\"project\":{\"key\":\"" + key + "\",\"name\":\"" + name + "\"}}}";
    }

    @Test
    void projectsWithoutAMapEntryAreMatchedAsASyncMatchesThem() {
        t.sandbox.addProject(SandboxFixture.WS, 2003, "Gamma Web (GAMMA)");
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/myself")).willReturn(okJson(MYSELF)));
        jira.stubFor(get(urlPathEqualTo(CLOUD)).willReturn(okJson("{\"issues\":[" + named("ALPHA", "Alpha Platform") + ","
                + named("GAMMA", "Gamma Web") + "," + named("DELTA", "Delta Ops") + "],\"isLast\":true}")));

        Checklist checklist = check("toggl.project-map=", "toggl.create-projects=true");

        assertThat(line(checklist, "Jira", "projects").detail()).isEqualTo("ALPHA -> project 1001 'Alpha' (by key), "
                + "DELTA -> to be made as 'Delta Ops (DELTA)', GAMMA -> project 2003 'Gamma Web (GAMMA)' (by name (key))");
        assertThat(line(checklist, "Jira", "projects").status()).isEqualTo(CheckStatus.PASSED);
        assertThat(t.writes()).isZero();
    }

    @Test
    void withNoTargetProjectConfiguredThePlanCostSaysSoAndBlamesNoLine() {
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/myself")).willReturn(okJson(MYSELF)));
        jira.stubFor(get(urlPathEqualTo(CLOUD)).willReturn(okJson("{\"issues\":[" + named("ALPHA", "Alpha Platform") + "],\"isLast\":true}")));

        Checklist checklist = check("toggl.project-map=", "toggl.project-id=");

        CheckLine cost = line(checklist, "Plan cost", "first sync and steady runs");
        assertThat(cost.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(cost.detail()).contains("no target project is configured");
        assertThat(cost.fix()).contains("toggl.project-map").doesNotContain("failed");
    }

    @Test
    void twoJiraProjectsOnOneTogglProjectFailTheProjectsLine() {
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/myself")).willReturn(okJson(MYSELF)));
        jira.stubFor(get(urlPathEqualTo(CLOUD)).willReturn(okJson("{\"issues\":[" + named("ALPHA", "Alpha Platform") + ","
                + named("OPS", "Operations") + "],\"isLast\":true}")));

        Checklist checklist = check("toggl.project-map=OPS=" + SandboxFixture.P1);

        CheckLine projects = line(checklist, "Jira", "projects");
        assertThat(projects.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(projects.detail()).contains("ALPHA (by key)", "OPS (by toggl.project-map)");
        assertThat(checklist.exitCode()).isEqualTo(2);
    }
}
