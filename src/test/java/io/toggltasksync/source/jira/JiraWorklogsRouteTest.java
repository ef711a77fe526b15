package io.toggltasksync.source.jira;

import io.toggltasksync.source.SourceException;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.model.WorklogMark;
import io.toggltasksync.testing.RouteTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The error paths of the worklog routes (jira-worklogs.camel.yaml, jira-worklog-writes.camel.yaml) under their route
 * configurations (jira-read-errors, jira-create-errors): Jira mocked through {@code jira-call}, the redeliveries
 * counted. What is retried, what is set aside, what becomes a failure. The pattern: see {@code TogglCallRouteTest}.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class JiraWorklogsRouteTest extends RouteTest {

    static final WorklogMark MARK = new WorklogMark("entry:123", 42, List.of(123L));
    static final Instant STARTED = Instant.parse("2026-12-07T09:15:00Z");
    static final WorklogContent CONTENT = new WorklogContent(STARTED, 1800, "Ada: fix login", MARK);
    static final JiraWorklog OURS = new JiraWorklog("10001", "ABC-12", STARTED, 1800, "old", MARK);

    MockEndpoint jira;

    @BeforeEach
    void jiraMocked() throws Exception {
        jira = mockJira();
    }

    private Exchange send(String uri, Object body) {
        return template.send(uri, exchange(newRun("sync.source=jira", "jira.url=" + JIRA_URL, "jira.user=me@acme.test",
                "jira.token=jira-secret-token", "jira.jql=project = ABC", "toggl.project-map=ABC=1001"), body));
    }

    private WorklogWriteResult write(WorklogWrite write) {
        Exchange exchange = send("direct:jira-worklog-write", write);
        assertThat(exchange.getException()).isNull();
        return exchange.getMessage().getBody(WorklogWriteResult.class);
    }

    private static String page(String... worklogs) {
        return "{\"startAt\":0,\"maxResults\":5000,\"total\":" + worklogs.length + ",\"worklogs\":[" + String.join(",", worklogs) + "]}";
    }

    private static String ours(String id) {
        return "{\"id\":\"" + id + "\",\"started\":\"2026-12-07T09:15:00.000+0000\",\"timeSpentSeconds\":1800,\"properties\":"
                + "[{\"key\":\"toggl-task-sync\",\"value\":{\"key\":\"entry:123\",\"workspace_id\":42,\"entry_ids\":[123]}}]}";
    }

    private List<String> calls() {
        List<String> calls = new ArrayList<>();
        jira.getReceivedExchanges().forEach(e -> calls.add(e.getMessage().getHeader(Exchange.HTTP_METHOD) + " "
                + e.getMessage().getHeader(Exchange.HTTP_PATH)));
        return calls;
    }

    @Test
    void anUpdateAnswered503IsRetried() {
        jira.whenExchangeReceived(1, answer(503, "busy"));
        jira.whenExchangeReceived(2, answer(200, ours("10001")));

        WorklogWriteResult result = write(new WorklogWrite.Update(OURS, CONTENT, "auto"));

        assertThat(result).isInstanceOf(WorklogWriteResult.Updated.class);
        assertThat(calls()).containsExactly("PUT /rest/api/3/issue/ABC-12/worklog/10001", "PUT /rest/api/3/issue/ABC-12/worklog/10001");
        assertThat(redeliveries.count()).isEqualTo(1);
    }

    @Test
    void aRateLimitedUpdateWaitsRetryAfterBeforeItIsSentAgain() {
        List<Long> at = new ArrayList<>();
        jira.whenExchangeReceived(1, exchange -> {
            at.add(System.nanoTime());
            answer(429, "slow down", "Retry-After", "1").process(exchange);
        });
        jira.whenExchangeReceived(2, exchange -> {
            at.add(System.nanoTime());
            answer(200, ours("10001")).process(exchange);
        });

        WorklogWriteResult result = write(new WorklogWrite.Update(OURS, CONTENT, "auto"));

        assertThat(result).isInstanceOf(WorklogWriteResult.Updated.class);
        assertThat(at.get(1) - at.get(0)).isGreaterThanOrEqualTo(1_000_000_000L);
    }

    @Test
    void anUpdateFailingEveryTimeIsAFailureAfterTheRetries() {
        jira.whenAnyExchangeReceived(answer(502, "bad gateway"));

        WorklogWriteResult.Failed failed = (WorklogWriteResult.Failed) write(new WorklogWrite.Update(OURS, CONTENT, "auto"));

        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.reason()).startsWith("PUT /rest/api/3/issue/ABC-12/worklog/10001: Jira answered 502");
        assertThat(jira.getReceivedCounter()).isEqualTo(1 + maxRetries());
    }

    @Test
    void aDeleteWhoseRetryFindsNoWorklogWasDeletedByTheFirstAttempt() {
        jira.whenExchangeReceived(1, answer(500, "oops"));
        jira.whenExchangeReceived(2, answer(404, "{\"errorMessages\":[\"Cannot find worklog with id: 10001\"]}"));

        WorklogWriteResult result = write(new WorklogWrite.Delete(OURS, "auto"));

        assertThat(result).isEqualTo(new WorklogWriteResult.Deleted(new WorklogWrite.Delete(OURS, "auto"), true));
        assertThat(jira.getReceivedCounter()).isEqualTo(2);
    }

    @Test
    void aDeleteAnswered404AtOnceIsAFailure() {
        jira.whenAnyExchangeReceived(answer(404, "{\"errorMessages\":[\"Cannot find worklog with id: 10001\"]}"));

        WorklogWriteResult.Failed failed = (WorklogWriteResult.Failed) write(new WorklogWrite.Delete(OURS, "auto"));

        assertThat(failed.status()).isEqualTo(404);
        assertThat(failed.reason()).contains("Cannot find worklog");
        assertThat(redeliveries.count()).isZero();
    }

    @Test
    void aLostPostIsReadBackWithTheReadBackRetriedAndNotSentAgain() {
        jira.whenExchangeReceived(1, answer(500, "oops"));
        jira.whenExchangeReceived(2, answer(503, "busy"));
        jira.whenExchangeReceived(3, answer(200, page(ours("10077"))));

        WorklogWriteResult result = write(new WorklogWrite.Create("ABC-12", CONTENT, "auto"));

        assertThat(((WorklogWriteResult.Created) result).worklog().id()).isEqualTo("10077");
        assertThat(calls()).containsExactly("POST /rest/api/3/issue/ABC-12/worklog", "GET /rest/api/3/issue/ABC-12/worklog",
                "GET /rest/api/3/issue/ABC-12/worklog");
        assertThat(redeliveries.count()).isEqualTo(1);
    }

    @Test
    void aLostPostWhoseReadBackFailsIsAFailureAndNotSentAgain() {
        jira.whenExchangeReceived(1, answer(500, "oops"));
        jira.whenAnyExchangeReceived(answer(503, "busy"));

        WorklogWriteResult.Failed failed = (WorklogWriteResult.Failed) write(new WorklogWrite.Create("ABC-12", CONTENT, "auto"));

        assertThat(failed.reason()).startsWith("POST /rest/api/3/issue/ABC-12/worklog (read back by GET /rest/api/3/issue/ABC-12/worklog)");
        assertThat(calls()).containsOnlyOnce("POST /rest/api/3/issue/ABC-12/worklog");
    }

    @Test
    void aPostRateLimitedEveryTimeFailsWithoutAReadBack() {
        jira.whenAnyExchangeReceived(answer(429, "slow down"));

        WorklogWriteResult.Failed failed = (WorklogWriteResult.Failed) write(new WorklogWrite.Create("ABC-12", CONTENT, "auto"));

        assertThat(failed.status()).isEqualTo(429);
        assertThat(calls()).hasSize(1 + maxRetries()).allMatch(c -> c.startsWith("POST "));
    }

    @Test
    void aPageAnswered503IsRetriedAlsoAfterAnIssueWasSetAside() {
        jira.whenExchangeReceived(1, answer(404, "{\"errorMessages\":[\"Issue does not exist\"]}"));
        jira.whenExchangeReceived(2, answer(503, "busy"));
        jira.whenExchangeReceived(3, answer(200, page(ours("7"))));

        Exchange exchange = send("direct:jira-worklog-read", WorklogQuery.of(List.of("ABC-1", "ABC-2"), STARTED));

        assertThat(exchange.getException()).isNull();
        JiraWorklogs read = exchange.getMessage().getBody(JiraWorklogs.class);
        assertThat(read.unreadable()).containsOnlyKeys("ABC-1");
        assertThat(read.worklogs()).extracting(JiraWorklog::issueKey).containsExactly("ABC-2");
        assertThat(redeliveries.count()).isEqualTo(1);
    }

    @Test
    void aPageFailingEveryTimeEndsTheReadWithNoWorklogs() {
        jira.whenAnyExchangeReceived(answer(503, "busy"));

        Exchange exchange = send("direct:jira-worklog-read", WorklogQuery.of(List.of("ABC-1"), STARTED));

        assertThat(exchange.getException()).isInstanceOf(JiraTransientException.class);
        assertThat(exchange.getMessage().getBody()).isNotInstanceOf(JiraWorklogs.class);
        assertThat(jira.getReceivedCounter()).isEqualTo(1 + maxRetries());
    }

    @Test
    void aPageThatIsNotJsonEndsTheReadWithoutRetry() {
        jira.whenAnyExchangeReceived(answer(200, "<html>Log in to Atlassian</html>"));

        Exchange exchange = send("direct:jira-worklog-read", WorklogQuery.of(List.of("ABC-1"), STARTED));

        assertThat(exchange.getException()).isInstanceOf(SourceException.class);
        assertThat(jira.getReceivedCounter()).isEqualTo(1);
        assertThat(redeliveries.count()).isZero();
    }
}
