package io.toggltasksync.model;

import java.util.List;

/**
 * Everything a source produced in one run: the desired tasks, the rejected records, the source's
 * {@link IdentityRule} (how our tasks are recognised by their name when Toggl returns no
 * integration fields), the source projects whose Toggl project is still to be found, and
 * how many task names lost control characters or terminal escape sequences on the way.
 */
public record SourceBatch(String description, List<SourceTask> tasks, List<SourceRejection> rejections, IdentityRule identityRule,
        ProjectsToFind projects, int namesCleaned) {

    /** A batch whose every record knows its Toggl project. */
    public SourceBatch(String description, List<SourceTask> tasks, List<SourceRejection> rejections, IdentityRule identityRule) {
        this(description, tasks, rejections, identityRule, ProjectsToFind.NONE);
    }

    /** A batch whose names needed no cleaning (or that was derived from one the run has counted). */
    public SourceBatch(String description, List<SourceTask> tasks, List<SourceRejection> rejections, IdentityRule identityRule,
            ProjectsToFind projects) {
        this(description, tasks, rejections, identityRule, projects, 0);
    }

    public long read() {
        return (long) tasks.size() + rejections.size();
    }
}
