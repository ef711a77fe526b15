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

    private static WorkspaceTraits knownTraits(SyncState previous) {
        return previous == null || previous.workspace() == null ? WorkspaceTraits.UNKNOWN : previous.workspace();
    }
}
