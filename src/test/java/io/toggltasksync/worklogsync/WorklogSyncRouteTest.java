package io.toggltasksync.worklogsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.account.Ledger;
import io.toggltasksync.config.WorklogSettings;
import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.model.TimeEntry;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.model.WorklogMark;
import io.toggltasksync.source.jira.JiraWorklogs;
import io.toggltasksync.source.jira.WorklogWrite;
import io.toggltasksync.source.jira.WorklogWriteResult;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.testing.RouteTest;
import io.toggltasksync.testing.TestSettings;
import io.toggltasksync.toggl.TimeEntryQuery;
import io.toggltasksync.toggl.TogglClientException;
import io.toggltasksync.toggl.TogglQuotaException;
import io.toggltasksync.toggl.TogglRead;
import io.toggltasksync.toggl.TogglWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The error paths of {@code worklog-sync} (worklog-sync.camel.yaml): each read and each write it sends replaced by a
 * mock that answers or throws. A failed read or a spent quota never fails the exchange (the task run's result
 * stands): the worklogs are reported failed or deferred with exit 1; a refused write is dead-lettered and the
 * writes go on, but for a 401, which stops them. The pattern: see {@code TogglCallRouteTest}.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class WorklogSyncRouteTest extends RouteTest {

    private static final long TASK = 7;
    private static final Instant START = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    /** The workspace read and GET /me. */
    MockEndpoint togglReads;
    MockEndpoint entries;
    MockEndpoint worklogs;
    MockEndpoint writes;
    final List<Ledger.Entry> deadLetters = new ArrayList<>();

    @BeforeEach
    void mocked() throws Exception {
        adviseOnce("worklog-sync", route -> {
            route.interceptSendToEndpoint("direct:toggl-read").skipSendToOriginalEndpoint().to("mock:wl-toggl-read");
            route.interceptSendToEndpoint("direct:toggl-time-entries").skipSendToOriginalEndpoint().to("mock:wl-entries");
            route.interceptSendToEndpoint("direct:jira-worklog-read").skipSendToOriginalEndpoint().to("mock:wl-worklogs");
            route.interceptSendToEndpoint("direct:jira-worklog-write").skipSendToOriginalEndpoint().to("mock:wl-write");
        });
        // the workspace, then GET /me: told apart by the type each read asks for
        togglReads = mock("mock:wl-toggl-read");
        togglReads.whenAnyExchangeReceived(e -> e.getMessage().setBody(
                e.getMessage().getBody(TogglRead.class).answerType().hasRawClass(TogglWorkspace.class)
                        ? new TogglWorkspace(TestSettings.WS, "Acme", true, true)
                        : io.toggltasksync.support.Json.MAPPER.readTree("{\"timezone\":\"UTC\"}")));
        entries = mock("mock:wl-entries");
        entries.whenAnyExchangeReceived(e -> e.getMessage().setBody(List.of(entry(1, "login"), entry(2, "signup"))));
        worklogs = mock("mock:wl-worklogs");
        worklogs.whenAnyExchangeReceived(e -> e.getMessage().setBody(new JiraWorklogs(List.of(), Map.of(), 1)));
        writes = mock("mock:wl-write");
        writes.whenAnyExchangeReceived(e -> e.getMessage().setBody(new WorklogWriteResult.Failed(e.getMessage().getBody(WorklogWrite.class),
                400, "POST /rest/api/3/issue/ABC-12/worklog: 400 Time tracking is disabled")));
        deadLetters.clear();
    }

    private static TimeEntry entry(long id, String description) {
        Instant start = START.plusSeconds(id * 3600);
        return new TimeEntry(id, TestSettings.WS, 5, "Ada", TestSettings.P1, TASK, description, start, start.plusSeconds(1800), 1800, null);
    }

    private SyncRun run(String... overrides) throws Exception {
        Path csv = Files.writeString(dir.resolve("empty.csv"), "external_id,name\n");
        TestSettings s = TestSettings.run(TOGGL_URL, dir).csv(csv).overrides("sync.source=jira", "jira.url=" + JIRA_URL,
                "jira.user=me@acme.test", "jira.token=jira-secret-token", "jira.jql=project = ABC", "toggl.project-map=ABC=1001",
                "worklog.sync=true").overrides(overrides);
        WorklogSettings worklogSettings = s.worklogs();
        SyncRun run = new SyncRun(s.load(), new Ledger(deadLetters::add), null, worklogSettings);
        run.snapshot().add(new TogglTask(TASK, TestSettings.WS, TestSettings.P1, "ABC-12 Login", null, true, "jira", "issue", "ABC-12"));
        return run;
    }

    private SyncRun send(String... overrides) throws Exception {
        SyncRun run = run(overrides);
        Exchange exchange = template.send("direct:worklog-sync", exchange(run, null));
        assertThat(exchange.getException()).isNull();
        return run;
    }

    private static Map<String, Object> section(SyncRun run) {
        return run.reportSections().get(WorklogReport.KEY);
    }

    @Test
    void aFailedEntriesReadWritesNothingAndReportsTheWorklogsFailedWithExitOne() throws Exception {
        entries.whenAnyExchangeReceived(e -> {
            throw new TogglClientException(403, "Toggl refused the reports search (403)");
        });

        SyncRun run = send();

        assertThat(worklogs.getReceivedCounter()).isZero();
        assertThat(writes.getReceivedCounter()).isZero();
        assertThat(section(run)).containsEntry("status", "failed").containsEntry("created", 0)
                .hasEntrySatisfying("reason", r -> assertThat((String) r).contains("403"));
        // the task run's own result stands: not aborted, exit 1 for the worklogs
        assertThat(run.isAborted()).isFalse();
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void aQuotaStopDuringTheEntriesReadDefersTheWorklogs() throws Exception {
        entries.whenAnyExchangeReceived(e -> {
            throw new TogglQuotaException(1800, "the hourly Toggl quota is spent");
        });

        SyncRun run = send();

        assertThat(worklogs.getReceivedCounter()).isZero();
        assertThat(writes.getReceivedCounter()).isZero();
        assertThat(section(run)).containsEntry("status", "deferred").containsEntry("reason", "the hourly Toggl quota is spent");
        assertThat(run.isAborted()).isFalse();
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void aRunStoppedDuringTheTaskWritesReadsNothingForTheWorklogs() throws Exception {
        SyncRun run = run();
        run.stop().stop("the hourly Toggl quota is spent");

        template.send("direct:worklog-sync", exchange(run, null));

        assertThat(togglReads.getReceivedCounter()).isZero();
        assertThat(entries.getReceivedCounter()).isZero();
        assertThat(section(run)).containsEntry("status", "deferred");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void aRefusedWriteIsDeadLetteredAndTheNextIsStillSent() throws Exception {
        SyncRun run = send();

        assertThat(writes.getReceivedCounter()).isEqualTo(2);
        assertThat(deadLetters).hasSize(2);
        Ledger.Entry first = deadLetters.get(0);
        assertThat(first.kind()).isEqualTo("worklog-failed");
        assertThat(first.externalId()).isEqualTo("ABC-12");
        assertThat(first.name()).isEqualTo("entry:1");
        assertThat(first.status()).isEqualTo(400);
        assertThat(first.reason()).contains("entries [1]").contains("Time tracking is disabled");
        assertThat(section(run)).containsEntry("failed", 2).containsEntry("created", 0);
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void a401StopsTheWritesAfterIt() throws Exception {
        writes.whenAnyExchangeReceived(e -> e.getMessage().setBody(new WorklogWriteResult.Failed(e.getMessage().getBody(WorklogWrite.class),
                401, "POST /rest/api/3/issue/ABC-12/worklog: 401")));

        SyncRun run = send();

        assertThat(writes.getReceivedCounter()).isEqualTo(1);
        assertThat(section(run)).containsEntry("failed", 1).containsEntry("not_sent", 1)
                .containsEntry("stopped", "Jira refused the token (401)");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    /** One deletion of one worklog would trip the guard: these are about the look-up. */
    private static final String GUARD_OFF = "sync.max-missing-ratio=1";

    /** Jira has our worklog of entry 99, which the window's read does not give: deleted, or moved before the window. */
    private void entry99GoneFromTheWindow(Processor lookUp) {
        JiraWorklog ours = new JiraWorklog("100", "ABC-12", START, 1800, "Toggl: Ada — old",
                new WorklogMark("entry:99", TestSettings.WS, List.of(99L)));
        worklogs.whenAnyExchangeReceived(e -> e.getMessage().setBody(new JiraWorklogs(List.of(ours), Map.of(), 1)));
        entries.whenAnyExchangeReceived(e -> {
            if (e.getMessage().getBody(TimeEntryQuery.class).entryIds().isEmpty()) {
                e.getMessage().setBody(List.of(entry(1, "login"), entry(2, "signup")));
            } else {
                lookUp.process(e);
            }
        });
    }

    private TimeEntryQuery lookUpQuery() {
        return entries.getReceivedExchanges().get(1).getMessage().getBody(TimeEntryQuery.class);
    }

    @Test
    void aFailedLookUpOfTheDeletedWorklogsEntriesLeavesEveryWorklogAsItIs() throws Exception {
        entry99GoneFromTheWindow(e -> {
            throw new TogglClientException(500, "Toggl answered 500 to the reports search");
        });

        SyncRun run = send(GUARD_OFF);

        assertThat(entries.getReceivedCounter()).isEqualTo(2);
        assertThat(lookUpQuery().entryIds()).containsExactly(99L);
        assertThat(writes.getReceivedCounter()).as("neither the deletion nor the creates").isZero();
        assertThat(section(run)).containsEntry("status", "failed").containsEntry("created", 0).containsEntry("deleted", 0)
                .containsEntry("not_sent", 0).hasEntrySatisfying("reason", r -> assertThat((String) r).contains("500"));
        assertThat(run.isAborted()).isFalse();
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void aQuotaStopDuringTheLookUpDefersTheWorklogs() throws Exception {
        entry99GoneFromTheWindow(e -> {
            throw new TogglQuotaException(1800, "the hourly Toggl quota is spent");
        });

        SyncRun run = send(GUARD_OFF);

        assertThat(writes.getReceivedCounter()).isZero();
        assertThat(section(run)).containsEntry("status", "deferred").containsEntry("reason", "the hourly Toggl quota is spent");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void anEntryTheLookUpFindsBeforeTheWindowKeepsItsWorklog() throws Exception {
        entry99GoneFromTheWindow(e -> {
            Instant old = START.minus(30, ChronoUnit.DAYS);
            e.getMessage().setBody(List.of(new TimeEntry(99, TestSettings.WS, 5, "Ada", TestSettings.P1, TASK, "old", old,
                    old.plusSeconds(1800), 1800, null)));
        });
        writes.whenAnyExchangeReceived(e -> {
            WorklogWrite.Create create = e.getMessage().getBody(WorklogWrite.Create.class);
            e.getMessage().setBody(new WorklogWriteResult.Created(create, null, false));
        });

        SyncRun run = send(GUARD_OFF);

        assertThat(writes.getReceivedExchanges()).extracting(e -> e.getMessage().getBody()).hasSize(2)
                .allSatisfy(w -> assertThat(w).isInstanceOf(WorklogWrite.Create.class));
        assertThat(section(run)).containsEntry("status", "done").containsEntry("created", 2).containsEntry("deleted", 0);
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void anEntryTheLookUpDoesNotFindWasDeletedAndSoIsItsWorklog() throws Exception {
        entry99GoneFromTheWindow(e -> e.getMessage().setBody(List.of()));
        writes.whenAnyExchangeReceived(e -> {
            WorklogWrite write = e.getMessage().getBody(WorklogWrite.class);
            e.getMessage().setBody(write instanceof WorklogWrite.Create c ? new WorklogWriteResult.Created(c, null, false)
                    : new WorklogWriteResult.Deleted((WorklogWrite.Delete) write, false));
        });

        SyncRun run = send(GUARD_OFF);

        assertThat(entries.getReceivedCounter()).isEqualTo(2);
        assertThat(writes.getReceivedExchanges()).extracting(e -> e.getMessage().getBody())
                .filteredOn(w -> w instanceof WorklogWrite.Delete).singleElement()
                .satisfies(d -> assertThat(((WorklogWrite.Delete) d).existing().id()).isEqualTo("100"));
        assertThat(section(run)).containsEntry("deleted", 1).containsEntry("created", 2);
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void writtenWorklogsExitZero() throws Exception {
        writes.whenAnyExchangeReceived(e -> {
            WorklogWrite.Create create = e.getMessage().getBody(WorklogWrite.Create.class);
            e.getMessage().setBody(new WorklogWriteResult.Created(create, null, false));
        });

        SyncRun run = send();

        assertThat(writes.getReceivedCounter()).isEqualTo(2);
        assertThat(entries.getReceivedCounter()).as("no deletion: no look-up").isEqualTo(1);
        assertThat(deadLetters).isEmpty();
        assertThat(section(run)).containsEntry("status", "done").containsEntry("created", 2);
        assertThat(run.exitCode()).isZero();
    }
}
