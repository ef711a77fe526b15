package io.toggltasksync.source.jira;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@code direct:jira-worklog-changes} reads (its body): Jira's worklog changes since these times, by Jira's
 * clock, one a feed: each feed's read ends at its last item, so each keeps its own place.
 *
 * @param updatedSince where {@code /worklog/updated} is read from
 * @param deletedSince where {@code /worklog/deleted} is read from
 */
public record WorklogChangesQuery(Instant updatedSince, Instant deletedSince) {

    public WorklogChangesQuery {
        Objects.requireNonNull(updatedSince, "updatedSince");
        Objects.requireNonNull(deletedSince, "deletedSince");
    }

    /** Both feeds from one time. */
    public static WorklogChangesQuery since(Instant time) {
        return new WorklogChangesQuery(time, time);
    }

    /** The earlier of the two places: no change after it is unread. */
    public Instant earliest() {
        return updatedSince.isBefore(deletedSince) ? updatedSince : deletedSince;
    }
}
