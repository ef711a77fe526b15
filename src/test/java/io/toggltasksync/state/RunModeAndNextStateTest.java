package io.toggltasksync.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a run may read incrementally, and the state it leaves behind. */
class RunModeAndNextStateTest {

    private static final long NOW = 1_800_000_000L;
    private static final Duration DAY = Duration.ofHours(24);

    private static TogglTask task(long id, long project, String at) {
        return new TogglTask(id, 42L, project, "t" + id, null, true, "csv", "row", "X" + id, at);
    }

    private static SyncState state(long lastFullSweep, Long cursor, boolean sweepNext) {
        return new SyncState(SyncState.VERSION, "fp", NOW - 60, lastFullSweep, Set.of(1L), cursor, sweepNext, List.of(task(1, 1, null)),
                io.toggltasksync.testing.Cursors.jira(NOW - 60, null), List.of(), null);
    }

    private static StateFile.Loaded usable(SyncState s) {
        return new StateFile.Loaded(s, null);
    }

    @Test
    void aRecentUsableStateWithAToggleTimeIsIncremental() {
        RunMode mode = RunMode.decide(usable(state(NOW - 3600, NOW - 100, false)), DAY, false, NOW, RunMode.NO_CURSOR);
        assertThat(mode.incremental()).isTrue();
        assertThat(mode.label()).isEqualTo("incremental");
    }

    @Test
    void everyReasonForAFullSweep() {
        assertThat(RunMode.decide(usable(state(NOW - 3600, NOW - 100, false)), Duration.ZERO, false, NOW, RunMode.NO_CURSOR).reason()).contains("is 0");
        assertThat(RunMode.decide(usable(state(NOW - 3600, NOW - 100, false)), DAY, true, NOW, RunMode.NO_CURSOR).reason()).contains("--full-sweep");
        assertThat(RunMode.decide(new StateFile.Loaded(null, "no sync state yet (x)"), DAY, false, NOW, RunMode.NO_CURSOR).reason()).isEqualTo("no sync state yet (x)");
        assertThat(RunMode.decide(usable(state(NOW - 3600, NOW - 100, true)), DAY, false, NOW, RunMode.NO_CURSOR).reason()).contains("found the sync state wrong");
        assertThat(RunMode.decide(usable(state(NOW - 3600, null, false)), DAY, false, NOW, RunMode.NO_CURSOR).reason()).contains("no Toggl change time");
        assertThat(RunMode.decide(usable(state(NOW - DAY.toSeconds(), NOW - 100, false)), DAY, false, NOW, RunMode.NO_CURSOR).incremental()).isFalse();
        assertThat(RunMode.decide(usable(state(NOW + 3600, NOW - 100, false)), DAY, false, NOW, RunMode.NO_CURSOR).incremental())
                .as("a last sweep in the future (the clock went back) is not trusted").isFalse();
        assertThat(RunMode.decide(usable(state(NOW - 3600, NOW - 100, false)), DAY, false, NOW - 3600,
                s -> new io.toggltasksync.source.jira.JiraSource().cursorUnusable(s.cursor("jira"), NOW - 3600)).reason())
                .as("a Jira search that began in the future (the clock went back)").contains("time of the last Jira search");
    }

