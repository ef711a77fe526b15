package io.toggltasksync.state;

import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglProject;
import io.toggltasksync.model.TogglTask;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a parsed sync state can be used as it is: the file is input like any other (a hand edit,
 * a bad disk, a hostile writer on the volume), and Jackson accepts what the runs cannot (null
 * elements, a missing field read as 0, ids of 0 or below, duplicates, times no clock ever showed).
 * Checked once after parsing, so that the runs may take every part of a usable state as given.
 * Pure.
 */
final class StateContent {

    /** 9999-12-31T23:59:59Z: any time beyond it (or before 1970) is not one a clock gave. */
    static final long LATEST_EPOCH_SECOND = 253_402_300_799L;

    private StateContent() {
    }

    /** The first thing that makes {@code s} unusable, null when there is none. */
    static String problem(SyncState s) {
        String p = times(s);
        if (p == null) {
            p = ids("projects", s.projects());
        }
        if (p == null) {
            p = tasks(s.tasks());
        }
        if (p == null) {
            p = records(s.records());
        }
        if (p == null && s.sources().values().stream().anyMatch(c -> c == null || !c.isObject())) {
            // what is in it is the source's to judge (TaskSource.cursorUnusable); its shape is the state's
            p = "sources holds a cursor that is not an object";
        }
        if (p == null) {
            p = togglProjects(s.togglProjects());
        }
        if (p == null && s.sweep() != null) {
            p = sweep(s.sweep());
        }
        return p;
    }

    private static String times(SyncState s) {
        return s.times().entrySet().stream().map(t -> time(t.getKey(), t.getValue())).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }

    private static String time(String field, long epochSecond) {
        return epochSecond < 0 || epochSecond > LATEST_EPOCH_SECOND ? field + " is not a time (" + epochSecond + ")" : null;
    }

    private static String ids(String field, Collection<Long> ids) {
        if (ids == null) {
            return field + " is missing";
        }
        for (Long id : ids) {
            if (id == null || id <= 0) {
                return field + " holds " + id + ", not a Toggl id";
            }
        }
        return null;
    }

    private static String tasks(List<TogglTask> tasks) {
        if (tasks == null) {
            return "tasks is missing";
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < tasks.size(); i++) {
            TogglTask t = tasks.get(i);
            String at = "tasks[" + i + "]";
            if (t == null) {
                return at + " is null";
            }
            if (t.id() <= 0 || t.projectId() <= 0 || (t.workspaceId() != null && t.workspaceId() <= 0)) {
                return at + " has an id, project_id or workspace_id of 0 or below";
            }
            if (t.name() == null) {
                return at + " has no name";
            }
            if (t.estimatedSeconds() != null && t.estimatedSeconds() < 0) {
                return at + " has a negative estimated_seconds";
            }
            if (!seen.add(t.id())) {
                return at + " repeats task " + t.id();
            }
        }
        return null;
    }

    private static String records(List<SourceTask> records) {
        if (records == null) {
            return "records is missing";
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            SourceTask r = records.get(i);
            String at = "records[" + i + "]";
            if (r == null) {
                return at + " is null";
            }
            if (r.provider() == null || r.externalId() == null || r.externalId().isBlank() || r.name() == null) {
                return at + " has no provider, external_id or name";
            }
            // 0: a record still waiting for its project (SourceTask.PROJECT_TO_FIND)
            if (r.projectId() < 0 || (r.estimatedSeconds() != null && r.estimatedSeconds() < 0)) {
                return at + " has a negative project_id or estimated_seconds";
            }
            if (!seen.add(r.externalId())) {
                // never the value itself: the file's text does not reach the log
                return at + " repeats the external_id of an earlier record";
            }
        }
        return null;
    }

    private static String sweep(SweepProgress sweep) {
        if (sweep.projects() == null) {
            return "sweep.projects is missing";
        }
        String p = ids("sweep.projects", sweep.projects().keySet());
        if (p != null) {
            return p;
        }
        for (var e : sweep.projects().entrySet()) {
            SweepProgress.ProjectSweep v = e.getValue();
            if (v == null || v.pagesRead() < 0 || (v.lastId() != null && v.lastId() <= 0)) {
                return "sweep.projects." + e.getKey() + " is null or has a negative page count or a bad task id";
            }
        }
        if (sweep.lastRunWrites() < 0) {
            return "sweep.last_run_writes is negative";
        }
        return ids("sweep.seen", sweep.seen());
    }

    private static String togglProjects(List<TogglProject> projects) {
        if (projects == null) {
            return null; // no run needed the list yet
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < projects.size(); i++) {
            TogglProject p = projects.get(i);
            String at = "toggl_projects[" + i + "]";
            if (p == null || p.name() == null || p.id() <= 0) {
                return at + " is null, or has no name or an id of 0 or below";
            }
            if (!seen.add(p.id())) {
                return at + " repeats project " + p.id();
            }
        }
        return null;
    }
}
