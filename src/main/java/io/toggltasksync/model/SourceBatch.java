package io.toggltasksync.model;

import java.util.List;
import java.util.Set;

/**
 * Everything a source produced in one run: the desired tasks, the rejected records, and the Jira
 * project keys seen (used to recognise our tasks by the issue key in their name when Toggl
 * returns no integration fields).
 */
public record SourceBatch(String description, List<SourceTask> tasks, List<SourceRejection> rejections, Set<String> jiraProjectKeys) {

    public long read() {
        return (long) tasks.size() + rejections.size();
    }
}
