package io.toggltasksync.source.jira;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Which worklogs to read back (the body of {@code direct:jira-worklog-read}): those of each issue started
 * after {@code startedAfter} (the lookback's start; older worklogs are never touched), {@code pageSize} a page.
 */
public record WorklogQuery(List<String> issueKeys, Instant startedAfter, int pageSize) {

    /** Jira's own default and largest page of an issue's worklogs (Cloud keeps at most 5,000 worklogs an issue): one call an issue. */
    public static final int MAX_RESULTS = 5000;

    public WorklogQuery {
        issueKeys = List.copyOf(issueKeys);
        Objects.requireNonNull(startedAfter, "startedAfter");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive: " + pageSize);
        }
    }

    public static WorklogQuery of(Collection<String> issueKeys, Instant startedAfter) {
        return new WorklogQuery(List.copyOf(issueKeys), startedAfter, MAX_RESULTS);
    }
}
