package io.toggltasksync.state;

import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The state a run leaves for the next one. Pure. */
public final class NextState {

    private NextState() {
    }

    /**
     * @param previous the state this run started from, null after a full sweep that used none
     * @param toggl what this run read of Toggl and wrote to it
     * @param sweepNext whether the next run must sweep
     * @param source what this run's read of its source left for the next (its cursor and records), null when it left nothing
     * @param learned what this run found out about the workspace (on top of what the state knew), null: nothing
     */
    public static SyncState of(SyncState previous, String fingerprint, TogglRead toggl, boolean sweepNext, long nowEpochSecond,
            SourceLeft source, WorkspaceTraits learned) {
        Set<Long> projects = toggl.projects();
        Map<Long, TogglTask> tasks = new LinkedHashMap<>();
        Set<Long> covered = new TreeSet<>(projects);
        if (previous != null) {
            // projects the state holds that this run did not read stay as they were
            for (TogglTask t : previous.tasks()) {
                if (!projects.contains(t.projectId())) {
                    tasks.put(t.id(), t);
                }
            }
            covered.addAll(previous.projects());
        }
        toggl.tasks().forEach(t -> tasks.put(t.id(), t));
        toggl.written().forEach(t -> tasks.put(t.id(), t));
        toggl.deleted().forEach(tasks::remove);
        Long cursor = toggl.cursor(previous == null ? null : previous.togglCursor());
        long lastFullSweep = toggl.fullSweep() ? nowEpochSecond : previous.lastFullSweep();
        List<TogglTask> kept = new ArrayList<>(tasks.values());
        return new SyncState(SyncState.VERSION, fingerprint, nowEpochSecond, lastFullSweep, covered, cursor, sweepNext, kept,
                source == null ? Map.of() : Map.of(source.name(), source.cursor()), source == null ? List.of() : List.copyOf(source.records()),
                knownTraits(previous).with(learned));
    }

    /**
     * The state after one event was applied: the tasks it wrote or deleted, its issue's record
     * (put when it was mirrored, removed when the issue was deleted), and nothing else. The cursors
     * stay: the event read neither Toggl nor a window of its source, so the next run reads what it would have.
     *
     * @param record the record as the source has it now, null to leave the records as they are
     * @param removedIssueKey the external id of the record that goes (the source confirmed it deleted), null for none
     */
    public static SyncState afterEvent(SyncState previous, List<TogglTask> written, Set<Long> deleted, SourceTask record,
            String removedIssueKey, boolean sweepNext, long nowEpochSecond) {
        return afterEvents(previous, List.of(new StateJournal.Entry(previous.fingerprint(), null, nowEpochSecond, written, deleted, record,
                removedIssueKey, sweepNext)));
    }

    /**
     * The state after events and runs' entries, in their order (each as {@link #afterEvent} applies an
     * event's; a run's also puts and removes records and replaces what its {@link StateJournal.RunFields}
     * hold). A few changes are made in place in a copy of the lists (an event's fold must not cost building
     * an index of 100,000 tasks); many, through an index built once.
     */
    static SyncState afterEvents(SyncState previous, List<StateJournal.Entry> events) {
        int changes = events.stream()
                .mapToInt(e -> e.written().size() + e.deleted().size() + e.recordsPut().size() + e.recordsRemoved().size()).sum();
        List<TogglTask> tasks;
        List<SourceTask> records;
        if (changes <= FEW_CHANGES) {
            tasks = new ArrayList<>(previous.tasks());
            records = new ArrayList<>(previous.records());
            for (StateJournal.Entry e : events) {
                e.written().forEach(t -> put(tasks, t, x -> x.id() == t.id()));
                if (!e.deleted().isEmpty()) {
                    tasks.removeIf(t -> e.deleted().contains(t.id()));
                }
                for (SourceTask r : e.recordsPut()) {
                    put(records, r, x -> java.util.Objects.equals(x.externalId(), r.externalId()));
                }
                Set<String> removed = e.recordsRemoved();
                if (!removed.isEmpty()) {
                    records.removeIf(r -> removed.contains(r.externalId()));
                }
            }
        } else {
            Map<Long, TogglTask> byId = new LinkedHashMap<>();
            previous.tasks().forEach(t -> byId.put(t.id(), t));
            Map<String, SourceTask> byKey = new LinkedHashMap<>();
            previous.records().forEach(r -> byKey.put(r.externalId(), r));
            for (StateJournal.Entry e : events) {
                e.written().forEach(t -> byId.put(t.id(), t));
                e.deleted().forEach(byId::remove);
                e.recordsPut().forEach(r -> byKey.put(r.externalId(), r));
                e.recordsRemoved().forEach(byKey::remove);
            }
            tasks = new ArrayList<>(byId.values());
            records = new ArrayList<>(byKey.values());
        }
        boolean sweepNext = previous.sweepNext() || events.stream().anyMatch(StateJournal.Entry::sweepNext);
        long savedAt = events.isEmpty() ? previous.savedAt() : events.get(events.size() - 1).at();
        SyncState folded = new SyncState(SyncState.VERSION, previous.fingerprint(), savedAt, previous.lastFullSweep(), previous.projects(),
                // read-only: the long-running process keeps this state for its next events (StateCache)
                previous.togglCursor(), sweepNext, java.util.Collections.unmodifiableList(tasks), previous.sources(),
                java.util.Collections.unmodifiableList(records), previous.workspace(),
                previous.togglProjects(), previous.sweep());
        for (StateJournal.Entry e : events) {
            if (e.run() != null) {
                folded = withRun(folded, e.run());
            }
        }
        return folded;
    }

