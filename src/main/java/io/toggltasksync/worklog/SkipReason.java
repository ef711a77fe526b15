package io.toggltasksync.worklog;

/** Why a time entry became no worklog. Every entry given to the planner is in a worklog or counted under one of these. */
public enum SkipReason {
    /** The entry, or the worklog it would be, started before the window: a closed period. */
    BEFORE_WINDOW,
    /** No stop yet. */
    RUNNING,
    /** On a task this tool does not manage. */
    OTHER_TASK,
    /** No task, and the description names no mirrored issue (or description matching is off). */
    NO_ISSUE,
    /** Under the minimum, or nothing tracked; in day grouping the whole day's sum was. */
    UNDER_MINIMUM,
    /**
     * An entry that moved to another issue, or was grouped anew (worklog.grouping changed), while
     * the deletions are held (the mass-change guard tripped, or the token sees only its own
     * entries): creating it with the old worklog still there would count its time twice.
     */
    MOVE_HELD,
    /** The same entry id given again (a report page read twice): only one copy counts. */
    DUPLICATE_ENTRY,
    /**
     * Its issue's worklogs could not be read (Jira did not show the issue): nothing is written there,
     * and its worklog elsewhere (an entry that moved) is kept until the issue can be read.
     */
    UNREADABLE_ISSUE
}
