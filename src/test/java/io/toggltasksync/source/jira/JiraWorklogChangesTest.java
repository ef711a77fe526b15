package io.toggltasksync.source.jira;

import io.toggltasksync.source.SourceException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.model.WorklogMark;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.RouteTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exact requests of Jira's worklog feeds ({@code jira-worklog-changes}: {@code /worklog/updated} with the
 * properties, then {@code /worklog/deleted}, each paged from its own place by {@code until}) and of the read by id
 * ({@code jira-worklog-list}), against WireMock.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class JiraWorklogChangesTest extends RouteTest {

    static final String UPDATED = "/rest/api/3/worklog/updated";
    static final String DELETED = "/rest/api/3/worklog/deleted";
    static final String OURS = "[{\"key\":\"toggl-task-sync\",\"value\":{\"key\":\"entry:5\",\"workspace_id\":42,\"entry_ids\":[5]}}]";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private Exchange send(String uri, Object body, String... overrides) {
        String[] settings = JiraFixture.concat(JiraFixture.cloudSettings(wm.baseUrl(), "project = ABC", 50), "toggl.project-map=ABC=1001");
        return template.send(uri, exchange(newRun(JiraFixture.concat(settings, overrides)), body));
    }

    private static String page(long since, long until, boolean last, String... values) {
        return "{\"values\":[" + String.join(",", values) + "],\"since\":" + since + ",\"until\":" + until + ",\"lastPage\":" + last
                + (last ? "" : ",\"nextPage\":\"https://elsewhere.example/rest/api/3/worklog/updated?since=" + until + "\"") + "}";
    }

    @Test
    void bothFeedsAreReadFromTheirOwnPlacePagedByUntilNeverByJirasLink() {
        wm.stubFor(get(urlPathEqualTo(UPDATED)).withQueryParam("since", equalTo("1000"))
                .willReturn(okJson(page(1000, 2000, false, "{\"worklogId\":11,\"updatedTime\":1500,\"properties\":" + OURS + "}",
                        "{\"worklogId\":12,\"updatedTime\":2000,\"properties\":[]}"))));
        wm.stubFor(get(urlPathEqualTo(UPDATED)).withQueryParam("since", equalTo("2000"))
                .willReturn(okJson(page(2000, 2600, true, "{\"worklogId\":11,\"updatedTime\":2600,\"properties\":" + OURS + "}"))));
        wm.stubFor(get(urlPathEqualTo(DELETED)).withQueryParam("since", equalTo("900"))
                .willReturn(okJson(page(900, 0, true))));

        Exchange ex = send("direct:jira-worklog-changes", new WorklogChangesQuery(Instant.ofEpochMilli(1000), Instant.ofEpochMilli(900)));

        assertThat(ex.getException()).isNull();
        wm.verify(getRequestedFor(urlEqualTo(UPDATED + "?since=1000&expand=properties")));
        wm.verify(getRequestedFor(urlEqualTo(UPDATED + "?since=2000&expand=properties")));
        wm.verify(getRequestedFor(urlEqualTo(DELETED + "?since=900")));
        assertThat(wm.getAllServeEvents()).hasSize(3);
        WorklogChanges changes = ex.getMessage().getBody(WorklogChanges.class);
        assertThat(changes.updated()).containsExactly(
                new WorklogChanges.Change("11", Instant.ofEpochMilli(2600), new WorklogMark("entry:5", 42, List.of(5L))),
                new WorklogChanges.Change("12", Instant.ofEpochMilli(2000), null));
        assertThat(changes.deleted()).isEmpty();
        assertThat(changes.reached()).as("an empty feed stays where it was")
                .isEqualTo(new WorklogChangesQuery(Instant.ofEpochMilli(2600), Instant.ofEpochMilli(900)));
        assertThat(changes.calls()).isEqualTo(3);
    }

    @Test
    void deletedWorklogsAreListedAndDataCenterUsesApiV2() {
        wm.stubFor(get(urlPathEqualTo("/rest/api/2/worklog/updated")).willReturn(okJson(page(5, 5, true))));
        wm.stubFor(get(urlPathEqualTo("/rest/api/2/worklog/deleted"))
                .willReturn(okJson(page(5, 70, true, "{\"worklogId\":31,\"updatedTime\":60}", "{\"worklogId\":32,\"updatedTime\":70}"))));

        Exchange ex = send("direct:jira-worklog-changes", WorklogChangesQuery.since(Instant.ofEpochMilli(5)), "jira.deployment=datacenter");

        WorklogChanges changes = ex.getMessage().getBody(WorklogChanges.class);
        assertThat(changes.deleted()).containsExactlyInAnyOrder("31", "32");
        assertThat(changes.reached().deletedSince()).isEqualTo(Instant.ofEpochMilli(70));
    }

    @Test
    void aFeedThatDoesNotMoveOnEndsTheRead() {
        wm.stubFor(get(urlPathEqualTo(UPDATED)).willReturn(okJson(page(1000, 1000, false, "{\"worklogId\":11,\"updatedTime\":1000}"))));

        Exchange ex = send("direct:jira-worklog-changes", WorklogChangesQuery.since(Instant.ofEpochMilli(1000)));

        assertThat(ex.getException()).isInstanceOf(SourceException.class).hasMessageContaining("did not move on");
        assertThat(wm.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aTransientFailureOfAFeedIsRetried() {
        wm.stubFor(get(urlPathEqualTo(UPDATED)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        wm.stubFor(get(urlPathEqualTo(UPDATED)).inScenario("s").whenScenarioStateIs("up").willReturn(okJson(page(1, 1, true))));
        wm.stubFor(get(urlPathEqualTo(DELETED)).willReturn(okJson(page(1, 1, true))));

        Exchange ex = send("direct:jira-worklog-changes", WorklogChangesQuery.since(Instant.ofEpochMilli(1)));

        assertThat(ex.getException()).isNull();
        assertThat(wm.getAllServeEvents()).hasSize(3);
    }

    @Test
    void worklogsAreReadByIdAThousandACallWithTheirPropertiesAndIssueId() {
        wm.stubFor(post(urlPathEqualTo("/rest/api/3/worklog/list")).willReturn(okJson("[{\"id\":\"7\",\"issueId\":\"10042\","
                + "\"started\":\"2026-12-07T10:15:00.000+0100\",\"updated\":\"2026-12-07T11:00:00.250+0000\",\"timeSpentSeconds\":600,"
                + "\"comment\":\"hi\",\"properties\":" + OURS + "}]")));
        List<String> ids = IntStream.rangeClosed(1, 1001).mapToObj(Integer::toString).collect(Collectors.toCollection(ArrayList::new));

        Exchange ex = send("direct:jira-worklog-list", ids);

        assertThat(ex.getException()).isNull();
        String first = IntStream.rangeClosed(1, 1000).mapToObj(Integer::toString).collect(Collectors.joining(","));
        wm.verify(postRequestedFor(urlEqualTo("/rest/api/3/worklog/list?expand=properties")).withRequestBody(equalToJson("{\"ids\":[" + first + "]}")));
        wm.verify(postRequestedFor(urlEqualTo("/rest/api/3/worklog/list?expand=properties")).withRequestBody(equalToJson("{\"ids\":[1001]}")));
        @SuppressWarnings("unchecked")
        List<JiraWorklog> read = ex.getMessage().getBody(List.class);
        assertThat(read).containsExactly(new JiraWorklog("7", null, Instant.parse("2026-12-07T09:15:00Z"), 600, "hi",
                new WorklogMark("entry:5", 42, List.of(5L)), 10042L, Instant.parse("2026-12-07T11:00:00.250Z")));
    }

    @Test
    void noIdsNoCall() {
        Exchange ex = send("direct:jira-worklog-list", List.of());

        assertThat(ex.getException()).isNull();
        assertThat(wm.getAllServeEvents()).isEmpty();
        assertThat(ex.getMessage().getBody(List.class)).isEmpty();
    }

    @Test
    void aWrittenWorklogKeepsJirasIssueIdAndTimeOfTheWrite() {
        wm.stubFor(post(urlPathEqualTo("/rest/api/3/issue/ABC-12/worklog")).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":\"9\",\"issueId\":\"10042\",\"updated\":\"2026-12-07T11:00:00.250+0000\"}")));
        WorklogContent content = new WorklogContent(Instant.parse("2026-12-07T09:15:00Z"), 600, "hi", new WorklogMark("entry:5", 42, List.of(5L)));

        Exchange ex = send("direct:jira-worklog-write", new WorklogWrite.Create("ABC-12", content, "auto"));

        JiraWorklog written = ((WorklogWriteResult.Created) ex.getMessage().getBody(WorklogWriteResult.class)).worklog();
        assertThat(written.issueId()).isEqualTo(10042L);
        assertThat(written.updated()).isEqualTo(Instant.parse("2026-12-07T11:00:00.250Z"));
        assertThat(Set.of(written.id())).containsExactly("9");
    }
}
