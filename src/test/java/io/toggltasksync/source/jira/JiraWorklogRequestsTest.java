package io.toggltasksync.source.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.model.WorklogMark;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.RouteTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exact worklog requests the routes of jira-worklogs.camel.yaml and jira-worklog-writes.camel.yaml send to a
 * Jira (WireMock): paths, {@code notifyUsers=false&adjustEstimate=...}, the {@code started} format, the comment (ADF
 * on Cloud, text on Data Center), the property; reading with paging and properties; a POST whose answer was lost
 * read back before it is sent again.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class JiraWorklogRequestsTest extends RouteTest {

    static final String WORKLOGS = "/rest/api/3/issue/ABC-12/worklog";
    static final String QUERY = "?notifyUsers=false&adjustEstimate=";
    static final WorklogMark MARK = new WorklogMark("entry:123", 42, List.of(123L));
    static final String MARK_JSON = "{\"key\":\"entry:123\",\"workspace_id\":42,\"entry_ids\":[123]}";
    static final Instant STARTED = Instant.parse("2026-12-07T09:15:00Z");
    static final WorklogContent CONTENT = new WorklogContent(STARTED, 1800, "Ada Lovelace: ABC-12 fix login", MARK);
    static final String ADF = "{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"Ada Lovelace: ABC-12 fix login\"}]}]}";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private Exchange send(String uri, Object body, String... overrides) {
        String[] settings = JiraFixture.concat(JiraFixture.cloudSettings(wm.baseUrl(), "project = ABC", 50), "toggl.project-map=ABC=1001");
        return template.send(uri, exchange(newRun(JiraFixture.concat(settings, overrides)), body));
    }

    private WorklogWriteResult write(WorklogWrite write, String... overrides) {
        Exchange exchange = send("direct:jira-worklog-write", write, overrides);
        assertThat(exchange.getException()).isNull();
        return exchange.getMessage().getBody(WorklogWriteResult.class);
    }

    private static String worklog(String id, String properties) {
        return "{\"id\":\"" + id + "\",\"started\":\"2026-12-07T10:15:00.000+0100\",\"timeSpentSeconds\":1800,"
                + "\"comment\":" + ADF + (properties == null ? "" : ",\"properties\":" + properties) + "}";
    }

    private static String page(int startAt, int total, String... worklogs) {
        return "{\"startAt\":" + startAt + ",\"maxResults\":2,\"total\":" + total + ",\"worklogs\":[" + String.join(",", worklogs) + "]}";
    }

    private static String ours(String key) {
        return "[{\"key\":\"toggl-task-sync\",\"value\":{\"key\":\"" + key + "\",\"workspace_id\":42,\"entry_ids\":[123]}}]";
    }

    private static JiraWorklog existing() {
        return new JiraWorklog("10001", "ABC-12", STARTED, 1800, "old", MARK);
    }

    @Test
    void aCreateOnCloudPostsJirasStartedFormatAnAdfCommentAndTheProperty() {
        wm.stubFor(post(urlPathEqualTo(WORKLOGS)).willReturn(aResponse().withStatus(201).withBody(worklog("10001", null))));

        WorklogWriteResult result = write(new WorklogWrite.Create("ABC-12", CONTENT, "leave"));

        String basic = "Basic " + Base64.getEncoder().encodeToString(("me@acme.test:" + JiraFixture.JIRA_TOKEN).getBytes(StandardCharsets.UTF_8));
        wm.verify(1, postRequestedFor(urlEqualTo(WORKLOGS + QUERY + "leave"))
                .withHeader("Authorization", equalTo(basic))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"started\":\"2026-12-07T09:15:00.000+0000\",\"timeSpentSeconds\":1800,\"comment\":" + ADF
                        + ",\"properties\":[{\"key\":\"toggl-task-sync\",\"value\":" + MARK_JSON + "}]}")));
        assertThat(wm.getAllServeEvents()).hasSize(1);
        assertThat(result).isEqualTo(new WorklogWriteResult.Created(new WorklogWrite.Create("ABC-12", CONTENT, "leave"),
                new JiraWorklog("10001", "ABC-12", STARTED, 1800, CONTENT.comment(), MARK), false));
    }

    @Test
    void aCreateOnDataCenterPostsToApiV2WithTheCommentAsText() {
        wm.stubFor(post(urlPathEqualTo("/rest/api/2/issue/ABC-12/worklog")).willReturn(aResponse().withStatus(201).withBody("{\"id\":\"9\"}")));

        WorklogWriteResult result = write(new WorklogWrite.Create("ABC-12", CONTENT, "auto"), "jira.deployment=datacenter");

        wm.verify(1, postRequestedFor(urlEqualTo("/rest/api/2/issue/ABC-12/worklog" + QUERY + "auto"))
                .withRequestBody(equalToJson("{\"started\":\"2026-12-07T09:15:00.000+0000\",\"timeSpentSeconds\":1800,"
                        + "\"comment\":\"Ada Lovelace: ABC-12 fix login\",\"properties\":[{\"key\":\"toggl-task-sync\",\"value\":" + MARK_JSON + "}]}")));
        assertThat(((WorklogWriteResult.Created) result).worklog().id()).isEqualTo("9");
    }

    @Test
    void anUpdatePutsTheWholeBodyWithTheMark() {
        wm.stubFor(put(urlPathEqualTo(WORKLOGS + "/10001")).willReturn(okJson(worklog("10001", null))));
        WorklogContent changed = new WorklogContent(STARTED.plusSeconds(60), 3600, "Ada Lovelace: ABC-12 fix login", MARK);

        WorklogWriteResult result = write(new WorklogWrite.Update(existing(), changed, "auto"));

        wm.verify(1, putRequestedFor(urlEqualTo(WORKLOGS + "/10001" + QUERY + "auto"))
                .withRequestBody(equalToJson("{\"started\":\"2026-12-07T09:16:00.000+0000\",\"timeSpentSeconds\":3600,\"comment\":" + ADF
                        + ",\"properties\":[{\"key\":\"toggl-task-sync\",\"value\":" + MARK_JSON + "}]}")));
        assertThat(result).isInstanceOf(WorklogWriteResult.Updated.class);
        assertThat(((WorklogWriteResult.Updated) result).worklog().timeSpentSeconds()).isEqualTo(3600);
    }

    @Test
    void aDeleteSendsTheQueryAndNoBody() {
        wm.stubFor(delete(urlPathEqualTo(WORKLOGS + "/10001")).willReturn(aResponse().withStatus(204)));

        WorklogWriteResult result = write(new WorklogWrite.Delete(existing(), "leave"));

        wm.verify(1, deleteRequestedFor(urlEqualTo(WORKLOGS + "/10001" + QUERY + "leave")));
        assertThat(wm.getAllServeEvents().get(0).getRequest().getBody()).isEmpty();
        assertThat(result).isEqualTo(new WorklogWriteResult.Deleted(new WorklogWrite.Delete(existing(), "leave"), false));
    }

    @Test
    void aRefusedWriteIsAFailureWithJirasMessageAndIsNotRetried() {
        wm.stubFor(post(urlPathEqualTo(WORKLOGS)).willReturn(aResponse().withStatus(400)
                .withBody("{\"errorMessages\":[\"Worklog limit of 5000 for this issue reached\"],\"errors\":{}}")));

        WorklogWriteResult result = write(new WorklogWrite.Create("ABC-12", CONTENT, "auto"));

        assertThat(result).isInstanceOf(WorklogWriteResult.Failed.class);
        WorklogWriteResult.Failed failed = (WorklogWriteResult.Failed) result;
        assertThat(failed.status()).isEqualTo(400);
        assertThat(failed.reason()).isEqualTo("Jira refused POST " + WORKLOGS + " (HTTP 400): Worklog limit of 5000 for this issue reached");
        assertThat(wm.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aWriteWithoutPermissionNamesJirasReasonNotTheCredentials() {
        wm.stubFor(delete(urlPathEqualTo(WORKLOGS + "/10001")).willReturn(aResponse().withStatus(403)
                .withBody("{\"errorMessages\":[\"You do not have the permission to delete this worklog.\"]}")));

        WorklogWriteResult.Failed failed = (WorklogWriteResult.Failed) write(new WorklogWrite.Delete(existing(), "auto"));

        assertThat(failed.status()).isEqualTo(403);
        assertThat(failed.reason()).contains("DELETE " + WORKLOGS + "/10001", "permission to delete").doesNotContain(JiraFixture.JIRA_TOKEN);
        assertThat(wm.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aPostWhoseAnswerWasLostToA500IsReadBackAndNotSentAgainWhenJiraHasIt() {
        wm.stubFor(post(urlPathEqualTo(WORKLOGS)).willReturn(aResponse().withStatus(500).withBody("oops")));
        wm.stubFor(get(urlPathEqualTo(WORKLOGS)).willReturn(okJson(page(0, 2, worklog("555", null), worklog("10077", ours("entry:123"))))));

        WorklogWriteResult result = write(new WorklogWrite.Create("ABC-12", CONTENT, "auto"));

        wm.verify(1, postRequestedFor(urlPathEqualTo(WORKLOGS)));
        wm.verify(1, getRequestedFor(urlPathEqualTo(WORKLOGS))
                .withQueryParam("startedAfter", equalTo(Long.toString(STARTED.minusSeconds(3600).toEpochMilli())))
                .withQueryParam("expand", equalTo("properties")));
        assertThat(result).isInstanceOf(WorklogWriteResult.Created.class);
        assertThat(((WorklogWriteResult.Created) result).worklog().id()).isEqualTo("10077");
        assertThat(((WorklogWriteResult.Created) result).readBack()).isTrue();
    }

    @Test
    void aPostWhoseConnectionWasResetIsReadBackAndNotSentAgainWhenJiraHasIt() {
        wm.stubFor(post(urlPathEqualTo(WORKLOGS)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        wm.stubFor(get(urlPathEqualTo(WORKLOGS)).willReturn(okJson(page(0, 1, worklog("10077", ours("entry:123"))))));

        WorklogWriteResult result = write(new WorklogWrite.Create("ABC-12", CONTENT, "auto"));

        wm.verify(1, postRequestedFor(urlPathEqualTo(WORKLOGS)));
        assertThat(((WorklogWriteResult.Created) result).worklog().id()).isEqualTo("10077");
    }

    @Test
    void aPostWhoseAnswerWasLostIsSentExactlyOnceMoreWhenJiraHasNoSuchWorklog() {
        // another worklog of the same entry's workspace with another key, and a person's: neither is the lost one
        wm.stubFor(get(urlPathEqualTo(WORKLOGS)).willReturn(okJson(page(0, 2, worklog("555", null), worklog("556", ours("entry:124"))))));
        wm.stubFor(post(urlPathEqualTo(WORKLOGS)).inScenario("lost").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        wm.stubFor(post(urlPathEqualTo(WORKLOGS)).inScenario("lost").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201).withBody("{\"id\":\"10078\"}")));

        WorklogWriteResult result = write(new WorklogWrite.Create("ABC-12", CONTENT, "auto"));

        wm.verify(2, postRequestedFor(urlEqualTo(WORKLOGS + QUERY + "auto")).withRequestBody(equalToJson(
                "{\"started\":\"2026-12-07T09:15:00.000+0000\",\"timeSpentSeconds\":1800,\"comment\":" + ADF
                        + ",\"properties\":[{\"key\":\"toggl-task-sync\",\"value\":" + MARK_JSON + "}]}")));
        wm.verify(1, getRequestedFor(urlPathEqualTo(WORKLOGS)));
        assertThat(result).isInstanceOf(WorklogWriteResult.Created.class);
        assertThat(((WorklogWriteResult.Created) result).worklog().id()).isEqualTo("10078");
        assertThat(((WorklogWriteResult.Created) result).readBack()).isFalse();
    }

    @Test
    void aPostLostEveryTimeIsSentNoMoreOftenThanARetryThenFails() {
        wm.stubFor(get(urlPathEqualTo(WORKLOGS)).willReturn(okJson(page(0, 0))));
        wm.stubFor(post(urlPathEqualTo(WORKLOGS)).willReturn(aResponse().withStatus(503)));

        WorklogWriteResult result = write(new WorklogWrite.Create("ABC-12", CONTENT, "auto"));

        wm.verify(1 + maxRetries(), postRequestedFor(urlPathEqualTo(WORKLOGS)));
        wm.verify(1 + maxRetries(), getRequestedFor(urlPathEqualTo(WORKLOGS)));
        assertThat(result).isInstanceOf(WorklogWriteResult.Failed.class);
        assertThat(((WorklogWriteResult.Failed) result).reason()).startsWith("POST " + WORKLOGS + " (read back by GET " + WORKLOGS + "): ")
                .contains("lost " + (1 + maxRetries()) + " time(s)", "not sent again");
    }

    @Test
    void aRateLimitedPostIsSentAgainWithoutAReadBack() {
        wm.stubFor(post(urlPathEqualTo(WORKLOGS)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")).willSetStateTo("calm"));
        wm.stubFor(post(urlPathEqualTo(WORKLOGS)).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(201).withBody("{\"id\":\"10079\"}")));

        WorklogWriteResult result = write(new WorklogWrite.Create("ABC-12", CONTENT, "auto"));

        wm.verify(2, postRequestedFor(urlPathEqualTo(WORKLOGS)));
        wm.verify(0, getRequestedFor(urlPathEqualTo(WORKLOGS)));
        assertThat(((WorklogWriteResult.Created) result).worklog().id()).isEqualTo("10079");
    }

    @Test
    void readingPagesEachIssueToTheEndWithTheProperties() {
        Instant after = Instant.parse("2026-11-23T00:00:00Z");
        wm.stubFor(get(urlPathEqualTo(WORKLOGS)).withQueryParam("startAt", equalTo("0"))
                .willReturn(okJson(page(0, 3, worklog("1", ours("entry:123")), worklog("2", null)))));
        wm.stubFor(get(urlPathEqualTo(WORKLOGS)).withQueryParam("startAt", equalTo("2")).willReturn(okJson(page(2, 3,
                worklog("3", "[{\"key\":\"toggl-task-sync\",\"value\":{\"key\":\"entry:9\",\"workspace_id\":\"42\"}}]")))));
        // a Jira that ignores startedAfter: the older worklog is left out all the same
        wm.stubFor(get(urlPathEqualTo("/rest/api/3/issue/ABC-13/worklog")).willReturn(okJson(page(0, 1,
                "{\"id\":\"4\",\"started\":\"2026-11-22T23:59:59.000+0000\",\"timeSpentSeconds\":60,\"properties\":" + ours("entry:8") + "}"))));

        Exchange exchange = send("direct:jira-worklog-read", new WorklogQuery(List.of("ABC-12", "ABC-13"), after, 2));

        assertThat(exchange.getException()).isNull();
        JiraWorklogs read = exchange.getMessage().getBody(JiraWorklogs.class);
        String ms = Long.toString(after.toEpochMilli());
        wm.verify(1, getRequestedFor(urlEqualTo(WORKLOGS + "?startedAfter=" + ms + "&expand=properties&startAt=0&maxResults=2")));
        wm.verify(1, getRequestedFor(urlEqualTo(WORKLOGS + "?startedAfter=" + ms + "&expand=properties&startAt=2&maxResults=2")));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/rest/api/3/issue/ABC-13/worklog")));
        assertThat(read.calls()).isEqualTo(3);
        assertThat(read.unreadable()).isEmpty();
        assertThat(read.worklogs()).extracting(JiraWorklog::id).containsExactly("1", "2", "3");
        // ours; a person's; a malformed property is no mark: never touched
        assertThat(read.worklogs()).extracting(JiraWorklog::mark).containsExactly(MARK, null, null);
        assertThat(read.worklogs().get(0).started()).isEqualTo(STARTED);
        assertThat(read.worklogs().get(0).comment()).isEqualTo("Ada Lovelace: ABC-12 fix login");
    }

    @Test
    void readingSetsAsideAnIssueJiraDoesNotShowAndAKeyThatIsNoKey() {
        wm.stubFor(get(urlPathEqualTo("/rest/api/3/issue/ABC-1/worklog")).willReturn(aResponse().withStatus(404)
                .withBody("{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"],\"errors\":{}}")));
        wm.stubFor(get(urlPathEqualTo(WORKLOGS)).willReturn(okJson(page(0, 1, worklog("1", ours("entry:123"))))));

        Exchange exchange = send("direct:jira-worklog-read", WorklogQuery.of(List.of("ABC-1", "../myself", "ABC-12"), STARTED));

        assertThat(exchange.getException()).isNull();
        JiraWorklogs read = exchange.getMessage().getBody(JiraWorklogs.class);
        assertThat(read.unreadable()).containsOnlyKeys("ABC-1", "../myself");
        assertThat(read.unreadable().get("ABC-1")).contains("Issue does not exist");
        assertThat(read.worklogs()).extracting(JiraWorklog::id).containsExactly("1");
        wm.verify(2, anyRequestedFor(anyUrl()));
        wm.verify(1, getRequestedFor(urlPathEqualTo(WORKLOGS)).withQueryParam("maxResults", equalTo("5000")));
    }

    @Test
    void aRefusedLoginEndsTheReadWithoutTheToken() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401).withBody("Basic " + JiraFixture.JIRA_TOKEN)));

        Exchange exchange = send("direct:jira-worklog-read", WorklogQuery.of(List.of("ABC-12", "ABC-13"), STARTED));

        assertThat(exchange.getException()).isInstanceOf(JiraRefused.class);
        assertThat(exchange.getException().getMessage()).doesNotContain(JiraFixture.JIRA_TOKEN);
        wm.verify(1, anyRequestedFor(anyUrl()));
    }
}
