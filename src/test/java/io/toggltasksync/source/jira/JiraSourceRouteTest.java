package io.toggltasksync.source.jira;

import io.toggltasksync.source.SourceException;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.RouteTest;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code jira-source} and {@code jira-call} routes (jira-source.camel.yaml) under their error handling, the route
 * configuration {@code jira-read-errors} (error-handling.camel.yaml): the desired set is the body only when every page
 * was read; 429 and 5xx are retried, anything else aborts at once. The pattern: see {@code TogglCallRouteTest}.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class JiraSourceRouteTest extends RouteTest {

    MockEndpoint jira;

    @BeforeEach
    void jiraMocked() throws Exception {
        jira = mockJira();
    }

    /** One page of a Jira Cloud search answer with one issue of project ALPHA; {@code next} is the next page's token, or null. */
    private static String page(String key, String next) {
        return "{\"issues\":[" + JiraFixture.issue(key, "Issue " + key, "new", null, 3600L) + "],"
                + (next == null ? "\"isLast\":true}" : "\"nextPageToken\":\"" + next + "\",\"isLast\":false}");
    }

    private Exchange search() {
        SyncRun run = newRun("sync.source=jira", "jira.url=" + JIRA_URL, "jira.user=me@acme.test",
                "jira.token=jira-secret-token", "jira.jql=project = ALPHA", "toggl.project-map=ALPHA=1001");
        return template.send("direct:jira-source", exchange(run, null));
    }

    @Test
    void everyPageIsReadIntoTheDesiredSet() {
        jira.whenExchangeReceived(1, answer(200, page("ALPHA-1", "p2")));
        jira.whenExchangeReceived(2, answer(200, page("ALPHA-2", null)));

        Exchange exchange = search();

        assertThat(exchange.getException()).isNull();
        assertThat(jira.getReceivedCounter()).isEqualTo(2);
        assertThat(exchange.getMessage().getBody(SourceBatch.class).tasks()).hasSize(2);
    }

    @Test
    void pagesThatOverlapAreReadAgainOnceThenAbortWithNoDesiredSet() {
        jira.whenExchangeReceived(1, answer(200, page("ALPHA-1", "p2")));
        jira.whenExchangeReceived(2, answer(200, page("ALPHA-1", null)));
        jira.whenExchangeReceived(3, answer(200, page("ALPHA-1", "p2")));
        jira.whenExchangeReceived(4, answer(200, page("ALPHA-1", null)));

        Exchange exchange = search();

        assertThat(exchange.getException()).isInstanceOf(SourceException.class).hasMessageContaining("incomplete twice");
        assertThat(jira.getReceivedCounter()).isEqualTo(4);
        assertThat(redeliveries.count()).isZero();
        assertThat(exchange.getMessage().getBody()).isNotInstanceOf(SourceBatch.class);
    }

    @Test
    void pagesThatOverlapOnceAreReadAgainIntoTheDesiredSet() {
        jira.whenExchangeReceived(1, answer(200, page("ALPHA-1", "p2")));
        jira.whenExchangeReceived(2, answer(200, page("ALPHA-1", null)));
        jira.whenExchangeReceived(3, answer(200, page("ALPHA-1", "p2")));
        jira.whenExchangeReceived(4, answer(200, page("ALPHA-2", null)));

        Exchange exchange = search();

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(SourceBatch.class).tasks()).extracting(t -> t.externalId()).containsExactly("ALPHA-1", "ALPHA-2");
    }

    @Test
    void aRefusedSearchAbortsAtOnceWithNoDesiredSet() {
        jira.whenAnyExchangeReceived(answer(400, "{\"errorMessages\":[\"Field 'sprint' does not exist\"]}"));

        Exchange exchange = search();

        assertThat(exchange.getException()).isInstanceOf(SourceException.class);
        assertThat(jira.getReceivedCounter()).isEqualTo(1);
        assertThat(redeliveries.count()).isZero();
        assertThat(exchange.getMessage().getBody()).isNotInstanceOf(SourceBatch.class);
    }

    @Test
    void aRateLimitedPageIsRetried() {
        jira.whenExchangeReceived(1, answer(429, "Too Many Requests"));
        jira.whenExchangeReceived(2, answer(200, page("ALPHA-1", null)));

        Exchange exchange = search();

        assertThat(exchange.getException()).isNull();
        assertThat(jira.getReceivedCounter()).isEqualTo(2);
        assertThat(exchange.getMessage().getBody(SourceBatch.class).tasks()).hasSize(1);
    }

    @Test
    void aServerErrorIsRetriedThenAborts() {
        jira.whenAnyExchangeReceived(answer(503, "Service Unavailable"));

        Exchange exchange = search();

        assertThat(exchange.getException()).isInstanceOf(JiraTransientException.class);
        assertThat(jira.getReceivedCounter()).isEqualTo(1 + maxRetries());
        assertThat(redeliveries.count()).isEqualTo(maxRetries());
        assertThat(exchange.getMessage().getBody()).isNotInstanceOf(SourceBatch.class);
    }

    @Test
    void anAnswerThatIsNotJsonIsNotRetried() {
        jira.whenAnyExchangeReceived(answer(200, "<html>Log in to Atlassian</html>"));

        Exchange exchange = search();

        assertThat(exchange.getException()).isInstanceOf(SourceException.class);
        assertThat(redeliveries.count()).isZero();
    }
}
