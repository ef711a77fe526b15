package io.toggltasksync.model;

/**
 * How time entries become worklogs ({@code worklog.grouping}): one worklog per time entry, or one per
 * Toggl user, issue and calendar day (the day's entries summed). The settings read it and the planner
 * plans by it.
 */
public enum WorklogGrouping {
    ENTRY, DAY
}