    /**
     * {@code s} with what a run's entry replaces; the sweep's tasks seen added to those of the same sweep.
     * An entry's sweep that does not go on with the state's (no writer makes one) is dropped: the next run
     * begins a sweep, rather than decide what is gone from part of the tasks seen.
     */
    private static SyncState withRun(SyncState s, StateJournal.RunFields run) {
        SweepProgress sweep = run.sweep();
        if (sweep != null && s.sweep() != null && s.sweep().started() == sweep.started()) {
            Set<Long> seen = new TreeSet<>(s.sweep().seen());
            seen.addAll(sweep.seen());
            sweep = new SweepProgress(sweep.started(), sweep.due(), sweep.coveredSince(), sweep.hurry(), sweep.projects(),
                    java.util.Collections.unmodifiableSet(seen), sweep.lastRun(), sweep.lastRunWrites());
        } else {
            sweep = null;
        }
        return new SyncState(SyncState.VERSION, s.fingerprint(), s.savedAt(), run.lastFullSweep(), run.projects(), run.togglCursor(),
                s.sweepNext(), s.tasks(), run.sources(), s.records(), run.workspace(), run.togglProjects(), sweep);
    }

    /**
     * A run's change of the state as one journal entry, the inverse of {@link #afterEvents}: folded into
     * {@code previous}, it gives {@code next} (the same tasks, records and fields, not always in the same order).
     * Null when an entry cannot say it for less than the whole state: another configuration, or a sweep whose
     * tasks seen are not those of {@code previous}'s with more (a sweep begun or completed).
     *
     * @param base the digest of the state file {@code previous} was read from (with its journal)
     */
    public static StateJournal.Entry runEntry(SyncState previous, SyncState next, String base) {
        // a fold only ever raises sweep_next
        if (!previous.fingerprint().equals(next.fingerprint()) || (previous.sweepNext() && !next.sweepNext())) {
            return null;
        }
        SweepProgress sweep = next.sweep();
        if (sweep != null) {
            SweepProgress before = previous.sweep();
            if (before == null || before.started() != sweep.started() || !sweep.seen().containsAll(before.seen())) {
                return null;
            }
            Set<Long> added = new TreeSet<>(sweep.seen());
            added.removeAll(before.seen());
            sweep = new SweepProgress(sweep.started(), sweep.due(), sweep.coveredSince(), sweep.hurry(), sweep.projects(), added,
                    sweep.lastRun(), sweep.lastRunWrites());
        }
        Map<Long, TogglTask> tasksBefore = new java.util.HashMap<>();
        previous.tasks().forEach(t -> tasksBefore.put(t.id(), t));
        List<TogglTask> written = new ArrayList<>();
        for (TogglTask t : next.tasks()) {
            if (!t.equals(tasksBefore.remove(t.id()))) {
                written.add(t);
            }
        }
        Set<Long> deleted = new TreeSet<>(tasksBefore.keySet());
        Map<String, SourceTask> recordsBefore = new java.util.HashMap<>();
        previous.records().forEach(r -> recordsBefore.put(r.externalId(), r));
        List<SourceTask> put = new ArrayList<>();
        for (SourceTask r : next.records()) {
            if (!r.equals(recordsBefore.remove(r.externalId()))) {
                put.add(r);
            }
        }
        Set<String> removed = new TreeSet<>(recordsBefore.keySet());
        StateJournal.RunFields run = new StateJournal.RunFields(next.lastFullSweep(), next.projects(), next.togglCursor(), next.sources(),
                next.workspace(), next.togglProjects(), sweep);
        return new StateJournal.Entry(next.fingerprint(), base, next.savedAt(), written, deleted, null, null, next.sweepNext(),
                put.isEmpty() ? null : put, removed.isEmpty() ? null : removed, run);
    }

    /** Beyond this many changes, folding builds an index rather than scanning the lists for each. */
    private static final int FEW_CHANGES = 64;

    /** {@code value} in place of the element {@code same} finds, or at the end. */
    private static <T> void put(List<T> list, T value, java.util.function.Predicate<T> same) {
        for (int i = 0; i < list.size(); i++) {
            if (same.test(list.get(i))) {
                list.set(i, value);
                return;
            }
        }
        list.add(value);
    }

    private static WorkspaceTraits knownTraits(SyncState previous) {
        return previous == null || previous.workspace() == null ? WorkspaceTraits.UNKNOWN : previous.workspace();
    }
}
