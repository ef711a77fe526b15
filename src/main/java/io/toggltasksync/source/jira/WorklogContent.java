package io.toggltasksync.source.jira;

import io.toggltasksync.model.WorklogMark;
import java.time.Instant;
import java.util.Objects;

/**
 * What one of our worklogs says in Jira: the body of its POST or PUT.
 *
 * @param timeSpentSeconds whole minutes in seconds, at least one: Jira keeps minutes and refuses less
 * @param comment          plain text, null for none
 * @param mark             the property that makes it ours
 */
public record WorklogContent(Instant started, long timeSpentSeconds, String comment, WorklogMark mark) {

    public WorklogContent {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(mark, "mark");
        if (timeSpentSeconds < 60 || timeSpentSeconds % 60 != 0) {
            throw new IllegalArgumentException("timeSpentSeconds must be whole minutes, at least one: " + timeSpentSeconds);
        }
    }
}
