package io.toggltasksync.state;

import io.toggltasksync.model.SourceTask;
import java.util.List;

/**
 * What a run's complete Jira search leaves for the next one.
 *
 * @param began when the search began, by this machine's clock (UNIX seconds)
 * @param jiraTime when it began by Jira's clock (the {@code Date} of its first answer), null when no answer carried one
 * @param records the desired set it made
 */
public record JiraRead(long began, Long jiraTime, List<SourceTask> records) {
}
