package io.toggltasksync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.support.Json;
import io.toggltasksync.testing.JiraStandIn.Issue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stand-in keeps and refuses worklogs as Jira does: an end-to-end test that passes against it would pass against Jira. */
class JiraStandInTest {

    private static final String ISSUE = "/rest/api/3/issue/ALPHA-1/worklog";
    private static final String MARK = "[{\"key\":\"toggl-task-sync\",\"value\":{\"key\":\"entry:7\",\"workspace_id\":42,\"entry_ids\":[7]}}]";

    private final JiraStandIn jira = JiraStandIn.start().setIssues(Issue.open("ALPHA-1", "Login"), Issue.open("ALPHA-2", "Signup"),
            Issue.open("BETA-1", "Billing"));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        jira.close();
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body) throws Exception {
        String basic = Base64.getEncoder().encodeToString((JiraStandIn.USER + ":" + JiraFixture.JIRA_TOKEN).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(jira.url() + pathAndQuery)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String worklog(String started, long seconds) {
        return "{\"started\":\"" + started + "\",\"timeSpentSeconds\":" + seconds + ",\"comment\":{\"type\":\"doc\",\"version\":1,"
                + "\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Ada: fix\"}]}]},\"properties\":" + MARK + "}";
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void aPostIsKeptInWholeMinutesWithItsCommentAndPropertyAndReadBackOnlyWithExpand() throws Exception {
        HttpResponse<String> created = send("POST", ISSUE + "?notifyUsers=false&adjustEstimate=leave", worklog("2026-12-07T09:15:00.000+0000", 150));

        assertThat(created.statusCode()).isEqualTo(201);
        JiraStandIn.Worklog stored = jira.worklog(json(created).path("id").asText());
        assertThat(stored.timeSpentSeconds()).as("Jira keeps minutes").isEqualTo(120);
        assertThat(stored.started()).isEqualTo(Instant.parse("2026-12-07T09:15:00Z"));
        assertThat(stored.comment()).isEqualTo("Ada: fix");
        assertThat(stored.mark().path("key").asText()).isEqualTo("entry:7");
        assertThat(stored.authorAccountId()).isEqualTo(JiraStandIn.OWN_ACCOUNT);
        assertThat(jira.requests().get(0).query()).containsEntry("notifyUsers", "false").containsEntry("adjustEstimate", "leave");

        JsonNode plain = json(send("GET", ISSUE, ""));
        assertThat(plain.path("total").asInt()).isEqualTo(1);
        assertThat(plain.path("worklogs").get(0).has("properties")).isFalse();
        JsonNode expanded = json(send("GET", ISSUE + "?expand=properties", ""));
        assertThat(expanded.path("worklogs").get(0).path("properties").get(0).path("value").path("entry_ids").get(0).asLong()).isEqualTo(7);
        assertThat(expanded.path("worklogs").get(0).path("started").asText()).isEqualTo("2026-12-07T09:15:00.000+0000");
        jira.answerStartedWithOffset(java.time.ZoneOffset.ofHours(1));
        assertThat(json(send("GET", ISSUE, "")).path("worklogs").get(0).path("started").asText()).isEqualTo("2026-12-07T10:15:00.000+0100");
    }

    @Test
    void otherDateFormsAndLessThanAMinuteAreRefusedAsJiraRefusesThem() throws Exception {
        for (String started : new String[] {"2026-12-07T09:15:00Z", "2026-12-07T09:15:00.000Z", "2026-12-07T09:15:00.000+00:00",
                "2026-12-07T09:15:00+0000"}) {
            HttpResponse<String> refused = send("POST", ISSUE, worklog(started, 600));
            assertThat(refused.statusCode()).as(started).isEqualTo(400);
            assertThat(json(refused).path("errors").has("started")).isTrue();
        }
        assertThat(send("POST", ISSUE, worklog("2026-12-07T10:15:00.000+0100", 59)).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/rest/api/3/issue/NOPE-1/worklog", worklog("2026-12-07T10:15:00.000+0100", 60)).statusCode())
                .isEqualTo(404);
        assertThat(jira.allWorklogs()).isEmpty();
        assertThat(send("POST", ISSUE, worklog("2026-12-07T10:15:00.000+0100", 60)).statusCode()).isEqualTo(201);
        assertThat(jira.worklogs("ALPHA-1").get(0).started()).isEqualTo(Instant.parse("2026-12-07T09:15:00Z"));
    }

    @Test
    void aPutChangesWhatItNamesADeleteRemovesAndASecondDeleteIs404() throws Exception {
        String id = json(send("POST", ISSUE, worklog("2026-12-07T09:15:00.000+0000", 600))).path("id").asText();

        assertThat(send("PUT", ISSUE + "/" + id, "{\"timeSpentSeconds\":1200}").statusCode()).isEqualTo(200);
        assertThat(jira.worklog(id).timeSpentSeconds()).isEqualTo(1200);
        assertThat(jira.worklog(id).comment()).as("untouched").isEqualTo("Ada: fix");
        assertThat(jira.worklog(id).mark()).isNotNull();

        jira.loseNextDeleteAnswer();
        assertThatThrownBy(() -> send("DELETE", ISSUE + "/" + id, "")).isInstanceOf(IOException.class);
        assertThat(send("DELETE", ISSUE + "/" + id, "").statusCode()).isEqualTo(404);
        assertThat(send("PUT", ISSUE + "/" + id, "{\"timeSpentSeconds\":1200}").statusCode()).isEqualTo(404);
        assertThat(jira.worklogs("ALPHA-1")).isEmpty();
        assertThat(jira.worklogWrites()).isEqualTo(5);
        assertThat(jira.count("DELETE", "/rest/api/3/issue/ALPHA-1/worklog/\\d+")).isEqualTo(2);
    }

    @Test
    void worklogsArePagedWithATotalAndFilteredByStartedAfterInclusive() throws Exception {
        Instant base = Instant.parse("2026-12-01T08:00:00Z");
        for (int i = 0; i < 5; i++) {
            jira.addPersonsWorklog("ALPHA-1", base.plusSeconds(3600L * i), 600, "by hand " + i);
        }
        JsonNode page = json(send("GET", ISSUE + "?startedAfter=" + base.plusSeconds(3600).toEpochMilli() + "&startAt=1&maxResults=2", ""));

        assertThat(page.path("total").asInt()).isEqualTo(4);
        jira.capWorklogPages(1);
        assertThat(json(send("GET", ISSUE + "?maxResults=50", "")).path("worklogs")).hasSize(1);
        assertThat(page.path("worklogs")).extracting(w -> w.path("comment").path("content").get(0).path("content").get(0).path("text").asText())
                .containsExactly("by hand 2", "by hand 3");
    }

    @Test
    void aPersonsEditIsSeenAndItsWorklogHasNoProperty() throws Exception {
        JiraStandIn.Worklog own = jira.worklog(json(send("POST", ISSUE, worklog("2026-12-07T09:15:00.000+0000", 600))).path("id").asText());
        JiraStandIn.Worklog person = jira.addPersonsWorklog("ALPHA-1", Instant.parse("2026-12-07T11:00:00Z"), 900, "meeting");

        jira.editWorklog(own.id(), null, 1800L, null);

        assertThat(jira.worklog(own.id()).timeSpentSeconds()).isEqualTo(1800);
        assertThat(jira.worklog(own.id()).mark()).isNotNull();
        assertThat(person.mark()).isNull();
        JsonNode read = json(send("GET", "/rest/api/2/issue/ALPHA-1/worklog?expand=properties", ""));
        assertThat(read.path("worklogs").get(1).path("comment").asText()).as("v2: the comment as text").isEqualTo("meeting");
        assertThat(read.path("worklogs").get(1).path("properties")).isEmpty();
    }

    @Test
    void aLostAnswerStillStoresTheWorklog() throws Exception {
        jira.loseNextPostAnswer(JiraStandIn.Loss.ANSWER_500).loseNextPostAnswer(JiraStandIn.Loss.CLOSE_CONNECTION);

        assertThat(send("POST", ISSUE, worklog("2026-12-07T09:15:00.000+0000", 600)).statusCode()).isEqualTo(500);
        assertThatThrownBy(() -> send("POST", ISSUE, worklog("2026-12-07T10:15:00.000+0000", 600))).isInstanceOf(IOException.class);
        assertThat(send("POST", ISSUE, worklog("2026-12-07T11:15:00.000+0000", 600)).statusCode()).isEqualTo(201);

        assertThat(jira.worklogs("ALPHA-1")).hasSize(3);
        assertThat(jira.requests()).extracting(JiraStandIn.Request::status).containsExactly(500, 0, 201);

        jira.failNextPost(503);
        assertThat(send("POST", ISSUE, worklog("2026-12-07T12:15:00.000+0000", 600)).statusCode()).isEqualTo(503);
        assertThat(jira.worklogs("ALPHA-1")).as("refused before storing").hasSize(3);
        jira.deleteIssue("ALPHA-1");
        assertThat(send("GET", ISSUE, "").statusCode()).isEqualTo(404);
    }

    @Test
    void theSearchIsPagedAndWrongCredentialsOrTimeTrackingOffAreRefused() throws Exception {
        JsonNode first = json(send("GET", "/rest/api/3/search/jql?jql=x&maxResults=2", ""));
        assertThat(first.path("issues")).extracting(i -> i.path("key").asText()).containsExactly("ALPHA-1", "ALPHA-2");
        JsonNode last = json(send("GET", "/rest/api/3/search/jql?jql=x&maxResults=2&nextPageToken=" + first.path("nextPageToken").asText(), ""));
        assertThat(last.path("issues")).extracting(i -> i.path("key").asText()).containsExactly("BETA-1");
        assertThat(last.path("isLast").asBoolean()).isTrue();
        assertThat(json(send("GET", "/rest/api/2/search?jql=x&startAt=2&maxResults=2", "")).path("total").asInt()).isEqualTo(3);

        jira.ageIssues(java.time.Duration.ofHours(1)).setIssues(Issue.open("ALPHA-1", "Login"), Issue.open("ALPHA-2", "Signup form"),
                Issue.open("BETA-1", "Billing"));
        String window = java.net.URLEncoder.encode("(x) AND updated >= \"-10m\"", StandardCharsets.UTF_8);
        assertThat(json(send("GET", "/rest/api/3/search/jql?jql=" + window, "")).path("issues"))
                .as("only the issue changed within the window").extracting(i -> i.path("key").asText()).containsExactly("ALPHA-2");

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(jira.url() + ISSUE)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        jira.refuseSearch(400, "Error in the JQL Query");
        assertThat(send("GET", "/rest/api/3/search/jql?jql=x", "").statusCode()).isEqualTo(400);
        jira.refuseSearch(0, null);
        assertThat(send("GET", "/rest/api/3/search/jql?jql=x", "").statusCode()).isEqualTo(200);

        jira.disableTimeTracking();
        assertThat(send("POST", ISSUE, worklog("2026-12-07T09:15:00.000+0000", 600)).statusCode()).isEqualTo(400);
        assertThat(json(send("GET", "/rest/api/3/configuration", "")).path("timeTrackingEnabled").asBoolean()).isFalse();
    }
}
