package io.toggltasksync.toggl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.testing.RouteTest;
import io.toggltasksync.testing.TestSettings;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code toggl-snapshot} and {@code toggl-read-page} routes (toggl-snapshot.camel.yaml): through
 * {@code toggl-snapshot}, the pages read and a failed page failing the whole snapshot (so the run aborts before
 * anything is planned); through {@code toggl-read-page} alone, whose read ({@code toggl-read}) is under the route
 * configuration {@code toggl-read-errors} (error-handling.camel.yaml), which failures of a page are retried and which
 * fail it at once. The pattern: see {@code TogglCallRouteTest}.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class TogglSnapshotRouteTest extends RouteTest {

    MockEndpoint toggl;
    SyncRun run;

    @BeforeEach
    void advise() throws Exception {
        toggl = mockToggl();
        run = newRun();
    }

    /** A listing page of project P1 holding the tasks {@code firstId..lastId}, the server granting 2 a page. */
    private static String page(int page, long totalCount, long firstId, long lastId) {
        String tasks = LongStream.rangeClosed(firstId, lastId).mapToObj(id -> taskJson(id, "Task " + id))
                .collect(Collectors.joining(","));
        return "{\"data\":[" + tasks + "],\"page\":" + page + ",\"per_page\":2,\"total_count\":" + totalCount + "}";
    }

    private Exchange snapshotOfP1() {
        return template.send("direct:toggl-snapshot", exchange(run, List.of(TestSettings.P1)));
    }

    /** The {@code toggl-read-page} route alone, its read under {@code toggl-read-errors}: page 1 of P1. */
    private Exchange readPageOneOfP1() {
        return template.send("direct:toggl-read-page",
                exchange(run, SnapshotPage.of(run.toggl(), TestSettings.P1, 1, null)));
    }

    private List<String> queriesSent() {
        return toggl.getReceivedExchanges().stream().map(e -> e.getMessage().getHeader(Exchange.HTTP_QUERY, String.class)).toList();
    }

    @Test
    void pageOnesTotalCountQueuesTheFollowingPages() {
        toggl.whenExchangeReceived(1, answer(200, page(1, 5, 1, 2)));
        toggl.whenExchangeReceived(2, answer(200, page(2, 5, 3, 4)));
        toggl.whenExchangeReceived(3, answer(200, page(3, 5, 5, 5)));

        Exchange exchange = snapshotOfP1();

        assertThat(exchange.getException()).isNull();
        assertThat(queriesSent()).hasSize(3);
        assertThat(queriesSent().get(0)).contains("page=1");
        assertThat(queriesSent().get(1)).contains("page=2");
        assertThat(queriesSent().get(2)).contains("page=3");
        assertThat(run.snapshot().size()).isEqualTo(5);
    }

    @Test
    void aSpentQuotaInTheSpreadSweepsPagesEndsThemAloneAndTheSnapshotStands() {
        run.snapshot().sweepPages(List.of(new SweepPages.Range(TestSettings.P1, 1, 3)), 0);
        toggl.whenExchangeReceived(1, answer(200, page(1, 2, 1, 2)));
        toggl.whenExchangeReceived(2, answer(200, page(1, 5, 1, 2)));
        toggl.whenExchangeReceived(3, quotaSpent());

        Exchange exchange = snapshotOfP1();

        assertThat(exchange.getException()).as("the run plans with what it read").isNull();
        assertThat(queriesSent()).as("the run's own page, then the sweep's until the 402; the third not sent").hasSize(3);
        assertThat(queriesSent().get(1)).contains("page=1", "sort_field=created_at").doesNotContain("since");
        assertThat(run.snapshot().sweep().pagesRead()).isEqualTo(1);
        assertThat(run.snapshot().sweep().reads().get(TestSettings.P1).end()).isFalse();
        assertThat(run.snapshot().size()).isEqualTo(2);
    }

    @Test
    void theEarliestDateOfTheAnswersIsWhenTheRunBeganReading() {
        toggl.whenExchangeReceived(1, answer(200, page(1, 3, 1, 2), "Date", "Mon, 30 Nov 2026 08:00:00 GMT"));
        toggl.whenExchangeReceived(2, answer(200, page(2, 3, 3, 3), "Date", "Mon, 30 Nov 2026 08:00:02 GMT"));

        snapshotOfP1();

        assertThat(run.snapshot().startedAt()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z").getEpochSecond());
    }

    @Test
    void anAnswerWithoutAnHttpDateLeavesTheTimeUnknown() {
        toggl.whenExchangeReceived(1, answer(200, page(1, 1, 1, 1), "Date", "yesterday"));

        snapshotOfP1();

        assertThat(run.snapshot().startedAt()).isNull();
        assertThat(run.snapshot().size()).isEqualTo(1);
    }

    @Test
    void aFailedFollowingPageFailsTheSnapshotAndNoLaterPageIsAsked() {
        toggl.whenExchangeReceived(1, answer(200, page(1, 6, 1, 2)));
        toggl.whenExchangeReceived(2, answer(403, "Forbidden"));

        Exchange exchange = snapshotOfP1();

        assertThat(exchange.getException(TogglAuthException.class)).isNotNull();
        assertThat(run.snapshot().size()).isEqualTo(2);
        assertThat(queriesSent()).hasSize(2);
    }

    @Test
    void aServerErrorOnAPageIsRetriedThenFailsThePage() {
        toggl.whenAnyExchangeReceived(answer(503, "Service Unavailable"));

        Exchange exchange = readPageOneOfP1();

        assertThat(exchange.getException()).isInstanceOf(TogglTransientException.class);
        assertThat(toggl.getReceivedCounter()).isEqualTo(1 + maxRetries());
        assertThat(redeliveries.count()).isEqualTo(maxRetries());
        assertThat(run.snapshot().size()).isZero();
    }

    @Test
    void aClientErrorOnAPageFailsThePageAtOnce() {
        toggl.whenAnyExchangeReceived(answer(400, "pid is not a project of this workspace"));

        Exchange exchange = readPageOneOfP1();

        assertThat(exchange.getException()).isInstanceOf(TogglClientException.class);
        assertThat(toggl.getReceivedCounter()).isEqualTo(1);
        assertThat(redeliveries.count()).isZero();
    }

    @Test
    void aSpentQuotaFailsThePageAtOnce() {
        toggl.whenAnyExchangeReceived(quotaSpent());

        Exchange exchange = readPageOneOfP1();

        assertThat(exchange.getException()).isInstanceOf(TogglQuotaException.class);
        assertThat(toggl.getReceivedCounter()).isEqualTo(1);
        assertThat(redeliveries.count()).isZero();
    }

    @Test
    void aListingThatIsNotJsonFailsThePageWithoutRedelivery() {
        toggl.whenAnyExchangeReceived(answer(200, "<html>proxy login</html>"));

        Exchange exchange = readPageOneOfP1();

        assertThat(exchange.getException()).isInstanceOf(JsonProcessingException.class);
        assertThat(redeliveries.count()).isZero();
    }
}
