package io.toggltasksync.sync;

import static io.toggltasksync.testing.TestSettings.P1;
import static io.toggltasksync.testing.TestSettings.WS;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.account.DeadLetterFile;
import io.toggltasksync.account.Ledger;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.IssueEvent;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.source.SourceDeferred;
import io.toggltasksync.state.StateFile;
import io.toggltasksync.state.StateJournal;
import io.toggltasksync.state.SyncState;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.RouteTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code jira-event} route (jira-event.camel.yaml): one issue's change, Jira and Toggl mocked. No sync state
 * defers it unread; a key Jira refuses is ignored; a Jira failure after the retries or a refused write fails it
 * (the write dead-lettered, appended to the file); a spent quota, or a source that asks to wait, defers it; a deletion is confirmed by Jira's read
 * (no such issue) or mirrored as Jira still has it. The
 * state file is the assertion: an event left undone leaves its record as it was. The run is built as
 * {@code SyncService.applyEvent} builds it. The pattern: see {@code TogglCallRouteTest}.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class JiraEventRouteTest extends RouteTest {

    static final String JQL = "project = ALPHA";
    static final long TASK = 10;
    static final String RENAMED = "ALPHA-1 Login page, with SSO";

    MockEndpoint jira;
    MockEndpoint toggl;
    /** What reaches the dead letter route. */
    MockEndpoint writeFailed;
    SyncSettings settings;
    SyncRun run;

    @BeforeEach
    void mockJiraAndToggl() throws Exception {
        jira = mockJira();
        toggl = mockToggl();
        writeFailed = watchDeadLetters();
        settings = settings(JiraFixture.concat(JiraFixture.cloudSettings(JIRA_URL, JQL, 100), "toggl.project-map=ALPHA=" + P1));
        jira.whenAnyExchangeReceived(answer(200, JiraFixture.page(JiraFixture.issue("ALPHA-1", "Login page, with SSO", "indeterminate",
                null, 3600L))));
        toggl.whenAnyExchangeReceived(answer(200, taskJson(TASK, RENAMED)));
    }

    /** The state an import of ALPHA-1 "Login page" (task 10 of project P1) leaves. */
    private SyncState imported() throws Exception {
        SyncState state = new SyncState(SyncState.VERSION, settings.stateFingerprint(), 1_800_000_000L, 1_799_990_000L, Set.of(P1),
                1_799_990_000L, false, List.of(new TogglTask(TASK, WS, P1, "ALPHA-1 Login page", 3600L, true, "jira", "issue", "ALPHA-1")),
                io.toggltasksync.testing.Cursors.jira(1_799_990_000L, null),
                List.of(new SourceTask(Provider.JIRA, "ALPHA-1", "ALPHA-1 Login page", P1, 3600L, true, 1)), null);
        StateFile.save(settings.state().stateFile(), state);
        return state;
    }

    /** The event applied as {@code SyncService.applyEvent} applies it: its dead letters appended, the state read first. */
    private EventResult apply(boolean deleted) {
        try (DeadLetterFile deadLetters = new DeadLetterFile(settings.run().deadLetterFile(), settings.secrets(), true)) {
            run = new SyncRun(settings, new Ledger(deadLetters), new IssueEvent("ALPHA-1", deleted, Instant.now(), 1));
            run.source(new io.toggltasksync.source.jira.JiraSource());
            RunStatePersistence.beginEvent(run);
            Exchange exchange = template.send("direct:jira-event", exchange(run, null));
            assertThat(exchange.getException()).isNull();
            return run.eventResult();
        }
    }

    private SyncState stateAfter() {
        return StateFile.load(settings.state().stateFile(), settings.stateFingerprint()).state();
    }

    @Test
    void aRenameIsOneJiraSearchForTheKeyAndOneTogglWriteAndTheStateLearnsIt() throws Exception {
        imported();

        EventResult result = apply(false);

        assertThat(result.outcome()).isEqualTo(EventOutcome.APPLIED);
        assertThat(jira.getReceivedCounter()).isEqualTo(1);
        assertThat(jira.getReceivedExchanges().get(0).getMessage().getHeader(Exchange.HTTP_QUERY, String.class))
                .contains("issuekey").contains("ALPHA-1");
        assertThat(toggl.getReceivedCounter()).as("no Toggl read: planned against the state").isEqualTo(1);
        assertThat(stateAfter().tasks()).extracting(TogglTask::name).containsExactly(RENAMED);
        assertThat(stateAfter().records()).extracting(SourceTask::name).containsExactly(RENAMED);
    }

    @Test
    void anEventWritesWhatItChangedBesideTheStateNeverTheStateWhole() throws Exception {
        imported();
        byte[] before = Files.readAllBytes(settings.state().stateFile());

        assertThat(apply(false).outcome()).isEqualTo(EventOutcome.APPLIED);

        assertThat(Files.readAllBytes(settings.state().stateFile())).as("the state file as the import left it").isEqualTo(before);
        Path journal = StateJournal.file(settings.state().stateFile());
        assertThat(Files.readAllLines(journal)).singleElement().asString().contains(RENAMED);
        assertThat(stateAfter().tasks()).extracting(TogglTask::name).containsExactly(RENAMED);
    }

    @Test
    void withoutASyncStateTheEventIsDeferredAndNeitherJiraNorTogglIsCalled() {
        EventResult result = apply(false);

        assertThat(result.outcome()).isEqualTo(EventOutcome.DEFERRED);
        assertThat(result.reason()).contains("no sync state");
        assertThat(jira.getReceivedCounter()).isZero();
        assertThat(toggl.getReceivedCounter()).isZero();
        assertThat(settings.state().stateFile()).doesNotExist();
    }

    @Test
    void aKeyJiraRefusesToSearchIsIgnoredAndNothingIsWritten() throws Exception {
        SyncState before = imported();
        jira.whenAnyExchangeReceived(answer(400, "{\"errorMessages\":[\"An issue with key 'ALPHA-1' does not exist\"]}"));

        EventResult result = apply(false);

        assertThat(result.outcome()).isEqualTo(EventOutcome.IGNORED);
        assertThat(redeliveries.count()).isZero();
        assertThat(toggl.getReceivedCounter()).isZero();
        assertThat(stateAfter()).isEqualTo(before);
    }

    @Test
    void aJiraServerErrorAfterTheRetriesFailsTheEventAndNothingIsWritten() throws Exception {
        SyncState before = imported();
        jira.whenAnyExchangeReceived(answer(503, "Service Unavailable"));

        EventResult result = apply(false);

        assertThat(result.outcome()).isEqualTo(EventOutcome.FAILED);
        assertThat(result.reason()).startsWith("Jira: ");
        assertThat(jira.getReceivedCounter()).isEqualTo(1 + maxRetries());
        assertThat(toggl.getReceivedCounter()).isZero();
        assertThat(stateAfter().tasks()).isEqualTo(before.tasks());
        assertThat(stateAfter().records()).isEqualTo(before.records());
    }

    @Test
    void aRefusedWriteFailsTheEventAndIsAppendedToTheDeadLetterFile() throws Exception {
        SyncState before = imported();
        Path deadLetters = Files.writeString(settings.run().deadLetterFile(), "{\"kind\":\"rejected\",\"external_id\":\"from the last run\"}\n");
        toggl.whenAnyExchangeReceived(answer(400, "name is too long"));

        EventResult result = apply(false);

        assertThat(result.outcome()).isEqualTo(EventOutcome.FAILED);
        assertThat(writeFailed.getReceivedCounter()).isEqualTo(1);
        assertThat(Files.readAllLines(deadLetters)).hasSize(2).first().asString().contains("from the last run");
        assertThat(Files.readAllLines(deadLetters).get(1)).contains("ALPHA-1").contains("name is too long");
        assertThat(stateAfter().records()).as("the record as it was: the next run tries again").isEqualTo(before.records());
    }

    @Test
    void aQuotaSpentDuringTheWriteDefersTheEvent() throws Exception {
        SyncState before = imported();
        toggl.whenAnyExchangeReceived(quotaSpent());

        EventResult result = apply(false);

        assertThat(result.outcome()).isEqualTo(EventOutcome.DEFERRED);
        assertThat(run.stop().isStopped()).isTrue();
        assertThat(stateAfter().records()).isEqualTo(before.records());
        assertThat(stateAfter().sweepNext()).isFalse();
    }

    @Test
    void aSourceThatAsksToWaitDefersTheEventAsItStopsARun() throws Exception {
        SyncState before = imported();
        // what the source contract says a source throws when its rate limit resets too late (GitHub's does); a run stops
        // on it (exit 1), and so does an event of any source: deferred, not failed
        jira.whenAnyExchangeReceived(e -> {
            throw new SourceDeferred("rate limit spent, resets in 3600 s");
        });

        EventResult result = apply(false);

        assertThat(result.outcome()).as(result.reason()).isEqualTo(EventOutcome.DEFERRED);
        assertThat(run.stop().isStopped()).isTrue();
        assertThat(redeliveries.count()).isZero();
        assertThat(toggl.getReceivedCounter()).isZero();
        assertThat(stateAfter().records()).isEqualTo(before.records());
    }

    @Test
    void aDeletionJirasSearchConfirmsDeactivatesTheTask() throws Exception {
        imported();
        jira.whenAnyExchangeReceived(answer(200, JiraFixture.page()));
        // the deactivation is a bulk PATCH: Toggl answers which ids it changed
        toggl.whenAnyExchangeReceived(answer(200, "{\"success\":[" + TASK + "],\"failure\":[]}"));

        EventResult result = apply(true);

        assertThat(result.outcome()).as(result.reason()).isEqualTo(EventOutcome.APPLIED);
        assertThat(jira.getReceivedCounter()).as("the key searched within the JQL: no such issue").isEqualTo(1);
        assertThat(toggl.getReceivedCounter()).isEqualTo(1);
        assertThat(stateAfter().records()).as("the issue is gone").isEmpty();
        assertThat(stateAfter().tasks()).extracting(TogglTask::active).containsExactly(false);
    }

    @Test
    void aDeletionOfAKeyJiraNoLongerKnowsDeactivatesTheTask() throws Exception {
        imported();
        jira.whenAnyExchangeReceived(answer(400, "{\"errorMessages\":[\"An issue with key 'ALPHA-1' does not exist for field 'issuekey'.\"]}"));
        toggl.whenAnyExchangeReceived(answer(200, "{\"success\":[" + TASK + "],\"failure\":[]}"));

        EventResult result = apply(true);

        assertThat(result.outcome()).as(result.reason()).isEqualTo(EventOutcome.APPLIED);
        assertThat(redeliveries.count()).isZero();
        assertThat(stateAfter().records()).isEmpty();
        assertThat(stateAfter().tasks()).extracting(TogglTask::active).containsExactly(false);
    }

    @Test
    void aDeletionOfAnIssueJiraStillHasWritesNothingAndKeepsItsRecord() throws Exception {
        SyncState before = imported();
        // a signed delete captured and replayed under a new delivery id: Jira still has the issue, unchanged
        jira.whenAnyExchangeReceived(answer(200, JiraFixture.page(JiraFixture.issue("ALPHA-1", "Login page", "indeterminate", null, 3600L))));

        EventResult result = apply(true);

        assertThat(result.outcome()).as(result.reason()).isEqualTo(EventOutcome.UNCHANGED);
        assertThat(jira.getReceivedCounter()).isEqualTo(1);
        assertThat(toggl.getReceivedCounter()).isZero();
        assertThat(stateAfter().records()).isEqualTo(before.records());
        assertThat(stateAfter().tasks()).isEqualTo(before.tasks());
        assertThat(stateAfter().sweepNext()).isFalse();
    }

    @Test
    void aDeletionOfAnIssueJiraStillHasThatChangedMirrorsIt() throws Exception {
        imported();

        EventResult result = apply(true);

        assertThat(result.outcome()).as(result.reason()).isEqualTo(EventOutcome.APPLIED);
        assertThat(stateAfter().tasks()).extracting(TogglTask::name, TogglTask::active).containsExactly(org.assertj.core.api.Assertions.tuple(RENAMED, true));
        assertThat(stateAfter().records()).extracting(SourceTask::name).containsExactly(RENAMED);
    }

    @Test
    void aDeletionTheQuotaLeavesUndoneAsksTheNextRunForASweep() throws Exception {
        imported();
        jira.whenAnyExchangeReceived(answer(200, JiraFixture.page()));
        toggl.whenAnyExchangeReceived(quotaSpent());

        EventResult result = apply(true);

        assertThat(result.outcome()).isEqualTo(EventOutcome.DEFERRED);
        assertThat(stateAfter().records()).hasSize(1);
        assertThat(stateAfter().sweepNext()).as("only a sweep sees that an issue is gone").isTrue();
    }
}
