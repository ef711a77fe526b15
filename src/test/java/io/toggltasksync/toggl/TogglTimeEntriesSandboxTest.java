package io.toggltasksync.toggl;

import io.toggltasksync.config.WorklogSettings;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.account.Ledger;
import io.toggltasksync.model.TimeEntry;
import io.toggltasksync.sandbox.TogglSandbox;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.testing.RunRoutes;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The time entry reader against the sandbox: a user an hour ahead of UTC, pages of two, the entries the window holds
 * with their instants as stored, the calls counted against the quota, and a token that is no workspace admin.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class TogglTimeEntriesSandboxTest {

    private static final long OTHER_USER = 9_000_001L;
    private static final ZoneId PLUS_ONE = ZoneId.of("+01:00");

    SandboxFixture t;
    SyncRun run;

    @BeforeEach
    void start() {
        t.sandbox.setUserTimeZone(PLUS_ONE);
        run = new SyncRun(t.settings(t.csv("empty.csv")), new Ledger(e -> { }));
    }

    private TimeEntry entry(long userId, String start, long minutes) {
        Instant s = Instant.parse(start);
        return t.sandbox.addTimeEntry(SandboxFixture.WS, userId, "U" + userId, SandboxFixture.P1, null, "work", s, s.plusSeconds(60 * minutes));
    }

    private Exchange read(Instant from, Instant to) {
        TimeEntryQuery query = new TimeEntryQuery(WorklogSettings.reportsUrl(t.sandbox.baseUrl()), PLUS_ONE, from, to, 2);
        return RunRoutes.send("direct:toggl-time-entries", run, query);
    }

    @SuppressWarnings("unchecked")
    private static List<TimeEntry> entries(Exchange exchange) {
        assertThat(exchange.getException()).isNull();
        return exchange.getMessage().getBody(List.class);
    }

    @Test
    void readsEveryPageAndKeepsTheEntriesThatStartedInTheWindowAsStored() {
        entry(OTHER_USER, "2026-12-01T22:59:00Z", 10); // before the window, on the search's first day
        TimeEntry a = entry(OTHER_USER, "2026-12-01T23:30:00Z", 10); // the 2nd at +01:00
        TimeEntry b = entry(TogglSandbox.REQUESTER_USER_ID, "2026-12-03T08:00:00Z", 45);
        TimeEntry c = entry(OTHER_USER, "2026-12-05T12:00:00Z", 5);
        TimeEntry d = entry(OTHER_USER, "2026-12-06T23:10:00Z", 20);
        t.sandbox.setQuota(100, 3600);

        List<TimeEntry> read = entries(read(Instant.parse("2026-12-01T23:00:00Z"), Instant.parse("2026-12-07T12:00:00Z")));

        assertThat(read).containsExactly(a, b, c, d);
        assertThat(t.sandbox.requestCount("POST")).isEqualTo(3); // 5 rows, 2 a page
        assertThat(t.sandbox.quotaRemaining()).isEqualTo(97);
        assertThat(run.toggl().calls().byStatus()).containsEntry(200, 3L);
    }

    @Test
    void aServerErrorOnAPageIsRetriedAndNoEntryIsLost() {
        TimeEntry a = entry(OTHER_USER, "2026-12-02T08:00:00Z", 10);
        TimeEntry b = entry(OTHER_USER, "2026-12-02T09:00:00Z", 10);
        TimeEntry c = entry(OTHER_USER, "2026-12-02T10:00:00Z", 10);
        t.sandbox.injectFault(TogglSandbox.Fault.serverError("POST", "/search/time_entries$"));

        List<TimeEntry> read = entries(read(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-07T12:00:00Z")));

        assertThat(read).containsExactly(a, b, c);
        assertThat(t.sandbox.requests()).extracting(TogglSandbox.RecordedRequest::status).containsExactly(500, 200, 200);
        assertThat(run.retries()).isEqualTo(1);
    }

    @Test
    void aTokenThatIsNoAdminReadsOnlyItsOwnEntriesAndTheWorkspaceSaysSo() {
        entry(OTHER_USER, "2026-12-03T08:00:00Z", 30);
        TimeEntry mine = entry(TogglSandbox.REQUESTER_USER_ID, "2026-12-03T09:00:00Z", 30);
        t.sandbox.setWorkspaceAdmin(false);

        List<TimeEntry> read = entries(read(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-07T12:00:00Z")));
        TogglWorkspace answer = RunRoutes.send("direct:toggl-read", run, new TogglTimeEntries().workspaceRead(run.toggl()))
                .getMessage().getBody(TogglWorkspace.class);

        assertThat(read).containsExactly(mine);
        assertThat(answer.seesEveryonesEntries()).isFalse();
    }
}
