package io.toggltasksync.sync;

import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.source.TaskSource;
import io.toggltasksync.source.SourceRead;
import io.toggltasksync.state.NextState;
import io.toggltasksync.state.RunMode;
import io.toggltasksync.state.SourceLeft;
import io.toggltasksync.state.StateCache;
import io.toggltasksync.state.StateFile;
import io.toggltasksync.state.StateJournal;
import io.toggltasksync.state.StateLock;
import io.toggltasksync.state.SyncState;
import io.toggltasksync.state.TogglRead;
import io.toggltasksync.state.WorkspaceTraits;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A run's use of the sync state: at the start, whether it reads Toggl incrementally; before the
 * snapshot, the tasks the state knows; at the end, the state the next run starts from.
 */
final class RunStatePersistence {

    private static final Logger LOG = Logger.getLogger(RunStatePersistence.class);
    /**
     * The next run reads again what changed this long before this run began reading: {@code since}
     * and {@code Date} are whole seconds, a write may land late, and Toggl's servers' clocks may differ.
     */
    private static final long TOGGL_OVERLAP_SECONDS = 120;

    private RunStatePersistence() {
    }

    /** Whether a run with these settings may write the state, and so takes its lock: not a dry run, nor one against the embedded sandbox. */
    static boolean writesState(SyncSettings settings) {
        return !settings.run().dryRun() && !settings.sandbox().enabled();
    }

    /**
     * The sync state's lock as a run or event holds it, from reading the state to writing it.
     *
     * @param lock null when the run goes without: it writes no state, or the lock file cannot be opened
     *        (then the state cannot be written either, or the file system locks nothing, which a warning says)
     * @param refused another process held the lock for all of the wait: the run must do nothing
     */
    record Hold(StateLock lock, boolean refused) implements AutoCloseable {
        @Override
        public void close() {
            if (lock != null) {
                try {
                    lock.close();
                } catch (IOException e) {
                    // closing the channel releases the lock whatever else failed
                    LOG.debugf("Releasing %s: %s", lock.file(), e);
                }
            }
        }
    }

