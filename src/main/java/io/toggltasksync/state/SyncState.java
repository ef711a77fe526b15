package io.toggltasksync.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglProject;
import io.toggltasksync.model.TogglTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the last run knew of Toggl, kept between runs (the sync state file) so that the next run
 * reads only what changed.
 *
 * @param fingerprint the configuration it belongs to (the settings' state fingerprint); another one's state is never used
 * @param savedAt when it was written (UNIX seconds, this machine's clock)
 * @param lastFullSweep when a run last read every target task (UNIX seconds, this machine's clock)
 * @param projects the projects whose tasks it holds in full
 * @param togglCursor Toggl's time when the last run began reading (the {@code Date} of its first answer; without one,
 *        the newest {@code at} read), UNIX seconds; null when neither was seen
 * @param sweepNext a run found the state wrong (a conflict or a refusal it did not foresee): the next run sweeps
 * @param tasks every task of {@code projects}, as last read or written
 * @param jiraCursor when the last complete Jira search began (UNIX seconds, this machine's clock); null for other sources
 * @param records the Jira issues that search gave, as tasks: an incremental search adds what changed to them
 * @param jiraTime when that search began by Jira's clock (UNIX seconds, the {@code Date} of its first answer); null when unknown
 * @param workspace what Toggl does in this workspace where its documentation is silent; null when nobody looked
 * @param togglProjects the workspace's projects as last read (with those the run made), for matching source projects by
 *        name without a read each run; null when no run needed them
 * @param sweep the full sweep spread over runs, as far as it got; null in a file from before it (a sweep then begins)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncState(
        @JsonProperty("version") int version,
        @JsonProperty("fingerprint") String fingerprint,
        @JsonProperty("saved_at") long savedAt,
        @JsonProperty("last_full_sweep") long lastFullSweep,
        @JsonProperty("projects") Set<Long> projects,
        @JsonProperty("toggl_cursor") Long togglCursor,
        @JsonProperty("sweep_next") boolean sweepNext,
        @JsonProperty("tasks") List<TogglTask> tasks,
        @JsonProperty("jira_cursor") Long jiraCursor,
        @JsonProperty("records") List<SourceTask> records,
        @JsonProperty("jira_time") Long jiraTime,
        @JsonProperty("workspace") WorkspaceTraits workspace,
        @JsonProperty("toggl_projects") List<TogglProject> togglProjects,
        @JsonProperty("sweep") SweepProgress sweep) {

    /** A state without a sweep in progress. */
    public SyncState(int version, String fingerprint, long savedAt, long lastFullSweep, Set<Long> projects, Long togglCursor,
            boolean sweepNext, List<TogglTask> tasks, Long jiraCursor, List<SourceTask> records, Long jiraTime, WorkspaceTraits workspace,
            List<TogglProject> togglProjects) {
        this(version, fingerprint, savedAt, lastFullSweep, projects, togglCursor, sweepNext, tasks, jiraCursor, records, jiraTime, workspace,
                togglProjects, null);
    }

    /** A state without a project list. */
    public SyncState(int version, String fingerprint, long savedAt, long lastFullSweep, Set<Long> projects, Long togglCursor,
            boolean sweepNext, List<TogglTask> tasks, Long jiraCursor, List<SourceTask> records, Long jiraTime, WorkspaceTraits workspace) {
        this(version, fingerprint, savedAt, lastFullSweep, projects, togglCursor, sweepNext, tasks, jiraCursor, records, jiraTime, workspace,
                null);
    }

    /** Bumped when the file's meaning changes: an older file then costs one full sweep. */
    public static final int VERSION = 2;

    /** What a probe learned, before any run: no task known, so the next run sweeps. */
    public static SyncState probed(String fingerprint, WorkspaceTraits workspace, long nowEpochSecond) {
        return new SyncState(VERSION, fingerprint, nowEpochSecond, 0, Set.of(), null, false, List.of(), null, List.of(), null, workspace);
    }

    /** Every time this state keeps (UNIX seconds), by its name in the file; a cursor not kept is left out. */
    public Map<String, Long> times() {
        Map<String, Long> times = new LinkedHashMap<>();
        times.put("saved_at", savedAt);
        times.put("last_full_sweep", lastFullSweep);
        times.put("toggl_cursor", togglCursor);
        times.put("jira_cursor", jiraCursor);
        times.put("jira_time", jiraTime);
        if (sweep != null) {
            times.put("sweep.started", sweep.started());
            times.put("sweep.due", sweep.due());
            times.put("sweep.covered_since", sweep.coveredSince());
            times.put("sweep.last_run", sweep.lastRun());
        }
        times.values().removeIf(java.util.Objects::isNull);
        return times;
    }

    /** This state with what was found out about the workspace on top. */
    public SyncState withWorkspace(WorkspaceTraits found) {
        WorkspaceTraits known = workspace == null ? WorkspaceTraits.UNKNOWN : workspace;
        return new SyncState(version, fingerprint, savedAt, lastFullSweep, projects, togglCursor, sweepNext, tasks, jiraCursor, records,
                jiraTime, known.with(found), togglProjects, sweep);
    }

    /** This state with the workspace's projects as a run knew them (null keeps none). */
    public SyncState withTogglProjects(List<TogglProject> list) {
        return new SyncState(version, fingerprint, savedAt, lastFullSweep, projects, togglCursor, sweepNext, tasks, jiraCursor, records,
                jiraTime, workspace, list == null ? null : List.copyOf(list), sweep);
    }

    /** This state with the sweep as a run left it, and when the last complete sweep began. */
    public SyncState withSweep(SweepProgress progress, long lastComplete) {
        return new SyncState(version, fingerprint, savedAt, lastComplete, projects, togglCursor, sweepNext, tasks, jiraCursor, records,
                jiraTime, workspace, togglProjects, progress);
    }
}
