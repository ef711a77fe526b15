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
     * The state after events, in their order (each as {@link #afterEvent} applies one). A few changes
     * are made in place in a copy of the lists (an event's fold must not cost building an index of
     * 100,000 tasks); many, through an index built once.
     */
    static SyncState afterEvents(SyncState previous, List<StateJournal.Entry> events) {
        int changes = events.stream().mapToInt(e -> e.written().size() + e.deleted().size() + 2).sum();
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
                if (e.record() != null) {
                    put(records, e.record(), r -> java.util.Objects.equals(r.externalId(), e.record().externalId()));
                }
                if (e.removed() != null) {
                    records.removeIf(r -> e.removed().equals(r.externalId()));
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
                if (e.record() != null) {
                    byKey.put(e.record().externalId(), e.record());
                }
                if (e.removed() != null) {
                    byKey.remove(e.removed());
                }
            }
            tasks = new ArrayList<>(byId.values());
            records = new ArrayList<>(byKey.values());
        }
        boolean sweepNext = previous.sweepNext() || events.stream().anyMatch(StateJournal.Entry::sweepNext);
        long savedAt = events.isEmpty() ? previous.savedAt() : events.get(events.size() - 1).at();
        return new SyncState(SyncState.VERSION, previous.fingerprint(), savedAt, previous.lastFullSweep(), previous.projects(),
                // read-only: the long-running process keeps this state for its next events (StateCache)
                previous.togglCursor(), sweepNext, java.util.Collections.unmodifiableList(tasks), previous.sources(),
                java.util.Collections.unmodifiableList(records), previous.workspace(),
                previous.togglProjects(), previous.sweep());
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
