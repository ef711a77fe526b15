package io.toggltasksync.toggl;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.model.TimeEntry;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.testing.RouteTest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routes of toggl-time-entries.camel.yaml: {@code toggl-time-entries} reads the detailed search page after page
 * until no {@code X-Next-Row-Number}; each page (through {@code toggl-read}, under {@code toggl-read-errors}) is
 * retried on a transient failure and fails the read at once on a 403 or a spent quota, so no partial list is ever
 * handed on; the bean's workspace read tells whether the token is a workspace admin. The pattern: see
 * {@code TogglCallRouteTest}.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class TogglTimeEntriesRouteTest extends RouteTest {

    private static final ZoneId PLUS_ONE = ZoneId.of("+01:00");

    MockEndpoint toggl;
    SyncRun run;

    @BeforeEach
    void advise() throws Exception {
        toggl = mockToggl();
        run = newRun();
    }

    private static String rows(long... entryIds) {
        StringBuilder sb = new StringBuilder("[");
        for (long id : entryIds) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append("{\"user_id\":7,\"username\":\"Ann\",\"project_id\":1001,\"task_id\":55,\"description\":\"work\",")
                    .append("\"row_number\":").append(id).append(",\"time_entries\":[{\"id\":").append(id)
                    .append(",\"seconds\":900,\"start\":\"2026-12-07T10:00:00+01:00\",\"stop\":\"2026-12-07T10:15:00+01:00\",")
                    .append("\"at\":\"2026-12-07T10:15:00+01:00\"}]}");
        }
        return sb.append(']').toString();
    }

    private Exchange read() {
        TimeEntryQuery query = new TimeEntryQuery(TOGGL_REPORTS_URL, PLUS_ONE, Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-12-07T12:00:00Z"), 2);
        return template.send("direct:toggl-time-entries", exchange(run, query));
    }

    private List<String> bodiesSent() {
        return toggl.getReceivedExchanges().stream().map(e -> e.getMessage().getBody(String.class)).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<TimeEntry> entries(Exchange exchange) {
        return exchange.getMessage().getBody(List.class);
    }

    @Test
    void pagesAreReadUntilTheLastAndTheBodyIsTheEntries() {
        toggl.whenExchangeReceived(1, answer(200, rows(1, 2), "X-Next-Row-Number", "3", "X-Next-ID", "3"));
        toggl.whenExchangeReceived(2, answer(200, rows(3)));

        Exchange exchange = read();

        assertThat(exchange.getException()).isNull();
        assertThat(toggl.getReceivedExchanges()).allSatisfy(e -> {
            assertThat(e.getProperty(TogglApi.ENDPOINT)).isEqualTo(TOGGL_REPORTS_URL);
            assertThat(e.getMessage().getHeader(Exchange.HTTP_PATH)).isEqualTo("/workspace/42/search/time_entries");
            assertThat(e.getMessage().getHeader(Exchange.HTTP_METHOD)).isEqualTo("POST");
        });
        assertThat(bodiesSent()).containsExactly(
                "{\"start_date\":\"2026-11-30\",\"end_date\":\"2026-12-08\",\"page_size\":2}",
                "{\"start_date\":\"2026-11-30\",\"end_date\":\"2026-12-08\",\"page_size\":2,\"first_row_number\":3}");
        assertThat(entries(exchange)).extracting(TimeEntry::id).containsExactly(1L, 2L, 3L);
        assertThat(entries(exchange).get(0).start()).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
        assertThat(run.toggl().calls().byStatus()).containsEntry(200, 2L);
    }

    @Test
    void aServerErrorOnAPageIsRetriedWithTheSamePage() {
        toggl.whenExchangeReceived(1, answer(200, rows(1, 2), "X-Next-Row-Number", "3"));
        toggl.whenExchangeReceived(2, answer(503, "Service Unavailable"));
        toggl.whenExchangeReceived(3, answer(200, rows(3)));

        Exchange exchange = read();

        assertThat(exchange.getException()).isNull();
        assertThat(redeliveries.count()).isEqualTo(1);
        List<String> bodies = bodiesSent(); // read once: a body read is not read again
        assertThat(bodies.get(2)).isEqualTo(bodies.get(1)).contains("\"first_row_number\":3");
        assertThat(entries(exchange)).extracting(TimeEntry::id).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aForbiddenSearchEndsTheReadWithAClearErrorAtOnce() {
        toggl.whenExchangeReceived(1, answer(200, rows(1, 2), "X-Next-Row-Number", "3"));
        toggl.whenExchangeReceived(2, answer(403, "Forbidden"));

        Exchange exchange = read();

        assertThat(exchange.getException()).isInstanceOf(TogglAuthException.class)
                .hasMessageContaining("403").hasMessageContaining("workspace admin");
        assertThat(toggl.getReceivedCounter()).isEqualTo(2);
        assertThat(redeliveries.count()).isZero();
        assertThat(exchange.getMessage().getBody()).isNotInstanceOf(List.class);
    }

    @Test
    void aSpentQuotaStopsTheReadWithoutRetrying() {
        toggl.whenExchangeReceived(1, answer(200, rows(1, 2), "X-Next-Row-Number", "3"));
        toggl.whenExchangeReceived(2, quotaSpent());

        Exchange exchange = read();

        assertThat(exchange.getException()).isInstanceOf(TogglQuotaException.class);
        assertThat(toggl.getReceivedCounter()).isEqualTo(2);
        assertThat(redeliveries.count()).isZero();
    }

    @Test
    void pagingThatDoesNotMoveOnFailsTheReadInsteadOfLooping() {
        toggl.whenAnyExchangeReceived(answer(200, rows(1, 2), "X-Next-Row-Number", "1"));

        Exchange exchange = read();

        assertThat(exchange.getException()).isInstanceOf(TogglClientException.class).hasMessageContaining("does not move on");
        assertThat(toggl.getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void theWorkspaceReadSaysWhetherTheTokenIsAnAdmin() {
        toggl.whenExchangeReceived(1, answer(200, "{\"id\":42,\"name\":\"W\",\"premium\":true,\"admin\":false}"));
        toggl.whenExchangeReceived(2, answer(200, "{\"id\":42,\"name\":\"W\",\"premium\":true,\"admin\":true}"));

        TogglRead read = new TogglTimeEntries().workspaceRead(run.toggl());
        TogglWorkspace notAdmin = template.send("direct:toggl-read", exchange(run, read)).getMessage().getBody(TogglWorkspace.class);
        TogglWorkspace admin = template.send("direct:toggl-read", exchange(run, read)).getMessage().getBody(TogglWorkspace.class);

        assertThat(notAdmin.seesEveryonesEntries()).isFalse();
        assertThat(admin.seesEveryonesEntries()).isTrue();
        assertThat(toggl.getReceivedExchanges()).allSatisfy(e -> {
            assertThat(e.getProperty(TogglApi.ENDPOINT)).isEqualTo(TOGGL_URL);
            assertThat(e.getMessage().getHeader(Exchange.HTTP_PATH)).isEqualTo("/workspaces/42");
        });
    }
}
