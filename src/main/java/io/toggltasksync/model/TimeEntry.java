package io.toggltasksync.model;

import java.time.Instant;

/**
 * A Toggl time entry as the worklog sync needs it, read from the Reports API's detailed search.
 * Times are instants: the search writes them with the token user's offset, the reader normalises them.
 *
 * @param userName  the Toggl user's name, for the worklog's comment
 * @param projectId null for an entry without a project
 * @param taskId    null for an entry without a task
 * @param stop      null while the entry is running
 * @param seconds   the tracked duration (meaningless while running)
 * @param at        when Toggl last modified it, null when unknown
 */
public record TimeEntry(
        long id,
        long workspaceId,
        long userId,
        String userName,
        Long projectId,
        Long taskId,
        String description,
        Instant start,
        Instant stop,
        long seconds,
        Instant at) {

    public boolean running() {
        return stop == null;
    }
}
