package io.toggltasksync.sync;

import io.toggltasksync.account.Outcome;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.state.NextState;
import io.toggltasksync.state.RunMode;
import io.toggltasksync.state.StateFile;
import io.toggltasksync.state.SyncState;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * A run's use of the sync state: at the start, whether it reads Toggl incrementally; before the
 * snapshot, the tasks the state knows; at the end, the state the next run starts from.
 */
final class StateKeeping {

    private static final Logger LOG = Logger.getLogger(StateKeeping.class);
    /** Tasks changed this long before the newest one seen are read again: Toggl's {@code since} is whole seconds, and a write may land late. */
    static final long TOGGL_OVERLAP_SECONDS = 120;

    private StateKeeping() {
    }

    static void begin(SyncRun run, long now) {
        StateFile.Loaded loaded = StateFile.load(run.settings().stateFile(), run.settings().stateFingerprint());
        RunMode mode = RunMode.decide(loaded, run.settings().fullSweepInterval(), run.settings().fullSweep(), now);
        run.state(loaded.usable() ? loaded.state() : null, mode);
        LOG.infof("Toggl read: %s (%s)", mode.incremental() ? "only what changed since the last run" : "full sweep", mode.reason());
    }

    /** Before the snapshot: an incremental run starts from the tasks the state knows of the target projects. */
    static void seed(SyncRun run, Set<Long> targets) {
        SyncState state = run.state();
        if (!run.mode().incremental() || state == null) {
            return;
        }
        Set<Long> known = new TreeSet<>(state.projects());
        known.retainAll(targets);
        List<TogglTask> tasks = state.tasks().stream().filter(t -> known.contains(t.projectId())).toList();
        run.snapshot().startFrom(tasks, known, state.togglCursor() - TOGGL_OVERLAP_SECONDS);
    }

    /**
     * At the end: once the snapshot was complete (the run planned) and the run was real, the state
     * for the next run. A run that failed records, met a conflict, or aborted while writing leaves
     * a state that asks for a full sweep: a wrong state must cost one sweep, never a wrong write.
     */
    static void end(SyncRun run, long now) {
        if (run.plan() == null || run.settings().dryRun()) {
            return;
        }
        boolean doubtful = run.isAborted() || run.ledger().total(Outcome.FAILED) > 0 || !run.plan().conflicts().isEmpty();
        SyncState next = NextState.of(run.state(), run.settings().stateFingerprint(), !run.mode().incremental(), run.targetProjects(),
                run.snapshot().tasks(), run.snapshot().newestAt(), run.writes().deletedTaskIds(), doubtful, now);
        try {
            StateFile.save(run.settings().stateFile(), next);
        } catch (IOException | RuntimeException e) {
            // the next run then sweeps: nothing is lost but calls
            LOG.warnf("Cannot write the sync state %s (%s): the next run reads every task", run.settings().stateFile(), e);
        }
    }
}
