package io.toggltasksync.source.jira;

import io.toggltasksync.source.TaskSource;
import jakarta.enterprise.context.ApplicationScoped;

/** Jira as a source ({@code sync.source=jira}): a JQL search by the {@code jira-source} route, incremental between sweeps. */
@ApplicationScoped
public class JiraSource implements TaskSource {

    @Override
    public String name() {
        return "jira";
    }
}