    /** Takes the state's lock for a run with these settings, waiting up to {@code wait} for another process to release it. */
    static Hold lock(SyncSettings settings, Duration wait) {
        if (!writesState(settings)) {
            return new Hold(null, false);
        }
        try {
            StateLock lock = StateLock.acquire(settings.state().stateFile(), wait);
            return new Hold(lock, lock == null);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Cannot lock the sync state (%s, %s): this run goes on unlocked; a second process on the same state is not "
                    + "kept out", StateLock.lockFile(settings.state().stateFile()), e);
            return new Hold(null, false);
        }
    }

    /** Why a run that did not get the state's lock did nothing: one line, naming the lock file and what to do. */
    static String lockedOut(SyncSettings settings, Duration wait) {
        String holder = StateLock.holder(settings.state().stateFile());
        return "the sync state " + settings.state().stateFile() + " is in use by another process (lock " + StateLock.lockFile(settings.state().stateFile())
                + (holder.isEmpty() ? "" : ", " + holder) + ") past sync.state-lock-wait (" + wait.toSeconds() + "s): "
                + "nothing was read or written; run again once that run has ended (the lock goes with its process)";
    }

    /**
     * A run's start from the state as {@code read} (by the long-running process's {@link StateCache}: the file
     * read whole only when another writer changed it since; else the journal's new lines on top).
     */
    static void begin(SyncRun run, TaskSource source, StateFile.Read state, long now) {
        run.source(source);
        run.stateRead(state);
        StateFile.Loaded loaded = state.loaded();
        RunMode mode = run.settings().sandbox().enabled()
                // its tasks live in this process (or are restored into it): nothing to be incremental about
                ? new RunMode(false, "the embedded sandbox starts afresh in every run")
                : SweepKeeping.begin(run, loaded,
                        RunMode.decide(loaded, run.settings().state().fullSweepInterval(), run.settings().state().fullSweep(), now, cursorCheck(source, now)), now);
        // the run expected to complete the sweep reads its source whole: only a whole read shows a record gone
        boolean whole = !mode.incremental() || (run.sweep() != null && run.sweep().expectsToComplete());
        SourceRead read = source.read(whole ? null : loaded.state().cursor(source.name()), now);
        run.state(loaded.usable() ? loaded.state() : null, mode, read);
        if (loaded.usable() && loaded.state().workspace() != null && loaded.state().workspace().estimatesRefused()) {
            run.writes().estimatesKnownRefused();
            LOG.info("Re-estimates go one PUT each: Toggl refuses a bulk PATCH of estimated_seconds in this workspace (sync state)");
        }
        LOG.infof("Toggl read: %s (%s)", mode.incremental()
                ? "only what changed since " + Instant.ofEpochSecond(togglSince(loaded.state())) + " by Toggl's clock"
                : "full sweep", mode.reason());
    }

    /**
     * An event run plans against the state alone: it reads no Toggl task, so a state it cannot use
     * leaves the event to the next scheduled run. The state comes from {@code cache}: read whole
     * only when another writer changed the file since, else the journal's new lines on top.
     */
    static void beginEvent(SyncRun run, StateCache cache) {
        StateFile.Read read = cache.current(run.settings().state().stateFile(), run.settings().stateFingerprint());
        StateFile.Loaded loaded = read.loaded();
        if (!loaded.usable()) {
            run.state(null, new RunMode(false, "no sync state to plan against yet (" + run.settings().state().stateFile() + ")"), null);
            return;
        }
        if (loaded.state().sweepNext()) {
            // a state known to be wrong must cost a sweep, never a wrong write
            run.state(null, new RunMode(false, "the sync state asks for a full sweep"), null);
            return;
        }
        run.state(loaded.state(), new RunMode(true, "a " + run.source().title() + " event, planned against the sync state"), null);
        run.stateBase(read.digest());
        if (loaded.state().workspace() != null && loaded.state().workspace().estimatesRefused()) {
            run.writes().estimatesKnownRefused();
        }
    }

    /** An event run with nothing kept from an earlier event: the state read whole. */
    static void beginEvent(SyncRun run) {
        beginEvent(run, new StateCache());
    }

    /** The state's tasks, as the event run's snapshot (nothing is read). */
    static void seedEvent(SyncRun run) {
        SyncState state = run.state();
        run.snapshot().startFrom(state.tasks(), state.projects(), togglSince(state));
    }

    /**
     * After an event: what it wrote, and its issue's record when the event was done (as the source has it,
     * or gone when the source confirmed a deletion). An event left undone keeps the record as it was (an
     * update is in the next run's source window anyway), and a deletion left undone asks for a sweep:
     * only a sweep sees that an issue is gone.
     */
    static void afterEvent(SyncRun run, EventOutcome outcome, long now) {
        SyncState state = run.state();
        if (state == null || run.settings().run().dryRun() || outcome == EventOutcome.IGNORED) {
            return;
        }
        boolean done = outcome == EventOutcome.APPLIED || outcome == EventOutcome.UNCHANGED;
        var event = run.event();
        SourceTask record = done && run.batch() != null && !run.batch().tasks().isEmpty() ? run.batch().tasks().get(0) : null;
        String removed = done && run.issueGone() ? event.externalId() : null;
        boolean sweepNext = run.writes().stateDoubted() || (event.deleted() && !done)
                || (run.plan() != null && !run.plan().conflicts().isEmpty());
        // one line of what changed, not the whole state: the next run (or event) folds it in
        StateJournal.Entry entry = new StateJournal.Entry(state.fingerprint(), run.stateBase(), now, List.copyOf(run.writes().writtenTasks()),
                Set.copyOf(run.writes().deletedTaskIds()), record, removed, sweepNext);
        try {
            StateJournal.append(run.settings().state().stateFile(), entry);
        } catch (IOException | RuntimeException e) {
            // the state stays as it was (a line cut short costs a sweep): the event's writes are changes the next run reads anyway
            LOG.warnf("Cannot write the sync state's journal %s (%s): the next run reads Toggl's and the source's changes since the state "
                    + "was written, this event's included", StateJournal.file(run.settings().state().stateFile()), e);
        }
    }

    /**
     * A deletion the app could not look at (it was shutting down): only a full sweep sees that an
     * issue is gone, so the next run sweeps.
     */
    static void deletionLeftUndone(SyncSettings settings, StateCache cache, long now) {
        // shutting down: no waiting for another process's run
        try (Hold hold = lock(settings, Duration.ZERO)) {
            if (hold.refused()) {
                LOG.warnf("The sync state %s is in use by another process: a deleted issue's task waits for the next full sweep",
                        settings.state().stateFile());
                return;
            }
            StateFile.Read read = cache.current(settings.state().stateFile(), settings.stateFingerprint());
            if (!read.loaded().usable() || read.loaded().state().sweepNext()) {
                return;
            }
            StateJournal.append(settings.state().stateFile(),
                    new StateJournal.Entry(settings.stateFingerprint(), read.digest(), now, List.of(), Set.of(), null, null, true));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Cannot write the sync state %s (%s): a deleted issue's task waits for the next full sweep", settings.state().stateFile(), e);
        }
    }

    /**
     * In the long-running process, an incremental run's change appended to the journal rather than the
     * state written whole (43 MB at 100,000 tasks), when one line can say it and the journal stays small
     * ({@link StateJournal#appendRun}). A one-off process (a CronJob) reads the state whole anyway: it
     * writes it whole, and removes the journal. A line that could not be appended (cut short by a full
     * disk) is then overwritten by the whole state.
     */
    private static boolean appended(SyncRun run, SyncState next) {
        if (!run.settings().longRunning() || !run.mode().incremental() || run.state() == null) {
            return false;
        }
        try {
            StateFile.Read read = StateJournal.appendRun(run.settings().state().stateFile(), run.stateRead(), next);
            if (read == null) {
                return false;
            }
            run.stateSaved(read);
            LOG.debugf("Sync state: this run's change appended to %s (%d B)", StateJournal.file(run.settings().state().stateFile()),
                    read.journalLength());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Cannot append to the sync state's journal %s (%s): the state is written whole",
                    StateJournal.file(run.settings().state().stateFile()), e);
            return false;
        }
    }

    /** Why the state's cursor of {@code source} cannot serve an incremental read, as the source says. */
    static Function<SyncState, String> cursorCheck(TaskSource source, long now) {
        return state -> source.cursorUnusable(state.cursor(source.name()), now);
    }

    /**
     * Whether this run may decide that a record is gone: not after an incremental read of the source,
     * which sees neither deleted records nor records that left its selection, nor before the sweep is
     * whole (the run that completes it decides).
     */
    static boolean decidesMissing(SyncRun run) {
        return SweepKeeping.decidesMissing(run);
    }

    /**
     * The desired set of the run, as its read of the source makes it: what the source gave, or after an
     * incremental read, the records the state knows with the changed ones on top.
     */
    static SourceBatch desiredSet(SyncRun run, SourceBatch read) {
        SourceRead source = run.sourceRead();
        if (source == null) {
            return read;
        }
        return source.desiredSet(read, run.state() == null ? List.of() : run.state().records());
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
        run.snapshot().startFrom(tasks, known, togglSince(state));
        SweepKeeping.seed(run, targets);
    }

    /** Before the plan: the sweep's pages this run read folded in; a complete sweep forgets the tasks it found gone. */
    static void sweepRead(SyncRun run) {
        SweepKeeping.fold(run, TOGGL_OVERLAP_SECONDS);
    }

    /** The {@code since} an incremental read asks for: the state's cursor less the overlap. */
    private static long togglSince(SyncState state) {
        return state.togglCursor() - TOGGL_OVERLAP_SECONDS;
    }

    /**
     * At the end: once the snapshot was complete (the run planned) and the run was real, the state
     * for the next run. A run whose answers showed the state wrong (a task gone, a name taken), that
     * met a name conflict while reading incrementally, or that aborted while writing, leaves a state
     * that asks for a full sweep: a wrong state must cost one sweep, never a wrong write. A record
     * Toggl refuses for its own reasons (a 400 on its values) says nothing about the state, so it
     * does not make every later run a sweep.
     */
    static void end(SyncRun run, long now) {
        // a dry run writes nothing; a run against the embedded sandbox always sweeps, so a state would only be litter
        if (run.plan() == null || run.settings().run().dryRun() || run.settings().sandbox().enabled()) {
            return;
        }
        boolean doubtful = run.isAborted() || run.writes().stateDoubted()
                || (run.mode().incremental() && !run.plan().conflicts().isEmpty());
        TogglRead read = new TogglRead(!run.mode().incremental(), run.targetProjects(), run.snapshot().tasks(),
                run.writes().writtenTasks(), run.snapshot().startedAt(),
                run.snapshot().newestAt(), run.writes().deletedTaskIds());
        JsonNode cursor = run.sourceRead() == null ? null : run.sourceRead().nextCursor(run.started().getEpochSecond());
        SourceLeft left = cursor == null ? null : new SourceLeft(run.source().name(), cursor, run.batch().tasks());
        Boolean patchesEstimates = run.writes().estimatesAccepted() ? Boolean.TRUE : run.writes().estimatesRefused() ? Boolean.FALSE : null;
        SyncState next = NextState.of(run.state(), run.settings().stateFingerprint(), read, doubtful, now, left,
                new WorkspaceTraits(null, patchesEstimates, null));
        // the project list this run knew, else the one the state had: a run that needed none keeps it for the next
        List<io.toggltasksync.model.TogglProject> projects = run.projects().listKnown() ? run.projects().projects()
                : run.state() == null ? null : run.state().togglProjects();
        next = SweepKeeping.next(run, next.withTogglProjects(projects), now);
        if (!doubtful && appended(run, next)) {
            return;
        }
        try {
            run.stateSaved(StateFile.save(run.settings().state().stateFile(), next));
        } catch (IOException | RuntimeException e) {
            // the next run then sweeps: nothing is lost but calls
            LOG.warnf("Cannot write the sync state %s (%s): the next run reads every task", run.settings().state().stateFile(), e);
        }
    }
}
