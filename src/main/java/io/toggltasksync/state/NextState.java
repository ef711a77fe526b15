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
     * @param jira what this run's complete Jira search left, null for other sources
     * @param learned what this run found out about the workspace (on top of what the state knew), null: nothing
     */
    public static SyncState of(SyncState previous, String fingerprint, TogglRead toggl, boolean sweepNext, long nowEpochSecond,
            JiraRead jira, WorkspaceTraits learned) {
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
                jira == null ? null : jira.began(), jira == null ? List.of() : List.copyOf(jira.records()), jira == null ? null : jira.jiraTime(),
                knownTraits(previous).with(learned));
    }

    /**
     * The state after one Jira event was applied: the tasks it wrote or deleted, its issue's record
     * (put when it was mirrored, removed when the issue was deleted), and nothing else. The cursors
     * stay: the event read neither Toggl nor a window of Jira, so the next run reads what it would have.
     *
     * @param record the issue's record as Jira has it now, null to leave the records as they are
     * @param removedIssueKey the issue whose record goes (deleted in Jira), null for none
     */
    public static SyncState afterEvent(SyncState previous, List<TogglTask> written, Set<Long> deleted, SourceTask record,
            String removedIssueKey, boolean sweepNext, long nowEpochSecond) {
        Map<Long, TogglTask> tasks = new LinkedHashMap<>();
        previous.tasks().forEach(t -> tasks.put(t.id(), t));
        written.forEach(t -> tasks.put(t.id(), t));
        deleted.forEach(tasks::remove);
        Map<String, SourceTask> records = new LinkedHashMap<>();
        previous.records().forEach(r -> records.put(r.externalId(), r));
        if (record != null) {
            records.put(record.externalId(), record);
        }
        if (removedIssueKey != null) {
            records.remove(removedIssueKey);
        }
        return new SyncState(SyncState.VERSION, previous.fingerprint(), nowEpochSecond, previous.lastFullSweep(), previous.projects(),
                previous.togglCursor(), previous.sweepNext() || sweepNext, new ArrayList<>(tasks.values()), previous.jiraCursor(),
                new ArrayList<>(records.values()), previous.jiraTime(), previous.workspace(), previous.togglProjects(), previous.sweep());
    }

    private static WorkspaceTraits knownTraits(SyncState previous) {
        return previous == null || previous.workspace() == null ? WorkspaceTraits.UNKNOWN : previous.workspace();
    }
}
