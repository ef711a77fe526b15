package io.toggltasksync.source.jira;

import io.toggltasksync.model.WorklogMark;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Jira's worklog changes since a time, the body after {@code direct:jira-worklog-changes}: what
 * {@code /worklog/updated} and {@code /worklog/deleted} said, site-wide.
 *
 * @param updated the worklogs changed (or made) since, with their mark when they carry ours
 * @param deleted the ids of the worklogs deleted since
 * @param reached where each feed's read ended, by Jira's clock: the next read starts there (Jira leaves out the
 *                last minute's changes, so they come in the next read, never lost)
 * @param calls   the GET calls made (retries not counted)
 */
public record WorklogChanges(List<Change> updated, Set<String> deleted, WorklogChangesQuery reached, int calls) {

    public WorklogChanges {
        updated = List.copyOf(updated);
        deleted = Set.copyOf(deleted);
        Objects.requireNonNull(reached, "reached");
    }

    /**
     * One worklog changed since.
     *
     * @param mark our mark among its properties, null for a person's worklog (or a malformed mark: never ours)
     */
    public record Change(String id, Instant updated, WorklogMark mark) {
    }
}
