package io.toggltasksync.state;

import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import java.util.ArrayList;
import java.util.Collection;
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
     * @param fullSweep whether this run read every target task
     * @param projects the projects this run read (in full, or what changed on top of the state)
     * @param snapshot the tasks of {@code projects} as the run knew them when it planned
     * @param newestAt the newest {@code at} among the tasks read from Toggl in this run, null when none
     * @param deleted the tasks this run deleted
     * @param sweepNext whether the next run must sweep
     * @param jiraCursor when this run's complete Jira search began, null for other sources
     * @param records the desired set of this run's Jira search (empty for other sources)
     */
    public static SyncState of(SyncState previous, String fingerprint, boolean fullSweep, Set<Long> projects,
            Collection<TogglTask> snapshot, Long newestAt, Set<Long> deleted, boolean sweepNext, long nowEpochSecond,
            Long jiraCursor, List<SourceTask> records) {
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
        snapshot.forEach(t -> tasks.put(t.id(), t));
        deleted.forEach(tasks::remove);
        Long cursor = newestAt;
        if (previous != null && previous.togglCursor() != null && (cursor == null || previous.togglCursor() > cursor)) {
            cursor = previous.togglCursor();
        }
        long lastFullSweep = fullSweep ? nowEpochSecond : previous.lastFullSweep();
        List<TogglTask> kept = new ArrayList<>(tasks.values());
        return new SyncState(SyncState.VERSION, fingerprint, nowEpochSecond, lastFullSweep, covered, cursor, sweepNext, kept,
                jiraCursor, List.copyOf(records));
    }
}
