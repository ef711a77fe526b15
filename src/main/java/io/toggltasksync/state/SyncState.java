package io.toggltasksync.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
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
 * @param sources what each source's read left for its next (its cursor), by the source's name; opaque here: only
 *        the source reads it. Empty when the source keeps none (it reads whole every run)
 * @param records the desired set an incremental source's last read made: its next incremental read puts what changed on top
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
        @JsonProperty("sources") Map<String, JsonNode> sources,
        @JsonProperty("records") List<SourceTask> records,
        @JsonProperty("workspace") WorkspaceTraits workspace,
        @JsonProperty("toggl_projects") List<TogglProject> togglProjects,
        @JsonProperty("sweep") SweepProgress sweep) {

    public SyncState {
        // a file without the field (a probe's, or one written before sources kept cursors): none kept
        if (sources == null) {
            sources = Map.of();
        } else {
            java.util.TreeMap<String, JsonNode> canonical = new java.util.TreeMap<>();
            sources.forEach((name, cursor) -> canonical.put(name, canonical(cursor)));
            sources = java.util.Collections.unmodifiableMap(canonical);
        }
    }

    /** The cursor as a read of the file gives it (a number as the parser types it), so a state compares equal to its reading. */
    private static JsonNode canonical(JsonNode cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return io.toggltasksync.support.Json.MAPPER.readTree(io.toggltasksync.support.Json.MAPPER.writeValueAsBytes(cursor));
        } catch (java.io.IOException e) {
            // a tree always writes and reads back; were it not to, the cursor as given serves as well
            return cursor;
        }
    }

    /** A state without a sweep in progress. */
    public SyncState(int version, String fingerprint, long savedAt, long lastFullSweep, Set<Long> projects, Long togglCursor,
            boolean sweepNext, List<TogglTask> tasks, Map<String, JsonNode> sources, List<SourceTask> records, WorkspaceTraits workspace,
            List<TogglProject> togglProjects) {
        this(version, fingerprint, savedAt, lastFullSweep, projects, togglCursor, sweepNext, tasks, sources, records, workspace,
                togglProjects, null);
    }

    /** A state without a project list. */
    public SyncState(int version, String fingerprint, long savedAt, long lastFullSweep, Set<Long> projects, Long togglCursor,
            boolean sweepNext, List<TogglTask> tasks, Map<String, JsonNode> sources, List<SourceTask> records, WorkspaceTraits workspace) {
        this(version, fingerprint, savedAt, lastFullSweep, projects, togglCursor, sweepNext, tasks, sources, records, workspace, null);
    }

    /**
     * Reads a file, this version's or one written before sources kept their cursors under their names: that one kept
     * the one incremental source's (Jira's) at the top ({@code jira_cursor}, {@code jira_time}); they move under its
     * name as that source reads them, so an upgrade costs neither a sweep nor the cursor. Nothing else is read into them.
     */
    @JsonCreator
    static SyncState read(@JsonProperty("version") int version, @JsonProperty("fingerprint") String fingerprint,
            @JsonProperty("saved_at") long savedAt, @JsonProperty("last_full_sweep") long lastFullSweep,
            @JsonProperty("projects") Set<Long> projects, @JsonProperty("toggl_cursor") Long togglCursor,
            @JsonProperty("sweep_next") boolean sweepNext, @JsonProperty("tasks") List<TogglTask> tasks,
            @JsonProperty("sources") Map<String, JsonNode> sources, @JsonProperty("records") List<SourceTask> records,
            @JsonProperty("workspace") WorkspaceTraits workspace, @JsonProperty("toggl_projects") List<TogglProject> togglProjects,
            @JsonProperty("sweep") SweepProgress sweep, @JsonProperty(LEGACY_CURSOR) Long legacyCursor,
            @JsonProperty(LEGACY_TIME) Long legacyTime) {
        Map<String, JsonNode> kept = sources;
        if (sources == null && legacyCursor != null) {
            com.fasterxml.jackson.databind.node.ObjectNode cursor = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            cursor.put("cursor", legacyCursor);
            if (legacyTime != null) {
                cursor.put("time", legacyTime);
            }
            kept = Map.of(LEGACY_SOURCE, cursor);
        }
        return new SyncState(version, fingerprint, savedAt, lastFullSweep, projects, togglCursor, sweepNext, tasks, kept, records, workspace,
                togglProjects, sweep);
    }

    /** Where a file of before kept its source's cursor, and whose it was (the only incremental source then). */
    private static final String LEGACY_CURSOR = "jira_cursor";
    private static final String LEGACY_TIME = "jira_time";
    private static final String LEGACY_SOURCE = "jira";

    /** What the source of this name left for its next read, null when it left nothing. */
    public JsonNode cursor(String source) {
        return sources.get(source);
    }

    /** Bumped when the file's meaning changes: an older file then costs one full sweep. */
    public static final int VERSION = 2;

    /** What a probe learned, before any run: no task known, so the next run sweeps. */
    public static SyncState probed(String fingerprint, WorkspaceTraits workspace, long nowEpochSecond) {
        return new SyncState(VERSION, fingerprint, nowEpochSecond, 0, Set.of(), null, false, List.of(), Map.of(), List.of(), workspace);
    }

    /** Every time this state keeps (UNIX seconds), by its name in the file; a cursor not kept is left out. */
    public Map<String, Long> times() {
        Map<String, Long> times = new LinkedHashMap<>();
        times.put("saved_at", savedAt);
        times.put("last_full_sweep", lastFullSweep);
        times.put("toggl_cursor", togglCursor);
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
        return new SyncState(version, fingerprint, savedAt, lastFullSweep, projects, togglCursor, sweepNext, tasks, sources, records,
                known.with(found), togglProjects, sweep);
    }

    /** This state with the workspace's projects as a run knew them (null keeps none). */
    public SyncState withTogglProjects(List<TogglProject> list) {
        return new SyncState(version, fingerprint, savedAt, lastFullSweep, projects, togglCursor, sweepNext, tasks, sources, records,
                workspace, list == null ? null : List.copyOf(list), sweep);
    }

    /** This state with the sweep as a run left it, and when the last complete sweep began. */
    public SyncState withSweep(SweepProgress progress, long lastComplete) {
        return new SyncState(version, fingerprint, savedAt, lastComplete, projects, togglCursor, sweepNext, tasks, sources, records,
                workspace, togglProjects, progress);
    }
}