    @Test
    void theNextStateKeepsUnreadProjectsAndWhatTheRunWroteAndForgetsDeletions() {
        SyncState previous = new SyncState(SyncState.VERSION, "fp", NOW - 600, NOW - 7200, Set.of(1L, 2L), 500L, false,
                List.of(task(1, 1, null), task(2, 1, null), task(3, 2, null)), java.util.Map.of(), List.of(), null);

        SyncState next = NextState.of(previous, "fp",
                new TogglRead(false, Set.of(1L), List.of(task(1, 1, null), task(2, 1, null), task(4, 1, null)), List.of(task(5, 1, null)), 900L, 400L, Set.of(2L)),
                false, NOW, null, null);

        assertThat(next.tasks()).extracting(TogglTask::id).containsExactlyInAnyOrder(1L, 3L, 4L, 5L);
        assertThat(next.projects()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(next.togglCursor()).as("when this run began reading, by Toggl's clock").isEqualTo(900L);
        assertThat(next.lastFullSweep()).as("an incremental run keeps the last sweep's time").isEqualTo(NOW - 7200);
        assertThat(next.savedAt()).isEqualTo(NOW);
    }

    @Test
    void aFullSweepWithoutAPreviousStateStartsTheClockAndTheCursor() {
        SyncState next = NextState.of(null, "fp", new TogglRead(true, Set.of(1L), List.of(), List.of(), 1700L, null, Set.of()), true, NOW, null, null);

        assertThat(next.lastFullSweep()).isEqualTo(NOW);
        assertThat(next.togglCursor()).as("an empty project read still tells Toggl's time").isEqualTo(1700L);
        assertThat(next.sweepNext()).isTrue();
    }

    @Test
    void withoutADateTheCursorIsTheNewestChangeReadAndNeverGoesBack() {
        SyncState previous = new SyncState(SyncState.VERSION, "fp", NOW - 600, NOW - 7200, Set.of(1L), 500L, false, List.of(), java.util.Map.of(),
                List.of(), null);

        assertThat(NextState.of(previous, "fp", new TogglRead(false, Set.of(1L), List.of(), List.of(), null, 400L, Set.of()), false, NOW, null, null).togglCursor()).isEqualTo(500L);
        assertThat(NextState.of(previous, "fp", new TogglRead(false, Set.of(1L), List.of(), List.of(), null, 600L, Set.of()), false, NOW, null, null).togglCursor()).isEqualTo(600L);
        assertThat(NextState.of(null, "fp", new TogglRead(true, Set.of(1L), List.of(), List.of(), null, null, Set.of()), false, NOW, null, null).togglCursor()).as("nothing read, no Date: no cursor").isNull();
    }

    @Test
    void togglTimesAreReadWithAnOffsetOrAZ() {
        assertThat(task(1, 1, "2026-11-30T08:00:00+00:00").atEpochSecond()).isEqualTo(1_796_025_600L);
        assertThat(task(1, 1, "2026-11-30T08:00:00Z").atEpochSecond()).isEqualTo(1_796_025_600L);
        assertThat(task(1, 1, "2026-11-30T09:00:00+01:00").atEpochSecond()).isEqualTo(1_796_025_600L);
        assertThat(task(1, 1, "yesterday").atEpochSecond()).isNull();
    }

    private static SourceTask record(String key, String name) {
        return new SourceTask(Provider.JIRA, key, key + " " + name, 1, null, true, 1);
    }

    /** A state after a sweep of three tasks and two mirrored issues. */
    private static SyncState beforeEvent(boolean sweepNext) {
        return new SyncState(SyncState.VERSION, "fp", NOW - 600, NOW - 7200, Set.of(1L, 2L), 500L, sweepNext,
                List.of(task(1, 1, null), task(2, 1, null), task(3, 2, null)), io.toggltasksync.testing.Cursors.jira(NOW - 900, NOW - 890),
                List.of(record("A-1", "one"), record("A-2", "two")), null);
    }

    @Test
    void anEventMergesWhatItWroteAndPutsItsRecordWithoutMovingTheCursors() {
        SyncState previous = beforeEvent(false);
        TogglTask renamed = task(1, 1, null).written("A-1 one, renamed", 60L, true);

        SyncState next = NextState.afterEvent(previous, List.of(renamed, task(9, 1, null)), Set.of(3L), record("A-1", "one, renamed"), null,
                false, NOW);

        assertThat(next.tasks()).containsExactly(renamed, task(2, 1, null), task(9, 1, null));
        assertThat(next.records()).extracting(SourceTask::name).containsExactly("A-1 one, renamed", "A-2 two");
        assertThat(next.savedAt()).isEqualTo(NOW);
        assertThat(next.lastFullSweep()).isEqualTo(previous.lastFullSweep());
        assertThat(next.togglCursor()).isEqualTo(previous.togglCursor());
        assertThat(next.sources()).isEqualTo(previous.sources());
        assertThat(next.projects()).isEqualTo(previous.projects());
        assertThat(next.fingerprint()).isEqualTo("fp");
        assertThat(next.sweepNext()).isFalse();
    }

    @Test
    void aDeletedIssueLeavesTheRecordsAndANewOneJoinsThem() {
        SyncState previous = beforeEvent(false);

        assertThat(NextState.afterEvent(previous, List.of(), Set.of(), null, "A-2", false, NOW).records())
                .extracting(SourceTask::externalId).containsExactly("A-1");
        assertThat(NextState.afterEvent(previous, List.of(), Set.of(), record("A-3", "three"), null, false, NOW).records())
                .extracting(SourceTask::externalId).containsExactly("A-1", "A-2", "A-3");
    }

    @Test
    void aSweepAskedForStaysAskedFor() {
        assertThat(NextState.afterEvent(beforeEvent(false), List.of(), Set.of(), null, null, true, NOW).sweepNext()).isTrue();
        assertThat(NextState.afterEvent(beforeEvent(true), List.of(), Set.of(), null, null, false, NOW).sweepNext())
                .as("an event never clears what a run found").isTrue();
    }

    @Test
    void anEventKeepsTheSweepInProgressAsItWas() {
        SweepProgress sweep = SweepProgress.begin(NOW - 300, NOW + 86_000, 400L, false, 0);
        SyncState previous = beforeEvent(false).withSweep(sweep, NOW - 7200);

        assertThat(NextState.afterEvent(previous, List.of(task(9, 1, null)), Set.of(), null, null, false, NOW).sweep()).isEqualTo(sweep);
    }

    @Test
    void anEventKeepsTheProjectListTheStateKnows() {
        List<io.toggltasksync.model.TogglProject> list = List.of(new io.toggltasksync.model.TogglProject(7, "Alpha", true));
        SyncState previous = beforeEvent(false).withTogglProjects(list);

        assertThat(NextState.afterEvent(previous, List.of(), Set.of(), record("A-3", "three"), null, false, NOW).togglProjects())
                .isEqualTo(list);
    }
}
