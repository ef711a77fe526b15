package io.toggltasksync.model;

import java.util.List;
import java.util.Set;

/**
 * Everything a source produced in one run: the desired tasks, the rejected records, and the Jira
 * project keys seen (used to recognise our tasks by the issue key in their name when Toggl
 * returns no integration fields), the source projects whose Toggl project is still to be found, and
 * how many task names lost control characters or terminal escape sequences on the way.
 */
public record SourceBatch(String description, List<SourceTask> tasks, List<SourceRejection> rejections, Set<String> jiraProjectKeys,
        ProjectsToFind projects, int namesCleaned) {

    /** A batch whose every record knows its Toggl project. */
    public SourceBatch(String description, List<SourceTask> tasks, List<SourceRejection> rejections, Set<String> jiraProjectKeys) {
        this(description, tasks, rejections, jiraProjectKeys, ProjectsToFind.NONE);
    }

    /** A batch whose names needed no cleaning (or that was derived from one the run has counted). */
    public SourceBatch(String description, List<SourceTask> tasks, List<SourceRejection> rejections, Set<String> jiraProjectKeys,
            ProjectsToFind projects) {
        this(description, tasks, rejections, jiraProjectKeys, projects, 0);
    }

    public long read() {
        return (long) tasks.size() + rejections.size();
    }
}
