package io.toggltasksync.source.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.source.SourceRead;
import io.toggltasksync.source.TaskSource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Jira as a source ({@code sync.source=jira}): a JQL search by the {@code jira-source} route, whole in a run that
 * sweeps, else only the issues updated since the last search ({@link JiraWindow}, checked against Jira's clock by
 * {@link JiraClock}). Its cursor is a {@link JiraCursor}.
 */
@ApplicationScoped
public class JiraSource implements TaskSource {

    @Override
    public String name() {
        return "jira";
    }

    @Override
    public String notSelected(String externalId) {
        return "the JQL does not select " + externalId;
    }

    @Override
    public String cursorUnusable(JsonNode cursor, long nowEpochSecond) {
        JiraCursor c = JiraCursor.of(cursor);
        return c == null || c.began() > nowEpochSecond ? "the sync state knows no (or a future) time of the last Jira search" : null;
    }

    @Override
    public SourceRead read(JsonNode cursor, long nowEpochSecond) {
        JiraCursor last = JiraCursor.of(cursor);
        if (last == null) {
            return new JiraClock(null, null);
        }
        long elapsed = nowEpochSecond - last.began();
        return new JiraClock(new JiraWindow((elapsed + 59) / 60 + JiraWindow.OVERLAP_MINUTES), last.jiraTime());
    }
}
