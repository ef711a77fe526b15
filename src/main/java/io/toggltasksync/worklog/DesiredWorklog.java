package io.toggltasksync.worklog;

import io.toggltasksync.model.WorklogMark;
import java.time.Instant;
import java.util.List;

/**
 * A worklog as Toggl's entries say it should be.
 *
 * @param key      the mark's key: {@code entry:<id>} or {@code day:<user id>:<yyyy-MM-dd>}; unique per issue
 * @param started  to the second (Jira's format has milliseconds, always {@code .000} here)
 * @param seconds  rounded up to the rounding unit: whole minutes, at least one
 * @param comment  plain text, one line
 * @param entryIds the entries it sums, in the order they started
 */
public record DesiredWorklog(String issueKey, String key, long workspaceId, Instant started, long seconds, String comment,
        List<Long> entryIds) {

    public DesiredWorklog {
        entryIds = List.copyOf(entryIds);
    }

    /** The property that marks the worklog as ours. */
    public WorklogMark mark() {
        return new WorklogMark(key, workspaceId, entryIds);
    }
}
